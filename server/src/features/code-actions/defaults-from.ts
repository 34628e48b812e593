/**
 * ambiguous-defaults: every proxy that uses the named defaults section as the last one above it names it with `from`
 * instead, so that all its users name it. HAProxy reads `from` only right after the proxy's name, so a header with
 * more words (an old-style `listen name address`) cannot take it, and then no fix is offered.
 */
import { fixOf, type Fixer } from './quick-fix.js';

export const nameDefaults: Fixer = (ctx, finding) => {
  const model = ctx.haproxy?.model;
  if (!model || model.syntax.controlFlow) return [];
  const d = model.proxies.find((p) => p.section.name?.start === finding.span.start)?.defaults;
  if (!d?.name) return [];
  const implicit = model.proxies.filter((p) => p.defaults === d && p.from === undefined);
  if (implicit.length === 0 || implicit.some((p) => !p.section.name || p.section.header.count !== 2)) return [];
  const who = implicit.length === 1 ? `${implicit[0]!.kind} '${implicit[0]!.name}'` : `the ${implicit.length} proxies that use it implicitly`;
  const edits = implicit.map((p) => ({ start: p.section.name!.end, end: p.section.name!.end, newText: ` from ${d.name}` }));
  return fixOf(`Name it: 'from ${d.name}' in ${who}`, [{ file: finding.file, edits }], true);
};
