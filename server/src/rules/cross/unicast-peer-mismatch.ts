import { parseIp } from '../../model/address.js';
import type { PeerMember } from '../../workspace/types.js';
import type { PeerRule } from '../rule.js';
import { MembersByKey, type SomeMembers } from './members-by-key.js';
import { anchorOf, NAMED, namedPeers, peerName } from './peers.js';

/** Whether the instance really sends unicast: with no peer listed keepalived falls back to multicast (see unicast-without-peers). */
const usesUnicast = (m: PeerMember) => m.instance.unicastPeers.length > 0;

export const rule: PeerRule = {
  id: 'unicast-peer-mismatch',
  scope: 'peers',
  severity: 'error',
  summary: "A peer's unicast_src_ip is missing from the other's unicast_peer list, or only one side uses unicast.",
  docs: "In unicast mode a node sends adverts only to the addresses in its unicast_peer block. If A's list lacks B's source address, B never hears A; if only one side uses unicast, the other multicasts into the void. Either way both nodes become MASTER. List each peer's unicast_src_ip in the other's unicast_peer block.",
  check(group, report) {
    // One finding per instance, naming the first peers it disagrees with (peers.ts): a group of hundreds of copies
    // compared every member with every other.
    const mode = new MembersByKey(group.members, (m) => [usesUnicast(m)]);
    const srcOf = new Map<PeerMember, { text: string; key: string }>();
    for (const o of group.members) {
      const src = o.instance.unicastSrcIp;
      const ip = usesUnicast(o) && src && !src.opaque && src.text ? parseIp(src.text) : undefined;
      if (ip) srcOf.set(o, { text: src!.text!, key: ip.key });
    }
    const bySrc = new MembersByKey(group.members, (o) => (srcOf.has(o) ? [srcOf.get(o)!.key] : undefined));
    for (const m of group.members) {
      if (!usesUnicast(m)) {
        const unicast = mode.withKey(m, true, NAMED);
        if (unicast.count === 0) continue;
        const { named, text } = namedPeers(unicast);
        const here = anchorOf(m, undefined);
        const related = named.flatMap((o) => {
          const there = o.instance.unicastPeerBlock ?? o.instance.unicastSrcIp?.statement;
          return there ? [{ file: there.file, span: there.keyword, message: `${peerName(o)} unicast settings` }] : [];
        });
        const message =
          unicast.count > 1
            ? `this instance uses multicast but peers ${text} use unicast: they never hear each other and each side becomes MASTER`
            : `this instance uses multicast but peer ${text} uses unicast: they never hear each other and both become MASTER`;
        report(here.file, here.span, message, related);
        continue;
      }
      if (m.instance.unicastPeers.some((p) => p.opaque)) continue;
      const listed = new Set(m.instance.unicastPeers.flatMap((p) => (p.ip ? [p.ip.key] : [])));
      const unlisted = unlistedSources(m, listed, srcOf, bySrc);
      if (unlisted.count === 0) continue;
      const here = m.instance.unicastPeerBlock ? { file: m.instance.unicastPeerBlock.file, span: m.instance.unicastPeerBlock.keyword } : anchorOf(m, undefined);
      const { named, text } = namedPeers(unlisted, (o) => `${peerName(o)} (${srcOf.get(o)!.text})`);
      const related = named.map((o) => ({ file: o.instance.unicastSrcIp!.statement.file, span: o.instance.unicastSrcIp!.word, message: `${peerName(o)} unicast_src_ip` }));
      const message =
        unlisted.count === 1
          ? `unicast_peer does not list ${srcOf.get(named[0]!)!.text}, the unicast_src_ip of peer ${peerName(named[0]!)}: that peer's adverts are never expected and both become MASTER`
          : `unicast_peer does not list the unicast_src_ip of peers ${text}: their adverts are never expected and each side becomes MASTER`;
      report(here.file, here.span, message, related);
    }
  },
};

/**
 * The unicast peers on other nodes whose unicast_src_ip m's unicast_peer list lacks. Counted through the index of
 * sources; the walk that names the first few skips only peers whose source m lists, which m's list already spells out.
 */
function unlistedSources(m: PeerMember, listed: ReadonlySet<string>, srcOf: ReadonlyMap<PeerMember, { key: string }>, bySrc: MembersByKey<string>): SomeMembers {
  let count = bySrc.peerCount(m);
  for (const k of listed) count -= bySrc.withKey(m, k, 0).count;
  const first: PeerMember[] = [];
  for (const [o, src] of srcOf) {
    if (first.length >= Math.min(NAMED, count)) break;
    if (o.node !== m.node && !listed.has(src.key)) first.push(o);
  }
  return { first, count };
}
