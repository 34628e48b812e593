/**
 * keepalived's reader, as chevrotain tokens. It mirrors lib/parser.c: `#` and `!` start a comment anywhere
 * outside double quotes; a word that starts with `"` runs to the next `"` (no escapes); a `"` inside a word
 * ends it; `{` and `}` are split out of words, so `}}` closes two blocks and a block fits on one line;
 * `$NAME=value` lines define parameters, `@id`/`@^id` prefixes make a line conditional, `~SEQ(…)`/`~LST(…)`
 * repeat it. Single quotes are ordinary characters for keepalived's main tokenizer.
 */
import { createToken, Lexer, type CustomPatternMatcherReturn, type ILexingResult, type IToken } from 'chevrotain';
import { jinjaEnd } from '../jinja.js';

export const KWORD_QUOTED = 1; // written as "…"
export const KWORD_UNTERMINATED = 2; // "… with no closing quote on the line
export const KWORD_TEMPLATED = 4; // contains a Jinja {{ … }} expression
export const KWORD_ESCAPED = 8; // contains \# or \! (a literal # or ! outside quotes)

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

/** A match; `flags` ride along as chevrotain's payload, only when there are any (most words have none). */
function withFlags(image: string, flags: number): CustomPatternMatcherReturn {
  const match = [image] as unknown as CustomPatternMatcherReturn;
  if (flags !== 0) (match as { payload?: number }).payload = flags;
  return match;
}

/** True when only blanks precede `offset` on its line. */
function atLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function matchWord(text: string, offset: number): CustomPatternMatcherReturn | null {
  const n = text.length;
  const first = text.charCodeAt(offset);
  if (first === 34) {
    let i = offset + 1;
    while (i < n && text.charCodeAt(i) !== 34 && text.charCodeAt(i) !== 10) i++;
    if (i < n && text.charCodeAt(i) === 34) return withFlags(text.slice(offset, i + 1), KWORD_QUOTED);
    if (text.charCodeAt(i - 1) === 13) i--;
    return withFlags(text.slice(offset, i), KWORD_QUOTED | KWORD_UNTERMINATED);
  }
  let flags = 0;
  let i = offset;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 34 || c === 35 || c === 33 || c === 125) break;
    if (c === 123) {
      const next = text.charCodeAt(i + 1);
      if (next === 123 || next === 37) {
        flags |= KWORD_TEMPLATED;
        i = jinjaEnd(text, i);
        continue;
      }
      if (i > offset && text.charCodeAt(i - 1) === 36) {
        // ${NAME}: parameter substitution happens before braces are split out.
        const close = text.indexOf('}', i);
        const lineEnd = text.indexOf('\n', i);
        if (close !== -1 && (lineEnd === -1 || close < lineEnd)) {
          i = close + 1;
          continue;
        }
      }
      break;
    }
    if (c === 92 && (text.charCodeAt(i + 1) === 35 || text.charCodeAt(i + 1) === 33)) {
      flags |= KWORD_ESCAPED;
      i += 2;
      continue;
    }
    i++;
  }
  return i === offset ? null : withFlags(text.slice(offset, i), flags);
}

