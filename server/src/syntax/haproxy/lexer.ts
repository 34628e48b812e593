/**
 * HAProxy's tokenizer, as chevrotain tokens. It follows HAProxy's own `parse_line()` rather than a
 * shell-like guess: an unquoted `#` ends the line even in the middle of a word, a backslash escapes the
 * next character outside single quotes, nothing is interpreted inside single quotes, and quotes may start
 * or end anywhere inside a word (`foo"bar baz"` is one argument).
 */
import { createToken, Lexer, type CustomPatternMatcherReturn, type IToken } from 'chevrotain';
import { jinjaEnd } from '../jinja.js';

/** Flags carried in a Word token's payload. */
export const WORD_QUOTED = 1; // contains quotes or escapes: its value differs from its text
export const WORD_UNTERMINATED = 2; // a quote is not closed before the end of the line
export const WORD_TEMPLATED = 4; // contains a Jinja `{{ … }}` expression or `{% … %}` tag

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const BACKSLASH = 92;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACE = 123;

function isSeparator(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || c === 11 || c === 12;
}

function matchWord(text: string, offset: number): CustomPatternMatcherReturn | null {
  let i = offset;
  let flags = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSeparator(c) || c === HASH) break;
    if (c === LBRACE && (text.charCodeAt(i + 1) === LBRACE || text.charCodeAt(i + 1) === 37 /* % */)) {
      const end = jinjaEnd(text, i);
      flags |= WORD_TEMPLATED;
      i = end;
      continue;
    }
    if (c === BACKSLASH) {
      flags |= WORD_QUOTED;
      i += i + 1 < n && text.charCodeAt(i + 1) !== LF ? 2 : 1;
      continue;
    }
    if (c === DQUOTE || c === SQUOTE) {
      flags |= WORD_QUOTED;
      i++;
      while (i < n) {
        const q = text.charCodeAt(i);
        if (q === c) break;
        if (q === LF) break;
        if (q === BACKSLASH && c === DQUOTE && i + 1 < n && text.charCodeAt(i + 1) !== LF) i++;
        i++;
      }
      if (i >= n || text.charCodeAt(i) !== c) {
        flags |= WORD_UNTERMINATED;
        // HAProxy stops at the line end too, reporting an unmatched quote.
        if (i < n && text.charCodeAt(i - 1) === CR) i--;
        break;
      }
      i++;
      continue;
    }
    i++;
  }
  if (i === offset) return null;
  const match = [text.slice(offset, i)] as unknown as CustomPatternMatcherReturn;
  (match as { payload?: number }).payload = flags;
  return match;
}

function matchJinjaTrivia(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== LBRACE) return null;
  const next = text.charCodeAt(offset + 1);
  if (next !== 37 && next !== HASH) return null;
  const end = jinjaEnd(text, offset);
  return [text.slice(offset, end)] as unknown as CustomPatternMatcherReturn;
}

export const Newline = createToken({ name: 'Newline', pattern: /\r?\n/, line_breaks: true });
export const Space = createToken({ name: 'Space', pattern: /[ \t\f\v\r]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });
export const JinjaTrivia = createToken({
  name: 'JinjaTrivia',
  pattern: { exec: matchJinjaTrivia },
  start_chars_hint: ['{'],
  line_breaks: false,
  group: 'trivia',
});
export const Word = createToken({
  name: 'Word',
  pattern: { exec: matchWord },
  // Any character that is not a separator or '#' can start a word.
  line_breaks: false,
});

export const haproxyTokens = [JinjaTrivia, Word, Space, Newline, Comment];

export const haproxyLexer = new Lexer(haproxyTokens, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: false,
  skipValidations: true,
});

export function wordFlags(token: IToken): number {
  return (token.payload as number | undefined) ?? 0;
}
