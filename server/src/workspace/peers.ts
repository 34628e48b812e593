/**
 * VRRP peer groups: within one cluster scope, instances on different nodes are peers when they share a VIP
 * address, or have the same virtual_router_id and the same instance name.
 */
import { intOf } from '../model/keepalived.js';
import type { PeerGroup, PeerMember } from './types.js';

export function peerGroups(instances: readonly PeerMember[]): PeerGroup[] {
  // keepalived refuses an instance without a name ("vrrp_instance must have a name"): it never runs, so it is
  // nobody's peer (missing-value reports the name).
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
    for (const v of m.instance.vips) if (v.ip) link(`vip:${v.ip.key}`, i);
    const vrid = intOf(m.instance.vrid);
    if (vrid !== undefined) link(`vrid:${vrid}:${m.instance.name}`, i);
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
