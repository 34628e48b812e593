/**
 * VRRP peer groups: within one cluster scope, instances on different nodes are peers when they share a VIP
 * address, or have the same virtual_router_id and the same instance name.
 */
import { intOf, type VrrpInstance } from '../model/keepalived.js';
import type { PeerGroup, PeerMember } from './types.js';

/** What links an instance to its peers: the keys below, and all of them as one string, which a new model of an unchanged instance repeats. */
interface Links {
  readonly keys: readonly string[];
  readonly signature: string;
}

const linksByInstance = new WeakMap<VrrpInstance, Links>();

/** The keys an instance links to its peers by (kept per instance: an instance does not change once modelled). */
function linksOf(instance: VrrpInstance): Links {
  let links = linksByInstance.get(instance);
  if (!links) {
    const keys: string[] = [];
    // keepalived refuses an instance without a name ("vrrp_instance must have a name"): it never runs, so it is
    // nobody's peer (missing-value reports the name).
    if (instance.name !== '') {
      for (const v of instance.vips) if (v.ip) keys.push(`vip:${v.ip.key}`);
      const vrid = intOf(instance.vrid);
      if (vrid !== undefined) keys.push(`vrid:${vrid}:${instance.name}`);
    }
    linksByInstance.set(instance, (links = { keys, signature: `${instance.name}\n${keys.join('\n')}` }));
  }
  return links;
}

/**
 * What decides how an instance groups, as one string: instances in the same order with the same signatures on the
 * same nodes group alike, whatever else an edit changed in them.
 */
export const groupingSignature = (instance: VrrpInstance): string => linksOf(instance).signature;

export function peerGroups(instances: readonly PeerMember[]): PeerGroup[] {
  // An instance without a name is nobody's peer (linksOf).
  const members = instances.filter((m) => m.instance.name !== '');
  const parent = members.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  const byKey = new Map<string, number>();
  const link = (key: string, i: number) => {
    const j = byKey.get(key);
    if (j === undefined) byKey.set(key, i);
    else union(i, j);
  };
  members.forEach((m, i) => {
    for (const key of linksOf(m.instance).keys) link(key, i);
  });
  const groups = new Map<number, PeerMember[]>();
  members.forEach((m, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(m);
    else groups.set(root, [m]);
  });
  return [...groups.values()].filter((g) => new Set(g.map((m) => m.node)).size > 1).map((g) => ({ members: g }));
}
