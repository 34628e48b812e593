/**
 * What a VIP is in the pair, as markdown: the VRRP instance(s) that hold it, the nodes that carry it with
 * their state and priority, and the HAProxy frontends that bind it on those nodes. Used by the hover of a
 * VIP (in keepalived or in a HAProxy bind) and beside VIPs offered for a bind.
 */
import type { AnalysisResult } from '../analysis/analyze.js';
import { intOf } from '../model/keepalived.js';
import type { NodeView, PeerMember } from '../workspace/types.js';
import { bindsOn, listed, memberLabel, peersOf, vipsOf, type VipFact } from './node-facts.js';

/** The instances (with their peers) that hold the address `ipKey` among the nodes' VIPs. */
export function carriersOf(analysis: AnalysisResult, nodes: readonly NodeView[], ipKey: string): { facts: VipFact[]; members: PeerMember[] } {
  const facts = vipsOf(nodes).filter((f) => f.vip.ip!.key === ipKey);
  const members = new Map<string, PeerMember>();
  for (const f of facts) {
    for (const m of peersOf(analysis, f.instance, nodes, f.node.keepalived!)) {
      const key = JSON.stringify([m.node.name, m.instance.name]);
      if (!members.has(key)) members.set(key, m);
    }
  }
  return { facts, members: [...members.values()] };
}

/** A short line for a completion entry: `VIP of K8S_API on lb1, lb2`. */
export function vipDetail(analysis: AnalysisResult, nodes: readonly NodeView[], ipKey: string): string {
  const { facts, members } = carriersOf(analysis, nodes, ipKey);
  const instances = [...new Set(facts.map((f) => f.instance.name))].join(', ');
  const on = listed([...new Set(members.map((m) => m.node.name))], (n) => n, 'nodes');
  return `VIP of ${instances}${on ? ` on ${on}` : ''}`;
}

/** The markdown about a VIP; undefined when no instance of these nodes holds the address. */
export function vipDoc(analysis: AnalysisResult, nodes: readonly NodeView[], ipKey: string, address: string): string | undefined {
  const { facts, members } = carriersOf(analysis, nodes, ipKey);
  if (facts.length === 0) return undefined;
  const parts: string[] = [];
  const instances = [...new Map(facts.map((f) => [f.instance.name, f.instance])).values()];
  const named = instances.map((i) => {
    const vrid = intOf(i.vrid);
    return `\`${i.name}\`${vrid !== undefined ? ` (VRID ${vrid})` : ''}`;
  });
  parts.push(`**${address}** · VIP of vrrp_instance ${named.join(', ')}`);
  parts.push(`Carried by ${listed(members, memberLabel, 'nodes')}: the highest priority holds it, the others take over when it fails.`);
  const binds = bindsOn([...new Set([...nodes, ...members.map((m) => m.node)])], ipKey);
  if (binds.length === 0) parts.push('No HAProxy frontend of these nodes binds it.');
  else {
    const seen = new Map<string, Set<string>>();
    for (const b of binds) {
      const label = `${b.proxy.kind} \`${b.proxy.name}\`${b.bind.port ? ` (:${b.bind.port})` : ''}`;
      const nodesOfModel = [...nodes, ...members.map((m) => m.node)].filter((n) => n.haproxy.includes(b.model)).map((n) => n.name);
      const set = seen.get(label) ?? new Set<string>();
      nodesOfModel.forEach((n) => set.add(n));
      seen.set(label, set);
    }
    parts.push(`Bound by ${listed([...seen], ([label, on]) => (on.size > 0 ? `${label} on ${listed([...on], (n) => n, 'nodes')}` : label), 'frontends', '; ')}.`);
  }
  return parts.join('\n\n');
}
