import type { IToken } from 'chevrotain';

const TAG = /^\{%[-+]?\s*(if|elif|else|endif)\b/;

/**
 * Drops the tokens of `{% elif %}` / `{% else %}` branches. Alternatives of one `{% if %}` often each open a
 * block (`virtual_server A {` in one branch, `virtual_server fwmark B {` in the other) and only one is ever
 * rendered, so the structure is read from the first branch. `tags` are the template tags in file order.
 */
export function firstBranchOnly(tokens: IToken[], tags: readonly IToken[]): IToken[] {
  if (!tags.some((t) => /^\{%[-+]?\s*(elif|else)\b/.test(t.image))) return tokens;
  // Offset ranges covered by non-first branches.
  const hidden: Array<[number, number]> = [];
  const stack: Array<{ hiddenFrom?: number }> = [];
  for (const tag of tags) {
    const kind = TAG.exec(tag.image)?.[1];
    if (kind === 'if') stack.push({});
    else if ((kind === 'elif' || kind === 'else') && stack.length > 0) {
      const top = stack[stack.length - 1]!;
      top.hiddenFrom ??= tag.startOffset;
    } else if (kind === 'endif' && stack.length > 0) {
      const top = stack.pop()!;
      if (top.hiddenFrom !== undefined) hidden.push([top.hiddenFrom, tag.startOffset]);
    }
  }
  for (const top of stack) if (top.hiddenFrom !== undefined) hidden.push([top.hiddenFrom, Infinity]);
  if (hidden.length === 0) return tokens;
  return tokens.filter((t) => !hidden.some(([from, to]) => t.startOffset > from && t.startOffset < to));
}
