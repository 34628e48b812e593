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

/**
 * Calls `visit` with each parameter from word `from` on: its index, name and what the inventory says of it. Stops at
 * the end of the line, at a word decided later, or where `visit` returns false; after a parameter whose argument
 * count is not known (`visit` should stop there), the positions of the words after it are unknown. Returns whether
 * the walk reached the end of the line.
 */
export function walkParams(
  st: Statement,
  from: number,
  lookup: (name: string, target: HaproxyVersion) => ParamVerdict,
  target: HaproxyVersion,
  visit: (at: number, name: string, pv: ParamVerdict) => boolean,
): boolean {
  for (let j = from; j < st.count; ) {
    if (opaque(st, j)) return false;
    const name = st.value(j)!;
    const pv = lookup(name, target);
    if (!visit(j, name, pv) || pv.args === 'variable') return false;
    for (let k = 1; k <= pv.args; k++) if (spreads(st, j + k)) return false;
    j += 1 + pv.args;
  }
  return true;
}
