/**
 * Names in a HAProxy file: sections (per file), ACLs and servers (per proxy section), and bind addresses, which
 * lead to the node's VIPs.
 */
import type { FeatureContext } from '../context.js';
import { nodesServingHaproxy } from '../node-facts.js';
import type { HaproxyModel } from '../../model/haproxy.js';
import { PREDEFINED_ACLS } from '../../rules/haproxy/undefined-acl.js';
import { haproxySiteAt, haproxySites, sameName, type HaproxySite } from './haproxy-sites.js';
import { bindAt, bindVip, vipSymbol } from './vip-symbol.js';
import { QUOTED, type NameSymbol } from './symbol.js';

/** What HAProxy accepts in proxy, section, server and ACL names. */
const HAPROXY_NAME = /^[A-Za-z0-9._:-]+$/;

export function haproxySymbolAt(ctx: FeatureContext, offset: number): NameSymbol | undefined {
  const model = ctx.haproxy?.model;
  if (!model) return undefined;
  const site = haproxySiteAt(model, offset);
  if (site) return nameSymbol(model, site);
  const bind = bindAt(model, offset);
  const vip = bind && bindVip(bind);
  // The address names the VIP; the port does not.
  if (!vip || offset < vip.span.start || offset > vip.span.end) return undefined;
  const nodes = nodesServingHaproxy(ctx.analysis, ctx.path);
  const trees = nodes.flatMap((n) => (n.keepalived ? [n.keepalived.tree] : []));
  return vipSymbol(ctx, vip, { nodes, trees, haproxy: [model] });
}

function nameSymbol(model: HaproxyModel, site: HaproxySite): NameSymbol {
  const sites = haproxySites(model);
  const file = model.syntax.file;
  const predefined = site.kind === 'acl' && PREDEFINED_ACLS.has(site.name) && !sites.some((s) => s.definition && sameName(s, site));
  return {
    kind: site.kind,
    name: site.name,
    span: site,
    fixed: predefined ? `'${site.name}' is one of HAProxy's predefined ACLs` : site.exact ? undefined : QUOTED,
    checkName(newName) {
      if (!HAPROXY_NAME.test(newName)) return `'${newName}' is not a valid HAProxy name: use only letters, digits and . _ : -`;
      const taken = sites.some((s) => s.definition && s.kind === site.kind && s.proxy === site.proxy && s.name === newName);
      return taken && newName !== site.name ? `a ${site.kind} named '${newName}' already exists` : undefined;
    },
    occurrences: () => sites.filter((s) => sameName(s, site)).map((s) => ({ file, span: s, definition: s.definition, exact: s.exact })),
  };
}
