/**
 * HAProxy's tokenizer. It follows HAProxy's own `parse_line()` rather than a shell-like guess: an unquoted `#` ends
 * the line even in the middle of a word, a backslash escapes the next character outside single quotes, nothing is
 * interpreted inside single quotes, and quotes may start or end anywhere inside a word (`foo"bar baz"` is one
 * argument).
 *
 * The format is line-oriented and no word spans lines, so the lexer is a loop over lines: each line's words are
 * split as parse_line() does and written straight into the WordTable, each value interned as it is scanned
 * (atoms.ts). A file costs no object per word. Not a chevrotain lexer: with one token, a run of whole lines, it would
 * add nothing to this loop but its set-up, 3–4 ms of every process that reads a HAProxy file (keepalived's lexer,
 * whose tokens differ, is chevrotain's: syntax/keepalived/lexer.ts).
 */
import { jinjaEnd } from '../jinja.js';
import { hashStart, hashStep } from './atoms.js';
import { IntList } from '../int-list.js';
import { WORD_QUOTED, WORD_TEMPLATED, WORD_UNTERMINATED, type WordTable } from './words.js';
import type { Steps } from '../steps.js';

/** What lexing a file produces besides the words themselves. */
export interface LexedLines {
  /** Triples per line that holds words: index of its first word, number of words, 0-based line. */
  readonly rows: IntList;
  /** Pairs: start and end of each `#` comment. */
  readonly comments: IntList;
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

/** Resolves quotes and backslash escapes the way HAProxy's parse_line() does. */
export function unquoteHaproxy(text: string): string {
  let out = '';
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === SQUOTE) {
      if (c === SQUOTE) quote = 0;
      else out += text[i];
      continue;
    }
    if (c === BACKSLASH && i + 1 < text.length) {
      const next = text[++i]!;
      if (next === 'n') out += '\n';
      else if (next === 'r') out += '\r';
      else if (next === 't') out += '\t';
      else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
        out += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else out += next;
      continue;
    }
    if (c === DQUOTE && quote === 0) quote = DQUOTE;
    else if (c === DQUOTE && quote === DQUOTE) quote = 0;
    else if (c === SQUOTE && quote === 0) quote = SQUOTE;
    else out += text[i];
  }
  return out;
}

/** ASCII characters that end a word or change how it is read: blanks, line ends, `#`, quotes, `\\`, `{`. */
const SPECIAL = new Uint8Array(128);
for (const c of [SPACE, TAB, 11, 12, LF, CR, HASH, BACKSLASH, DQUOTE, SQUOTE, LBRACE]) SPECIAL[c] = 1;

/** The file being lexed: the table and line records the scan writes into, and the 0-based line it is at. */
interface Target {
  readonly table: WordTable;
  readonly lines: LexedLines;
  line: number;
}

/**
 * Scans one word from `i`, adds it to the table, and returns its end. Plain words are hashed on the way and
 * interned without making a string; words with quotes, escapes or templates take the slow path.
 */
function scanWord(text: string, i: number, t: Target): number {
  const start = i;
  const n = text.length;
  let flags = 0;
  let hash = hashStart;
  while (i < n) {
    const c = text.charCodeAt(i);
    // Most characters are plain: one table lookup tells them apart from the few that need a look.
    if (c < 128 && SPECIAL[c] === 0) {
      hash = hashStep(hash, c);
      i++;
      continue;
    }
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
    hash = hashStep(hash, c);
    i++;
  }
  const atoms = t.table.atoms;
  const atom =
    flags === 0 ? atoms.fromRange(text, start, i, hash) : atoms.fromString(flags & WORD_QUOTED ? unquoteHaproxy(text.slice(start, i)) : text.slice(start, i));
  t.table.push(start, i, flags, atom);
  return i;
}

/** Scans the line at `offset` into the target (its words, its row, its comment); returns where the next line starts. */
function scanLine(text: string, offset: number, t: Target): number {
  const n = text.length;
  const first = t.table.length;
  let i = offset;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF) break;
    if (isBlank(c) || (c === CR && !atLineEnd(text, i))) {
      i++;
      continue;
    }
    if (c === CR) break;
    if (c === HASH) {
      let end = i;
      while (end < n && !atLineEnd(text, end)) end++;
      t.lines.comments.push(i);
      t.lines.comments.push(end);
      i = end;
      break;
    }
    if (c === LBRACE && (text.charCodeAt(i + 1) === PERCENT || text.charCodeAt(i + 1) === HASH)) {
      // A Jinja tag between words is no argument of the line (jinjaEnd never crosses the line end).
      i = jinjaEnd(text, i);
      continue;
    }
    i = scanWord(text, i, t);
  }
  const count = t.table.length - first;
  if (count > 0) {
    t.lines.rows.push(first);
    t.lines.rows.push(count);
    t.lines.rows.push(t.line);
  }
  // The line end belongs to the line.
  if (text.charCodeAt(i) === CR) i++;
  if (text.charCodeAt(i) === LF) i++;
  t.line++;
  return i;
}

/** A slice of about this many characters is lexed between two pauses. */
const SLICE = 1 << 16;

/**
 * Lexes the lines of `table.text` — a whole file, or the sections an edit touched (incremental.ts) — into `table`
 * and the returned line records, yielding (steps.ts) after each slice of about SLICE characters that ends at a line
 * end, so a huge file is lexed in pieces.
 */
export function* lexHaproxySteps(table: WordTable): Steps<LexedLines> {
  const text = table.text;
  // Three numbers per line with words: configs have one number per 6 to 100 characters (12 in the middle of the
  // corpus), so room for one per 8 rarely has to grow, which copies the list (one per 32 grew twice on most files).
  const state: Target = { table, lines: { rows: new IntList(text.length >> 3), comments: new IntList() }, line: 0 };
  let at = 0;
  while (at < text.length) {
    const cut = text.indexOf('\n', at + SLICE);
    const end = cut === -1 ? text.length : cut + 1;
    while (at < end) at = scanLine(text, at, state);
    if (at < text.length) yield;
  }
  return state.lines;
}
