/**
 * The roles of the words of one HAProxy line, shared by completion and hover: where the keyword is (after
 * a `no`/`default` prefix), where a condition starts, where parameters start and which parameter a word
 * belongs to, and the fetch/converter pieces of a sample expression.
 */
import type { Entry } from '../knowledge/haproxy/lookup.js';
import { paramArgs } from '../knowledge/haproxy/catalog.js';
import type { Statement } from '../syntax/haproxy/ast.js';
import type { Span } from '../syntax/text.js';
import { conditionWord, takesCondition } from '../model/haproxy.js';

/** Index of the line's keyword: 1 after a `no` or `default` prefix, else 0. */
export function keywordAt(st: Statement): number {
  const first = st.keyword;
  return (first === 'no' || first === 'default') && st.count > 1 ? 1 : 0;
}

/** Index of the first word of the condition when word `index` is in one (after `if`/`unless`), else undefined. */
export function conditionStart(st: Statement, index: number): number | undefined {
  if (!takesCondition(st.value(keywordAt(st))!)) return undefined;
  const at = conditionWord(st);
  return at >= 0 && at < index ? at + 1 : undefined;
}

/** How many anonymous-ACL braces are open before word `index`, counting from word `from`. */
export function braceDepth(st: Statement, from: number, index: number): number {
  let depth = 0;
  for (let i = from; i < index; i++) {
    const v = st.value(i)!;
    if (v === '{' || v === '!{') depth++;
    else if (v === '}') depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** Where the `name [args]` parameters of a bind, server or default-server line start, given its keyword index. */
export function paramsFrom(keyword: string, at: number): { kind: 'bind' | 'server'; from: number } | undefined {
  switch (keyword) {
    case 'bind': return { kind: 'bind', from: at + 2 };
    case 'server': return { kind: 'server', from: at + 3 };
    case 'server-template': return { kind: 'server', from: at + 4 };
    case 'default-server': return { kind: 'server', from: at + 1 };
  }
  return undefined;
}

/**
 * Word `index` among parameters from word `from` on: `{}` for a parameter name, `{ param }` for an argument
 * of that parameter, undefined after a parameter whose arguments are unknown (the rest cannot be placed).
 */
export function paramPosition(st: Statement, from: number, index: number, lookup: (name: string) => Entry | undefined): { param?: string } | undefined {
  for (let j = from; j < index; ) {
    const name = st.value(j)!;
    const n = paramArgs(lookup(name));
    if (n === undefined) return undefined;
    if (index <= j + n) return { param: name };
    j += 1 + n;
  }
  return {};
}

/**
 * Whether word `index` is a sample expression by position: the key of `stick on|match|store-*`, the value of
 * a `set-var(…)` action, the key of a `track-sc*` action. (`acl` and `{ … }` are handled with conditions.)
 */
export function expressionPosition(st: Statement, at: number, index: number): boolean {
  const keyword = st.value(at);
  if (keyword === 'stick') return index === at + 2 && /^(on|match|store-request|store-response)$/.test(st.value(at + 1) ?? '');
  const previous = st.value(index - 1) ?? '';
  return index > at + 1 && (/^set-var\(/.test(previous) || /^track-sc\d*$/.test(previous));
}

export interface SamplePiece extends Span {
  /** A converter (after a comma of the chain) rather than a fetch. */
  readonly converter: boolean;
}

/**
 * The fetch or converter name at `offset` in a word that starts at `wordStart` (`text` as written up to at
 * least the offset): inside `%[…]`, or anywhere when the word is a fetch position (`acl <name> <here>`,
 * `{ <here> … }`). Its span runs from the name's start to the offset. Undefined outside a sample
 * expression and inside an argument list.
 */
export function samplePiece(text: string, wordStart: number, offset: number, fetchPosition: boolean): SamplePiece | undefined {
  const prefix = text.slice(0, offset - wordStart);
  const open = prefix.lastIndexOf('%[');
  const inside = open >= 0 && !prefix.slice(open).includes(']');
  if (!inside && !fetchPosition) return undefined;
  const exprStart = inside ? open + 2 : 0;
  let depth = 0;
  let comma = -1;
  for (let i = exprStart; i < prefix.length; i++) {
    const c = prefix[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) comma = i;
  }
  if (depth > 0) return undefined;
  return comma >= 0 ? { start: wordStart + comma + 1, end: offset, converter: true } : { start: wordStart + exprStart, end: offset, converter: false };
}

/** The whole name of a sample piece (up to its arguments or the next converter), for hover. */
export function pieceName(text: string, wordStart: number, piece: SamplePiece): { name: string; span: Span } {
  const from = piece.start - wordStart;
  const m = /^[A-Za-z0-9_.+-]*/.exec(text.slice(from))!;
  return { name: m[0], span: { start: piece.start, end: piece.start + m[0].length } };
}
