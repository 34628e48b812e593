/**
 * HAProxy's tokenizer, as a chevrotain lexer. It follows HAProxy's own `parse_line()` rather than a shell-like
 * guess: an unquoted `#` ends the line even in the middle of a word, a backslash escapes the next character
 * outside single quotes, nothing is interpreted inside single quotes, and quotes may start or end anywhere
 * inside a word (`foo"bar baz"` is one argument).
 *
 * The format is line-oriented, so a token is a whole line: its custom matcher splits the words (as
 * parse_line() does) and hands them over as packed offsets in the token's payload. One token per line instead
 * of one per word keeps a 200,000-line file from allocating a million short-lived token objects.
 */
import { createToken, Lexer, type CustomPatternMatcherReturn } from 'chevrotain';
import { jinjaEnd } from '../jinja.js';

/** Flags of a word. */
export const WORD_QUOTED = 1; // contains quotes or escapes: its value differs from its text
export const WORD_UNTERMINATED = 2; // a quote is not closed before the end of the line
export const WORD_TEMPLATED = 4; // contains a Jinja `{{ … }}` expression or `{% … %}` tag

/** What a Line token carries: offsets into the lexed text. */
export interface LinePayload {
  /** Triples: start, end, WORD_* flags. */
  readonly words: number[];
  /** Start and end of the `#` comment, or empty. */
  readonly comment: number[];
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const BACKSLASH = 92;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACE = 123;
const PERCENT = 37;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === 11 || c === 12;
}

/** True at a line end: LF, or CR LF. A lone CR is a blank, as HAProxy treats it. */
function atLineEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === LF || (c === CR && text.charCodeAt(i + 1) === LF);
}

/** Scans one word from `i`; returns its end, and its flags through `out`. */
function scanWord(text: string, i: number, out: { flags: number }): number {
  const n = text.length;
  let flags = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || c === LF || c === CR || c === HASH) break;
    if (c === LBRACE && (text.charCodeAt(i + 1) === LBRACE || text.charCodeAt(i + 1) === PERCENT)) {
      flags |= WORD_TEMPLATED;
      i = jinjaEnd(text, i);
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
        if (q === c || q === LF) break;
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
  out.flags = flags;
  return i;
}

const scratch = { flags: 0 };

function matchLine(text: string, offset: number): CustomPatternMatcherReturn | null {
  const n = text.length;
  if (offset >= n || atLineEnd(text, offset)) return null;
  const words: number[] = [];
  const comment: number[] = [];
  let i = offset;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || (c === CR && !atLineEnd(text, i))) {
      i++;
      continue;
    }
    if (atLineEnd(text, i)) break;
    if (c === HASH) {
      let end = i;
      while (end < n && !atLineEnd(text, end)) end++;
      comment.push(i, end);
      i = end;
      break;
    }
    if (c === LBRACE && (text.charCodeAt(i + 1) === PERCENT || text.charCodeAt(i + 1) === HASH)) {
      // A Jinja tag between words is no argument of the line.
      i = jinjaEnd(text, i);
      continue;
    }
    const end = scanWord(text, i, scratch);
    words.push(i, end, scratch.flags);
    i = end;
  }
  const match = [text.slice(offset, i)] as unknown as CustomPatternMatcherReturn;
  (match as { payload?: LinePayload }).payload = { words, comment };
  return match;
}

export const Newline = createToken({ name: 'Newline', pattern: /\r?\n/, line_breaks: true });
export const Line = createToken({
  name: 'Line',
  pattern: { exec: matchLine },
  // Jinja tags inside a line may span lines.
  line_breaks: true,
});

export const haproxyLexer = new Lexer([Line, Newline], {
  positionTracking: 'onlyOffset',
  ensureOptimizations: false,
  skipValidations: true,
});
