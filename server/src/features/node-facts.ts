/**
 * Facts about a document's load balancer(s) from the latest analysis, for completion and hover: which nodes
 * a file belongs to, their VIPs and interface names, the HAProxy binds on an address, an instance's peers.
 * Everything here reads the AnalysisResult; nothing parses.
 */
import { someOf } from '../rules/cross/peers.js';
import type { AnalysisResult } from '../analysis/analyze.js';
import type { BindAddress, HaproxyModel, Proxy } from '../model/haproxy.js';
import { effectivePriority, type AddressEntry, type KeepalivedModel, type VrrpInstance } from '../model/keepalived.js';
import type { KWord } from '../syntax/keepalived/ast.js';
import type { NodeView, PeerMember } from '../workspace/types.js';

/** The nodes whose HAProxy configs include this file. */
export function nodesServingHaproxy(analysis: AnalysisResult, path: string): NodeView[] {
  return analysis.nodes.filter((n) => n.haproxy.some((m) => m.syntax.file.uri === path));
}

/** Whether a keepalived model reads this file: as its main file or through an include. */
export function modelReads(model: KeepalivedModel, path: string): boolean {
  return model.file.uri === path || model.includes.some((inc) => inc.targets.some((t) => t.uri === path));
}

/** The nodes whose keepalived config is this file or includes it. */
export function nodesOfKeepalived(analysis: AnalysisResult, path: string): NodeView[] {
  return analysis.nodes.filter((n) => n.keepalived !== undefined && modelReads(n.keepalived, path));
}

/** The keepalived models that read this file (its own, or those of the files that include it). */
export function modelsReading(analysis: AnalysisResult, path: string): KeepalivedModel[] {
  const out: KeepalivedModel[] = [];
  for (const models of analysis.keepalived.values()) for (const m of models) if (modelReads(m, path)) out.push(m);
  return out;
}

export interface VipFact {
  readonly node: NodeView;
  readonly instance: VrrpInstance;
  readonly vip: AddressEntry;
  /** The address without its prefix length (`192.0.2.10` for `192.0.2.10/24`). */
  readonly address: string;
}

const withoutPrefix = (text: string) => text.replace(/\/\d+$/, '');

/** Every literal VIP of the nodes' instances. */
export function vipsOf(nodes: readonly NodeView[]): VipFact[] {
  const out: VipFact[] = [];
  for (const node of nodes) {
    for (const instance of node.keepalived?.instances ?? []) {
      for (const vip of instance.vips) if (vip.ip && !vip.opaque) out.push({ node, instance, vip, address: withoutPrefix(vip.text) });
    }
  }
  return out;
}

/** Interface names the nodes use: keepalived `interface`, `dev` on address lines, track_interface entries, HAProxy `bind … interface`. */
export function interfacesOf(nodes: readonly NodeView[], keepalived: readonly KeepalivedModel[] = [], haproxy: readonly HaproxyModel[] = []): string[] {
  const names = new Set<string>();
  const fromKeepalived = (model: KeepalivedModel) => {
    for (const inst of model.instances) {
      if (inst.interface?.text && !inst.interface.opaque) names.add(inst.interface.text);
      for (const v of [...inst.vips, ...inst.excludedVips]) {
        const args = v.statement.args;
        const dev = args.findIndex((a) => a.value === 'dev');
        if (dev >= 0 && args[dev + 1]) names.add(args[dev + 1]!.value);
      }
      const track = inst.statement.block?.statements.find((s) => s.keyword.value === 'track_interface');
      for (const t of track?.block?.statements ?? []) names.add(t.keyword.value);
    }
  };
  const fromHaproxy = (model: HaproxyModel) => {
    for (const proxy of model.proxies) {
      for (const st of proxy.section.statements) {
        if (st.keyword !== 'bind') continue;
        const at = st.indexOf('interface', 2);
        const name = at > 0 ? st.value(at + 1) : undefined;
        if (name) names.add(name);
      }
    }
  };
  for (const node of nodes) {
    if (node.keepalived) fromKeepalived(node.keepalived);
    node.haproxy.forEach(fromHaproxy);
  }
  keepalived.forEach(fromKeepalived);
  haproxy.forEach(fromHaproxy);
  return [...names].filter((n) => n !== '' && !n.includes('$') && !n.includes('{{')).sort();
}

export interface BindFact {
  readonly model: HaproxyModel;
  readonly proxy: Proxy;
  readonly bind: BindAddress;
}

/** The HAProxy binds (of the nodes' HAProxy files) on an address, each file once. */
export function bindsOn(nodes: readonly NodeView[], ipKey: string): BindFact[] {
  const out: BindFact[] = [];
  const seen = new Set<HaproxyModel>();
  for (const node of nodes) {
    for (const model of node.haproxy) {
      if (seen.has(model)) continue;
      seen.add(model);
      for (const proxy of model.proxies) for (const bind of proxy.binds) if (bind.ip?.key === ipKey) out.push({ model, proxy, bind });
    }
  }
  return out;
}

/** The instance a keyword belongs to (instance statements of filtered models are copies: compare positions). */
export function instanceAt(models: readonly KeepalivedModel[], path: string, instanceKeyword: KWord): { model: KeepalivedModel; instance: VrrpInstance } | undefined {
  for (const model of models) {
    for (const instance of model.instances) {
      if (instance.statement.file.uri === path && instance.statement.keyword.start === instanceKeyword.start) return { model, instance };
    }
  }
  return undefined;
}

/**
 * How many nodes, peers or addresses a hover lists before it counts the rest: a folder of hundreds of copies of
 * one config is one peer group, and a hover naming all of them says nothing.
 */
export const LISTED = 8;

/** The first LISTED of `items` as `label` writes them, the others counted: "lb1, lb2, … and 12 more peers". */
export const listed = <T>(items: readonly T[], label: (x: T) => string, noun: string, separator = ', '): string =>
  someOf(items.slice(0, LISTED).map(label), items.length, noun, separator, LISTED);

/** The members of the instance's peer group; just the instance itself when it has no peers. */
export function peersOf(analysis: AnalysisResult, instance: VrrpInstance, nodes: readonly NodeView[], model: KeepalivedModel): PeerMember[] {
  const same = (m: PeerMember) => m.instance.statement.file.uri === instance.statement.file.uri && m.instance.statement.keyword.start === instance.statement.keyword.start && m.model === model;
  const group = analysis.peerGroups.find((g) => g.members.some(same));
  if (group) return [...group.members];
  const node = nodes.find((n) => n.keepalived === model);
  return node ? [{ node, model, instance }] : [];
}

/** `lb1 (MASTER, priority 120)`. */
export function memberLabel(m: PeerMember): string {
  const state = m.instance.state?.text ?? 'BACKUP';
  const priority = effectivePriority(m.instance);
  return `${m.node.name} (${state}${priority !== undefined ? `, priority ${priority}` : ''})`;
}
