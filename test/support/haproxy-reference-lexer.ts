/**
 * HAProxy's tokenizer written plainly, the oracle of test/syntax/haproxy-lexer.test.ts: one line at a time, a
 * string per word, no hashing, interning or slicing. It follows parse_line() as the server's lexer documents it
 * (server/src/syntax/haproxy/lexer.ts), whose scanning loop is WebAssembly; the two must agree on every text.
 */
import { jinjaEnd } from '../../server/src/syntax/jinja.js';
import { unquoteHaproxy } from '../../server/src/syntax/haproxy/lexer.js';
import { WORD_QUOTED, WORD_TEMPLATED, WORD_UNTERMINATED } from '../../server/src/syntax/haproxy/words.js';

export interface ReferenceWord {
  readonly start: number;
  readonly end: number;
  readonly flags: number;
  readonly value: string;
}

export interface ReferenceLexed {
  /** Per line that holds words: its 0-based number and its words. */
  readonly lines: { line: number; words: ReferenceWord[] }[];
  /** Start and end of each comment. */
  readonly comments: [number, number][];
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\v' || c === '\f';
const atLineEnd = (text: string, i: number): boolean => text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n');

/** The word at `start`: where it ends and its flags. */
function word(text: string, start: number): { end: number; flags: number } {
  let i = start;
  let flags = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isBlank(c) || c === '\n' || c === '\r' || c === '#') break;
    if (c === '{' && (text[i + 1] === '{' || text[i + 1] === '%')) {
      flags |= WORD_TEMPLATED;
      i = jinjaEnd(text, i);
    } else if (c === '\\') {
      flags |= WORD_QUOTED;
      i += i + 1 < text.length && text[i + 1] !== '\n' ? 2 : 1;
    } else if (c === '"' || c === "'") {
      flags |= WORD_QUOTED;
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += c === '"' && text[i] === '\\' && i + 1 < text.length && text[i + 1] !== '\n' ? 2 : 1;
      if (text[i] !== c) {
        // Unmatched: the word ends at the line end, before a CR of a CR LF.
        flags |= WORD_UNTERMINATED;
        if (i < text.length && text[i - 1] === '\r') i--;
        break;
      }
      i++;
    } else i++;
  }
  return { end: i, flags };
}

export function referenceLex(text: string): ReferenceLexed {
  const lexed: ReferenceLexed = { lines: [], comments: [] };
  let i = 0;
  for (let line = 0; i < text.length; line++) {
    const words: ReferenceWord[] = [];
    while (i < text.length && text[i] !== '\n') {
      const c = text[i]!;
      if (isBlank(c) || (c === '\r' && !atLineEnd(text, i))) i++;
      else if (c === '\r') break;
      else if (c === '#') {
        const start = i;
        while (i < text.length && !atLineEnd(text, i)) i++;
        lexed.comments.push([start, i]);
        break;
      } else if (c === '{' && (text[i + 1] === '%' || text[i + 1] === '#')) i = jinjaEnd(text, i);
      else {
        const { end, flags } = word(text, i);
        const written = text.slice(i, end);
        words.push({ start: i, end, flags, value: flags & WORD_QUOTED ? unquoteHaproxy(written) : written });
        i = end;
      }
    }
    if (words.length > 0) lexed.lines.push({ line, words });
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
  }
  return lexed;
}
