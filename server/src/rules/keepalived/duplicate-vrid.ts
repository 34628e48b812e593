import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { VrrpInstance } from '../../model/keepalived.js';
import { intOf } from '../../model/keepalived.js';
import { parseIp } from '../../model/address.js';
import type { KeepalivedRule } from '../rule.js';

/**
 * What keepalived's VRID conflict check (check_vrid_conflicts) compares of an instance: its VRID, and the clash keys
 * that two instances share exactly when they conflict. Instances alike in VRID, interface and family conflict when
 * both multicast to one group (one key, naming the group), or both unicast from one source address to at least one
 * common peer (a key per peer). Finding conflicts by key costs a map look-up per key, where comparing each instance
 * with the others of its VRID and interface grew with the square of their number.
 */
interface Key {
  readonly vrid: number;
  readonly clashes: readonly string[];
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
  const alike = `${vrid}|${inst.interface?.text ?? ''}|${family}`;
  if (inst.unicastPeers.length > 0) {
    // Unicast instances clash only when they send from the same configured address to overlapping peers.
    const src = inst.unicastSrcIp;
    if (!src || src.opaque || inst.unicastPeers.some((p) => p.opaque || !p.ip)) return undefined;
    const srcKey = addressKey(src.text);
    if (!srcKey) return undefined;
    return { vrid, clashes: [...new Set(inst.unicastPeers.map((p) => `${alike}|unicast|${srcKey}|${p.ip!.key}`))] };
  }
  // Multicast instances clash only within one multicast group: mcast_dst_ip, else global_defs' group, else the RFC one.
  const group = lastArg(inst.statement.block?.statements, 'mcast_dst_ip') ?? lastArg(globals, family === 6 ? 'vrrp_mcast_group6' : 'vrrp_mcast_group4') ?? (family === 6 ? 'ff02::12' : '224.0.0.18');
  const groupKey = addressKey(group);
  return groupKey ? { vrid, clashes: [`${alike}|multicast|${groupKey}`] } : undefined;
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

export const rule: KeepalivedRule = {
  id: 'duplicate-vrid',
  scope: 'keepalived',
  severity: 'error',
  summary: 'Two instances of one node use the same virtual_router_id on the same interface and address family.',
  docs: 'VRRP tells routers apart by VRID on a link. keepalived refuses to start its VRRP process when two multicast instances share VRID, interface, family and multicast group ("both use VRID"), and flags unicast instances with the same unicast_src_ip and overlapping peers ("duplicate VRID conflict"). IPv4 and IPv6 instances, unicast and multicast instances, and instances with different `mcast_dst_ip` may share a VRID. Otherwise give each instance its own VRID.',
  mirrors: 'keepalived',
  check(model, report) {
    const globals = model.tree.find((st) => st.keyword.value === 'global_defs')?.block?.statements;
    // The place of the first instance with each clash key: an instance conflicts with the earliest one that
    // shares a key with it, as keepalived reports the first conflict it finds.
    const firsts = new Map<string, number>();
    // keepalived creates no instance without a name, nor a second one of a name (missing-value and
    // duplicate-instance report those): neither can clash. (A file included twice defines its instances twice.)
    const names = new Set<string>();
    const addressKey = addressKeys();
    for (let place = 0; place < model.instances.length; place++) {
      const inst = model.instances[place]!;
      if (inst.name === '' || names.has(inst.name)) continue;
      names.add(inst.name);
      const key = cachedKeyOf(inst, globals, addressKey);
      if (!key) continue;
      let first: number | undefined;
      for (const clash of key.clashes) {
        const earlier = firsts.get(clash);
        if (earlier === undefined) firsts.set(clash, place);
        else if (first === undefined || earlier < first) first = earlier;
      }
      if (first === undefined) continue;
      const other = model.instances[first]!;
      const where = inst.interface?.text ? ` on interface ${inst.interface.text}` : '';
      report(inst.vrid!.statement.file, inst.vrid!.word, `'${inst.name}' and '${other.name}' both use VRID ${key.vrid}${where}`, [
        { file: other.vrid!.statement.file, span: other.vrid!.word, message: `'${other.name}' uses VRID ${key.vrid} here` },
      ]);
    }
  },
};
