import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { Setting, VrrpInstance } from '../../model/keepalived.js';
import { parseIp } from '../../model/address.js';
import type { KeepalivedRule } from '../rule.js';

interface Candidate {
  readonly statement: KStatement;
  readonly word: KStatement['keyword'];
  readonly text: string;
  /** undefined when unknowable (parameter, template). */
  readonly family?: 4 | 6;
  readonly opaque: boolean;
  readonly what: 'VIP' | 'unicast_src_ip' | 'mcast_src_ip' | 'unicast peer';
}

/** The family of a source address setting (`unicast_src_ip 192.0.2.1/24` counts as 192.0.2.1), when knowable. */
const sourceFamily = (s: Setting): 4 | 6 | undefined => (s.opaque || s.text === undefined ? undefined : parseIp(s.text.replace(/\/.*$/, ''))?.family);

/** Statements of the instance in the order keepalived reads them (nested blocks included). */
function order(inst: VrrpInstance): Map<KStatement, number> {
  const seen = new Map<KStatement, number>();
  const walk = (sts: readonly KStatement[]) => {
    for (const st of sts) {
      seen.set(st, seen.size);
      if (st.block) walk(st.block.statements);
    }
  };
  walk(inst.statement.block?.statements ?? []);
  return seen;
}

/**
 * keepalived 2.2.7 fixes an instance's address family with the first address it reads among virtual_ipaddress,
 * unicast_src_ip, mcast_src_ip and unicast_peer (virtual_ipaddress_excluded does not count). Later addresses of
 * the other family are dropped: VIPs with "address family must match VRRP instance", source and peer addresses
 * with "MUST be of the same family".
 */
function candidates(inst: VrrpInstance): Candidate[] {
  const out: Candidate[] = [];
  for (const v of inst.vips) out.push({ statement: v.statement, word: v.word, text: v.text, family: v.ip?.family, opaque: v.opaque, what: 'VIP' });
  for (const p of inst.unicastPeers) out.push({ statement: p.statement, word: p.word, text: p.text, family: p.ip?.family, opaque: p.opaque, what: 'unicast peer' });
  for (const [s, what] of [[inst.unicastSrcIp, 'unicast_src_ip'], [inst.mcastSrcIp, 'mcast_src_ip']] as const) {
    if (!s || s.text === undefined) continue;
    out.push({ statement: s.statement, word: s.word, text: s.text, family: sourceFamily(s), opaque: s.opaque, what });
  }
  const index = order(inst);
  return out.sort((a, b) => (index.get(a.statement) ?? Infinity) - (index.get(b.statement) ?? Infinity));
}

/** Whether the instance has addresses of both families: the common case, one family, needs no reading order. */
function mixesFamilies(inst: VrrpInstance): boolean {
  let seen: 4 | 6 | undefined;
  const mixes = (family: 4 | 6 | undefined) => family !== undefined && (seen ??= family) !== family;
  return (
    inst.vips.some((v) => mixes(v.ip?.family)) ||
    inst.unicastPeers.some((p) => mixes(p.ip?.family)) ||
    [inst.unicastSrcIp, inst.mcastSrcIp].some((s) => s !== undefined && mixes(sourceFamily(s)))
  );
}

const CONSEQUENCE: Record<Candidate['what'], string> = {
  VIP: 'keepalived ignores it',
  unicast_src_ip: 'keepalived ignores this source address',
  mcast_src_ip: 'keepalived ignores this source address',
  'unicast peer': 'keepalived skips this peer',
};

export const rule: KeepalivedRule = {
  id: 'vip-family-mismatch',
  scope: 'keepalived',
  perBlock: true,
  severity: 'error',
  summary: 'An instance mixes IPv4 and IPv6 in virtual_ipaddress, unicast_src_ip/mcast_src_ip or unicast_peer.',
  docs: 'A VRRP instance speaks one address family, fixed by the first address keepalived reads in it (a VIP, a source address or a unicast peer). keepalived drops VIPs of the other family ("address family must match VRRP instance") and skips source and peer addresses of the other family ("MUST be of the same family"). Use a second instance for the other family; virtual_ipaddress_excluded may mix families.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      if (!mixesFamilies(inst)) continue;
      const all = candidates(inst);
      const firstKnown = all.findIndex((c) => c.family !== undefined);
      // An unknowable address before the first known one could have fixed the family already.
      if (firstKnown === -1 || all.slice(0, firstKnown).some((c) => c.opaque)) continue;
      const first = all[firstKnown]!;
      const setBy = first.what === 'VIP' ? `first VIP ${first.text}` : `set by ${first.what} ${first.text}`;
      for (const c of all.slice(firstKnown + 1)) {
        if (c.family === undefined || c.family === first.family) continue;
        const verb = c.what === 'VIP' ? 'advertises' : 'uses';
        report(c.statement.file, c.word, `${c.text} is IPv${c.family} but '${inst.name}' ${verb} IPv${first.family} (${setBy}): ${CONSEQUENCE[c.what]}`);
      }
    }
  },
};
