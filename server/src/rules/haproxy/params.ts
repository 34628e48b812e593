/**
 * Words of a HAProxy line as the rules read them: which ones a template or HAProxy itself fills in later, and the
 * `name [args…]` parameters of bind and server lines, walked as HAProxy walks them.
 */
import type { Statement, Word } from '../../syntax/haproxy/ast.js';
import { WORD_QUOTED, WORD_TEMPLATED } from '../../syntax/haproxy/words.js';
import type { ParamVerdict } from '../../knowledge/haproxy/lookup.js';
import type { HaproxyVersion } from '../../knowledge/versions.js';

/** Whether word `i` has a final value that HAProxy or a template engine decides later. */
export function opaque(st: Statement, i: number): boolean {
  const flags = st.flags(i);
  if (flags & WORD_TEMPLATED) return true;
  // Only quoted words can hide a template (the lexer flags unquoted ones) or an expanded variable.
  if (!(flags & WORD_QUOTED)) return false;
  const value = st.value(i)!;
  return value.includes('{{') || (value.includes('$') && st.written(i)!.includes('"'));
}

/** `"${LIST[*]}"` expands to several words, which shifts every position after it. */
export const spreads = (st: Statement, i: number) => i < st.count && opaque(st, i) && (st.value(i)!.includes('[*]') || (st.flags(i) & WORD_TEMPLATED) !== 0);

/** HAProxy reads `$VAR` literally outside double quotes; say so when such a word is refused. */
export const envHint = (w: Word) => (w.value.includes('$') ? ' (HAProxy expands environment variables only inside double quotes)' : '');

type ParamLookup = (name: string, target: HaproxyVersion) => ParamVerdict;
type ParamVisitor<C> = (ctx: C, st: Statement, at: number, name: string) => void;

/**
 * Walks the parameters from word `from` on as HAProxy does, calling `visit(ctx, st, at, name)` for each one the
 * target knows, and returns where the walk stopped: `st.count` at the end of the line; else the index of a word
 * decided later, of a parameter the target does not know (HAProxy stops there too; it is not visited), or of a
 * known parameter whose argument count varies (visited; the words after it cannot be placed). The visitor is a plain
 * function with its state in `ctx`, not a closure: the walk runs for every server line of a large file.
 */
export function walkParams(st: Statement, from: number, lookup: ParamLookup, target: HaproxyVersion): number;
export function walkParams<C>(st: Statement, from: number, lookup: ParamLookup, target: HaproxyVersion, visit: ParamVisitor<C>, ctx: C): number;
export function walkParams<C>(st: Statement, from: number, lookup: ParamLookup, target: HaproxyVersion, visit?: ParamVisitor<C>, ctx?: C): number {
  let j = from;
  while (j < st.count) {
    if (opaque(st, j)) return j;
    const name = st.value(j)!;
    const { verdict, args } = lookup(name, target);
    if (verdict.kind !== 'known') return j;
    visit?.(ctx!, st, j, name);
    if (args === 'variable') return j;
    for (let k = 1; k <= args; k++) if (spreads(st, j + k)) return j + k;
    j += 1 + args;
  }
  return st.count;
}