/** The start of a definition: `$NAME=`, optionally after a config-id condition (`@lb1 $NAME=`). */
const DEFINITION_HEAD = /(?:@\^?[^\s#!{}]+[ \t]+)?\$[A-Za-z_][A-Za-z0-9_]*=/y;

/** `$NAME=value` at the start of a line; a trailing backslash continues the value on the next line. */
function matchDefinition(text: string, offset: number): CustomPatternMatcherReturn | null {
  const c = text.charCodeAt(offset);
  if ((c !== 36 && c !== 64) || !atLineStart(text, offset)) return null;
  DEFINITION_HEAD.lastIndex = offset;
  if (!DEFINITION_HEAD.test(text)) return null;
  let end = offset;
  for (;;) {
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd === -1) lineEnd = text.length;
    let contentEnd = lineEnd;
    while (contentEnd > end && isSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
    if (text.charCodeAt(contentEnd - 1) === 92 && lineEnd < text.length) {
      end = lineEnd + 1;
      continue;
    }
    end = lineEnd;
    if (text.charCodeAt(end - 1) === 13) end--;
    return [text.slice(offset, end)] as unknown as CustomPatternMatcherReturn;
  }
}

function matchAtLineStart(first: number, re: RegExp) {
  return (text: string, offset: number): CustomPatternMatcherReturn | null => {
    // The cheap test first: this runs at every word of the file.
    if (text.charCodeAt(offset) !== first || !atLineStart(text, offset)) return null;
    re.lastIndex = offset;
    const m = re.exec(text);
    return m ? ([m[0]] as unknown as CustomPatternMatcherReturn) : null;
  };
}

function matchJinjaTrivia(text: string, offset: number): CustomPatternMatcherReturn | null {
  const next = text.charCodeAt(offset + 1);
  if (text.charCodeAt(offset) !== 123 || (next !== 37 && next !== 35)) return null;
  return [text.slice(offset, jinjaEnd(text, offset))] as unknown as CustomPatternMatcherReturn;
}

const Newline = createToken({ name: 'Newline', pattern: /\r?\n/, line_breaks: true, group: Lexer.SKIPPED });
const Space = createToken({ name: 'Space', pattern: /[ \t\f\v\r]+/, group: Lexer.SKIPPED });
export const JinjaTrivia = createToken({ name: 'JinjaTrivia', pattern: { exec: matchJinjaTrivia }, start_chars_hint: ['{'], line_breaks: false, group: 'trivia' });
export const Comment = createToken({ name: 'Comment', pattern: /[#!][^\r\n]*/, group: 'comments' });
export const Definition = createToken({ name: 'Definition', pattern: { exec: matchDefinition }, start_chars_hint: ['$', '@'], line_breaks: true, group: 'definitions' });
export const Conditional = createToken({ name: 'Conditional', pattern: { exec: matchAtLineStart(64 /* @ */, /@\^?[^\s#!{}]+/y) }, start_chars_hint: ['@'], line_breaks: false });
export const Repeat = createToken({ name: 'Repeat', pattern: { exec: matchAtLineStart(126 /* ~ */, /~(?:SEQx?|LST)\([^)\n]*\)/y) }, start_chars_hint: ['~'], line_breaks: false });
export const LBrace = createToken({ name: 'LBrace', pattern: '{', label: "'{'" });
export const RBrace = createToken({ name: 'RBrace', pattern: '}', label: "'}'" });

/**
 * The code units a word may start with: all but blanks, line ends, the comment characters and `}`, where matchWord
 * finds nothing. Told to chevrotain, it tries only the patterns that may start with the character at hand; without a
 * hint for Word it tried all ten at every token, and lexing took twice as long. Chevrotain files the code units from
 * 256 on in buckets of 255 (its charCodeToOptimizedIndex), all of which may start a word, so one per bucket is
 * enough: listing all 65,536 added 3 ms to building the lexer. The lexer test tries every code unit.
 */
const WORD_START: number[] = [];
for (let c = 0; c < 256; c++) if (!isSpace(c) && c !== 33 && c !== 35 && c !== 125) WORD_START.push(c);
// Bucket k holds the code units from 255k (from 256 for the first) to 255k + 254.
for (let c = 256; c <= 0xffff; c = 255 * (Math.floor(c / 255) + 1)) WORD_START.push(c);

export const Word = createToken({ name: 'Word', pattern: { exec: matchWord }, start_chars_hint: WORD_START, line_breaks: false, label: 'a keyword or value' });

/**
 * Chevrotain tries the patterns that may start with the next character in this order: blanks, line ends and
 * comments, the commonest and never words, go first; the special words go before Word, which would take them
 * otherwise; Word goes before the braces, since a word may start with a Jinja `{{`.
 */
export const KEEPALIVED_TOKENS = [Space, Newline, Comment, JinjaTrivia, Definition, Conditional, Repeat, Word, LBrace, RBrace];

/** Built on first use: a run that reads only HAProxy files (most `hapair check` runs) skips analysing the patterns. */
let lexer: Lexer | undefined;

/** Splits a keepalived file into tokens (chevrotain). */
export function tokenizeKeepalived(text: string): ILexingResult {
  lexer ??= new Lexer(KEEPALIVED_TOKENS, { positionTracking: 'onlyOffset', skipValidations: true });
  return lexer.tokenize(text);
}

export function kwordFlags(token: IToken): number {
  return (token.payload as number | undefined) ?? 0;
}
