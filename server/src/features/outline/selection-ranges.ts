/**
 * Selection ranges ("expand selection"): from the name under the cursor (`be_api` in `nbsrv(be_api)`, the
 * address of `192.0.2.10:443`) to its word, its line, its section or enclosing blocks, and the whole file.
 */
import type { FeatureContext } from '../context.js';
import type { HaproxySyntax, Statement } from '../../syntax/haproxy/ast.js';
import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { Span } from '../../syntax/text.js';
import { haproxySiteAt } from '../navigation/haproxy-sites.js';
import { bindAt, bindHost } from '../navigation/vip-symbol.js';
import { spanAt } from '../span-search.js';

/** For each offset, the ranges that hold it, innermost first, each strictly larger than the one before. */
export function selectionRanges(ctx: FeatureContext, offsets: readonly number[]): Span[][] {
  return offsets.map((offset) => {
    const chain = ctx.haproxy ? haproxyChain(ctx, offset) : ctx.keepalived ? keepalivedChain(ctx.keepalived.syntax.statements, offset) : [];
    chain.push({ start: 0, end: ctx.file.text.length });
    return nested(chain);
  });
}

/** Drops ranges that do not grow (a word that is the whole line, a line that is the whole section). */
function nested(chain: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of chain) {
    const last = out[out.length - 1];
    if (!last || (s.start <= last.start && s.end >= last.end && (s.start < last.start || s.end > last.end))) out.push(s);
  }
  return out;
}

function statementAt(syntax: HaproxySyntax, offset: number): { st?: Statement; section?: Span } {
  const section = spanAt(syntax.sections, offset);
  if (section) return { st: offset <= section.header.end ? section.header : spanAt(section.statements, offset), section };
  return { st: spanAt(syntax.orphans, offset) ?? spanAt(syntax.directives, offset) };
}

function haproxyChain(ctx: FeatureContext, offset: number): Span[] {
  const { syntax, model } = ctx.haproxy!;
  const { st, section } = statementAt(syntax, offset);
  const chain: Span[] = [];
  if (st) {
    const site = haproxySiteAt(model, offset);
    if (site) chain.push(site);
    const bind = bindAt(model, offset);
    const host = bind && bindHost(bind);
    if (host && host.start <= offset && offset <= host.end) chain.push(host);
    if (bind) chain.push(bind);
    for (let i = 0; i < st.count; i++) {
      const w = st.word(i)!;
      if (w.start <= offset && offset <= w.end) {
        chain.push(w);
        break;
      }
    }
    chain.push(st);
  }
  if (section) chain.push(section);
  return chain;
}

function keepalivedChain(statements: readonly KStatement[], offset: number): Span[] {
  // Outermost first while descending, reversed at the end.
  const path: Span[] = [];
  let list = statements;
  for (;;) {
    const st = spanAt(list, offset);
    if (!st) break;
    path.push(st);
    const words = [st.keyword, ...st.args];
    const last = words[words.length - 1]!;
    // Past the header's last word (in the blanks or comment lines before `{` too): the block's side.
    if (st.block && offset > last.end) {
      list = st.block.statements;
      continue;
    }
    path.push({ start: st.start, end: last.end });
    const word = words.find((w) => w.start <= offset && offset <= w.end);
    if (word) path.push(word);
    break;
  }
  return path.reverse();
}
