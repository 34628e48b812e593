/**
 * Names in a keepalived config. keepalived reads one config per machine, so a track_script resolves to a
 * vrrp_script of the same node (its file and includes): lb2's track_script never leads to lb1's script. The one
 * name that reaches across nodes is an instance's: the instances of the same virtual router on the peer nodes,
 * when they carry the same name, are listed (and renamed) with it. VIP entries are handled by vip-symbol.ts.
 */
import type { FeatureContext } from '../context.js';
import { modelsReading } from '../node-facts.js';
import type { KeepalivedModel } from '../../model/keepalived.js';
import type { KStatement } from '../../syntax/keepalived/ast.js';
import { keepalivedSiteAt, keepalivedSites, type KeepalivedSite } from './keepalived-sites.js';
import { vipSymbol } from './vip-symbol.js';
import { uniqueOccurrences, type NameSymbol, type Occurrence } from './symbol.js';

/** keepalived splits words at blanks, quotes, braces and comment characters; `$`, `@` and `~` start parameters,
 * config-ids and repeats. */
const KEEPALIVED_NAME = /^[^\s"{}#!$@~]+$/;

export function keepalivedSymbolAt(ctx: FeatureContext, offset: number): NameSymbol | undefined {
  const syntax = ctx.keepalived?.syntax;
  if (!syntax) return undefined;
  const site = keepalivedSiteAt(syntax.statements, ctx.file, offset);
  if (!site) return undefined;
  const models = modelsWith(ctx, site);
  // A file no analysis reads (outside the workspace, or unreadable includes) is its own scope.
  const trees = models.length > 0 ? models.map((m) => m.tree) : [syntax.statements];
  if (site.kind === 'vip') {
    const nodes = ctx.analysis.nodes.filter((n) => n.keepalived && models.includes(n.keepalived));
    return vipSymbol(ctx, { key: site.name, span: site, exact: true }, { nodes, trees, haproxy: [] });
  }
  return nameSymbol(ctx, site, models, trees);
}

/** The models that read the cursor's line: the file's own (one per config-id it is active for), or those of the
 * files that include it. */
function modelsWith(ctx: FeatureContext, site: KeepalivedSite): KeepalivedModel[] {
  return modelsReading(ctx.analysis, ctx.path).filter((m) => keepalivedSites(m.tree).some((s) => s.start === site.start && s.file.uri === site.file.uri));
}

function nameSymbol(ctx: FeatureContext, site: KeepalivedSite, models: readonly KeepalivedModel[], trees: ReadonlyArray<readonly KStatement[]>): NameSymbol {
  const same = (s: KeepalivedSite) => s.kind === site.kind && s.name === site.name;
  const occurrencesIn = (tree: readonly KStatement[], ownSide: boolean): Occurrence[] =>
    keepalivedSites(tree)
      .filter(same)
      .map((s) => ({ file: s.file, span: s, definition: ownSide && s.definition, exact: true }));
  return {
    kind: site.kind,
    name: site.name,
    span: site,
    checkName(newName) {
      if (!KEEPALIVED_NAME.test(newName)) return `'${newName}' is not a valid keepalived name: no blanks, quotes, braces or # ! $ @ ~`;
      const taken = trees.some((t) => keepalivedSites(t).some((s) => s.definition && s.kind === site.kind && s.name === newName));
      return taken && newName !== site.name ? `a ${site.kind} named '${newName}' already exists` : undefined;
    },
    occurrences() {
      const peers = site.kind === 'vrrp_instance' ? peerModels(ctx, models, site.name) : [];
      return uniqueOccurrences([...trees.flatMap((t) => occurrencesIn(t, true)), ...peers.flatMap((m) => occurrencesIn(m.tree, false))]);
    },
  };
}

/** The models of the peer nodes whose instance of the same virtual router has this name. */
function peerModels(ctx: FeatureContext, models: readonly KeepalivedModel[], name: string): KeepalivedModel[] {
  const out = new Set<KeepalivedModel>();
  for (const group of ctx.analysis.peerGroups) {
    if (!group.members.some((m) => models.includes(m.model) && m.instance.name === name)) continue;
    for (const m of group.members) if (!models.includes(m.model) && m.instance.name === name) out.add(m.model);
  }
  return [...out];
}
