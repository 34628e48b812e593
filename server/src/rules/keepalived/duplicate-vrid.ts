import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { VrrpInstance } from '../../model/keepalived.js';
import { intOf } from '../../model/keepalived.js';
import { parseIp } from '../../model/address.js';
import type { KeepalivedRule } from '../rule.js';

/** How an instance sends its adverts, as far as keepalived's VRID conflict check (check_vrid_conflicts) cares. */
type Transport = { kind: 'multicast'; group: string } | { kind: 'unicast'; src: string; peers: Set<string> };

interface Key {
  /** VRID, interface and family: only instances alike in these can clash. */
  readonly bucket: string;
  readonly vrid: number;
  readonly iface: string;
  readonly family: 4 | 6;
  readonly transport: Transport;
}

/** Last value of a keyword among statements (keepalived keeps the last one). */
function lastArg(statements: readonly KStatement[] | undefined, keyword: string): string | undefined {
  let value: string | undefined;
  for (const st of statements ?? []) if (st.keyword.value === keyword && st.args[0]) value = st.args[0].value;
  return value;
}

/** An address's canonical text, or undefined when it is not a literal address (then the instance is not judged). */
type AddressKey = (text: string | undefined) => string | undefined;

/**
 * An AddressKey that parses each text once: most instances share the default multicast group, and parsing it for
 * each of thousands of instances was most of this rule's time.
 */
function addressKeys(): AddressKey {
  const known = new Map<string, string | undefined>();
  return (text) => {
    if (text === undefined || text.includes('$')) return undefined;
    if (!known.has(text)) known.set(text, parseIp(text)?.key);
    return known.get(text);
  };
}

function keyOf(inst: VrrpInstance, globals: readonly KStatement[] | undefined, addressKey: AddressKey): Key | undefined {
  const vrid = intOf(inst.vrid);
  if (vrid === undefined || inst.interface?.opaque) return undefined;
  const family = inst.vips.some((v) => v.ip?.family === 6) ? 6 : 4;
  let transport: Transport;
  if (inst.unicastPeers.length > 0) {
    // Unicast instances clash only when they send from the same configured address to overlapping peers.
    const src = inst.unicastSrcIp;
    if (!src || src.opaque || inst.unicastPeers.some((p) => p.opaque || !p.ip)) return undefined;
    const srcKey = addressKey(src.text);
    if (!srcKey) return undefined;
    transport = { kind: 'unicast', src: srcKey, peers: new Set(inst.unicastPeers.map((p) => p.ip!.key)) };
  } else {
    // Multicast instances clash only within one multicast group: mcast_dst_ip, else global_defs' group, else the RFC one.
    const group = lastArg(inst.statement.block?.statements, 'mcast_dst_ip') ?? lastArg(globals, family === 6 ? 'vrrp_mcast_group6' : 'vrrp_mcast_group4') ?? (family === 6 ? 'ff02::12' : '224.0.0.18');
    const groupKey = addressKey(group);
    if (!groupKey) return undefined;
    transport = { kind: 'multicast', group: groupKey };
  }
  const iface = inst.interface?.text ?? '';
  return { bucket: `${vrid}|${iface}|${family}`, vrid, iface, family, transport };
}

/**
 * Each instance's key, kept while the global_defs it was read with are the same. The model reuses the instances an
 * edit did not touch, so in a file of thousands of instances a keystroke costs a look-up for each of them.
 */
const keys = new WeakMap<VrrpInstance, { globals: readonly KStatement[] | undefined; key: Key | undefined }>();

function cachedKeyOf(inst: VrrpInstance, globals: readonly KStatement[] | undefined, addressKey: AddressKey): Key | undefined {
  const known = keys.get(inst);
  if (known && known.globals === globals) return known.key;
  const key = keyOf(inst, globals, addressKey);
  keys.set(inst, { globals, key });
  return key;
}

function conflict(a: Key, b: Key): boolean {
  if (a.vrid !== b.vrid || a.iface !== b.iface || a.family !== b.family || a.transport.kind !== b.transport.kind) return false;
  if (a.transport.kind === 'multicast') return b.transport.kind === 'multicast' && a.transport.group === b.transport.group;
  if (b.transport.kind !== 'unicast' || a.transport.src !== b.transport.src) return false;
  for (const p of a.transport.peers) if (b.transport.peers.has(p)) return true;
  return false;
}

export const rule: KeepalivedRule = {
  id: 'duplicate-vrid',
  scope: 'keepalived',
  severity: 'error',
  summary: 'Two instances of one node use the same virtual_router_id on the same interface and address family.',
  docs: 'VRRP tells routers apart by VRID on a link. keepalived refuses to start its VRRP process when two multicast instances share VRID, interface, family and multicast group ("both use VRID"), and flags unicast instances with the same unicast_src_ip and overlapping peers ("duplicate VRID conflict"). IPv4 and IPv6 instances, unicast and multicast instances, and instances with different `mcast_dst_ip` may share a VRID. Otherwise give each instance its own VRID.',
  mirrors: 'keepalived',
  check(model, report) {
    const globals = model.tree.find((st) => st.keyword.value === 'global_defs')?.block?.statements;
    // Only instances with the same VRID, interface and family can clash: compare within those buckets, so a
    // config with thousands of instances is not checked pair by pair.
    const buckets = new Map<string, Array<{ inst: VrrpInstance; key: Key }>>();
    // keepalived creates no instance without a name, nor a second one of a name (missing-value and
    // duplicate-instance report those): neither can clash. (A file included twice defines its instances twice.)
    const names = new Set<string>();
    const addressKey = addressKeys();
    for (const inst of model.instances) {
      if (inst.name === '' || names.has(inst.name)) continue;
      names.add(inst.name);
      const key = cachedKeyOf(inst, globals, addressKey);
      if (!key) continue;
      const seen = buckets.get(key.bucket) ?? buckets.set(key.bucket, []).get(key.bucket)!;
      const first = seen.find((s) => conflict(s.key, key))?.inst;
      seen.push({ inst, key });
      if (!first) continue;
      const where = inst.interface?.text ? ` on interface ${inst.interface.text}` : '';
      report(inst.vrid!.statement.file, inst.vrid!.word, `'${inst.name}' and '${first.name}' both use VRID ${key.vrid}${where}`, [
        { file: first.vrid!.statement.file, span: first.vrid!.word, message: `'${first.name}' uses VRID ${key.vrid} here` },
      ]);
    }
  },
};
