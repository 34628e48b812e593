/**
 * VIP addresses across the pair. A VIP is defined by the virtual_ipaddress entries of a node's keepalived config;
 * it is used by that node's HAProxy binds, and by the peer nodes, whose keepalived instances carry the same
 * address and whose HAProxy files bind it too. "Definition" therefore means the entries of the cursor's own node;
 * "references" add the binds and the peers (found through the analysis's peer groups).
 */
import type { FeatureContext } from '../context.js';
import type { BindAddress, HaproxyModel } from '../../model/haproxy.js';
import { parseIp } from '../../model/address.js';
import type { KeepalivedModel } from '../../model/keepalived.js';
import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { Span } from '../../syntax/text.js';
import type { NodeView } from '../../workspace/types.js';
import { keepalivedSites } from './keepalived-sites.js';
import { QUOTED, uniqueOccurrences, type NameSymbol, type Occurrence } from './symbol.js';

/** The address at the cursor: its canonical key (address.ts), where it is written, and whether that range is
 * exactly the address. */
export interface VipAt {
  readonly key: string;
  readonly span: Span;
  readonly exact: boolean;
}

/** What the cursor's side of the pair consists of: its nodes, their keepalived trees and HAProxy models. */
export interface VipScope {
  readonly nodes: readonly NodeView[];
  readonly trees: ReadonlyArray<readonly KStatement[]>;
  readonly haproxy: readonly HaproxyModel[];
}

/** The literal IP address bound at `offset`, if any. */
export function bindAt(model: HaproxyModel, offset: number): BindAddress | undefined {
  const proxy = model.proxies.find((p) => p.section.start <= offset && offset <= p.section.end);
  return proxy?.binds.find((b) => b.kind === 'ip' && b.start <= offset && offset <= b.end);
}

/** The address part of a bind: `192.0.2.10` in `ipv4@192.0.2.10:443`, the inside of `[2001:db8::1]:443`.
 * Undefined when the bind word is quoted, so offsets inside it are not the address's. */
export function bindHost(bind: BindAddress): Span | undefined {
  if (bind.end - bind.start !== bind.text.length) return undefined;
  const from = bind.text.indexOf('@') + 1;
  const rest = bind.text.slice(from);
  const base = bind.start + from;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    return close === -1 ? undefined : { start: base + 1, end: base + close };
  }
  const colon = rest.lastIndexOf(':');
  return { start: base, end: base + (colon === -1 ? rest.length : colon) };
}

export function bindVip(bind: BindAddress): VipAt {
  const host = bindHost(bind);
  return { key: bind.ip!.key, span: host ?? bind, exact: host !== undefined };
}

const familyOf = (key: string) => (key.includes(':') ? 6 : 4);

export function vipSymbol(ctx: FeatureContext, at: VipAt, own: VipScope): NameSymbol {
  const isVip = own.trees.some((t) => keepalivedSites(t).some((s) => s.kind === 'vip' && s.definition && s.name === at.key));
  const family = familyOf(at.key);
  return {
    kind: isVip ? 'VIP' : 'address',
    name: ctx.file.text.slice(at.span.start, at.span.end),
    span: at.span,
    fixed: at.exact ? undefined : QUOTED,
    checkName(newName) {
      const ip = newName.includes('/') ? undefined : parseIp(newName);
      return ip?.family === family ? undefined : `'${newName}' is not an IPv${family} address (without prefix length or port)`;
    },
    occurrences: () => vipOccurrences(ctx, at.key, own),
  };
}

function vipOccurrences(ctx: FeatureContext, key: string, own: VipScope): Occurrence[] {
  const ownModels = new Set(own.nodes.map((n) => n.keepalived).filter((m): m is KeepalivedModel => m !== undefined));
  // Peer nodes: the members of every peer group in which one of our instances holds this address.
  const cluster = new Set<NodeView>(own.nodes);
  for (const group of ctx.analysis.peerGroups) {
    const ours = group.members.some((m) => ownModels.has(m.model) && [...m.instance.vips, ...m.instance.excludedVips].some((v) => v.ip?.key === key));
    if (ours) for (const m of group.members) cluster.add(m.node);
  }
  const out: Occurrence[] = [];
  const addEntries = (tree: readonly KStatement[], ownSide: boolean) => {
    for (const s of keepalivedSites(tree)) {
      if (s.kind === 'vip' && s.name === key) out.push({ file: s.file, span: s, definition: ownSide && s.definition, exact: true });
    }
  };
  for (const tree of own.trees) addEntries(tree, true);
  const haproxy = new Set(own.haproxy);
  for (const node of cluster) {
    if (node.keepalived) addEntries(node.keepalived.tree, false);
    node.haproxy.forEach((h) => haproxy.add(h));
  }
  for (const model of haproxy) {
    for (const proxy of model.proxies) {
      for (const bind of proxy.binds) {
        if (bind.kind !== 'ip' || bind.ip?.key !== key) continue;
        const at = bindVip(bind);
        out.push({ file: model.syntax.file, span: at.span, definition: false, exact: at.exact });
      }
    }
  }
  return uniqueOccurrences(out);
}
