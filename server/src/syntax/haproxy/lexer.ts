/**
 * HAProxy's tokenizer. It follows HAProxy's own `parse_line()` rather than a shell-like guess: an unquoted `#` ends
 * the line even in the middle of a word, a backslash escapes the next character outside single quotes, nothing is
 * interpreted inside single quotes, and quotes may start or end anywhere inside a word (`foo"bar baz"` is one
 * argument). A Jinja `{{ … }}` inside a word belongs to it; `{% … %}` and `{# … #}` between words are no argument.
 *
 * The format is line-oriented and no word spans lines, so the text is lexed in slices of whole lines. The scanning
 * itself, these rules included, is WebAssembly (wasm/scan.ts): it splits each line's words, hashes and interns
 * them, and returns columns of numbers, which this driver copies into the WordTable. A file costs no object per
 * word, and a repeated word no string. Words with quotes, escapes or templates (a few per file) get their value
 * here, after the last slice. Not a chevrotain lexer: with one token, a run of whole lines, it would add nothing but
 * its set-up, 3–4 ms of every process that reads a HAProxy file (keepalived's lexer, whose tokens differ, is
 * chevrotain's: syntax/keepalived/lexer.ts).
 */
import { IntList } from '../int-list.js';
import { scanWasm } from './scan-binary.js';
import { WORD_QUOTED, type WordTable } from './words.js';
import type { Steps } from '../steps.js';

/** What lexing a file produces besides the words themselves. */
export interface LexedLines {
  /** Triples per line that holds words: index of its first word, number of words, 0-based line. */
  readonly rows: IntList;
  /** Pairs: start and end of each `#` comment. */
  readonly comments: IntList;
}

const BACKSLASH = 92;
const DQUOTE = 34;
const SQUOTE = 39;

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

/** What wasm/scan.ts exports. */
interface Scanner {
  readonly memory: { readonly buffer: ArrayBuffer };
  /** Starts a text, forgetting the last one. */
  begin(): void;
  /** Room for a slice of `length` code units: the address to write them at. */
  reserve(length: number): number;
  /** Lexes the reserved slice, which starts at `offset` in the text, numbering its words from `wordIndex`. */
  lex(length: number, offset: number, wordIndex: number): number;
}

/** The WebAssembly API, which neither ES2022's nor Node's type declarations describe. */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Compiled on first use (well under a millisecond), then shared by every instance. */
let compiled: object | undefined;

/**
 * Instances not lexing anything, kept for the next text: an edit's re-lexing then costs no new instance (making one
 * tripled the time of a small re-lex). Lexing can pause, and two texts can be lexed in turns, so each takes its own.
 * An instance whose memory grew past POOLED_MEMORY on a large file is dropped instead: memory never shrinks.
 */
const idle: Scanner[] = [];
const POOLED_MEMORY = 4 << 20;
const POOLED_INSTANCES = 4;

function takeScanner(): Scanner {
  let scan = idle.pop();
  if (!scan) {
    compiled ??= new Module(Buffer.from(scanWasm, 'base64'));
    scan = new Instance(compiled, {}).exports as Scanner;
  }
  scan.begin();
  return scan;
}

function giveBack(scan: Scanner): void {
  if (scan.memory.buffer.byteLength <= POOLED_MEMORY && idle.length < POOLED_INSTANCES) idle.push(scan);
}

/** The lists lex() leaves in the scanner's memory, in the order of its header. */
const enum List {
  Starts,
  Ends,
  Flags,
  Atoms,
  Rows,
  Comments,
  Fresh,
  Flagged,
}

/** The scanner's results for one slice, read from its header. */
function results(scan: Scanner, header: number): (list: List) => Int32Array {
  const memory = new Int32Array(scan.memory.buffer);
  const at = header >> 2;
  return (list) => {
    const start = memory[at + 2 * list]! >> 2;
    return memory.subarray(start, start + memory[at + 2 * list + 1]!);
  };
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
  const lines: LexedLines = { rows: new IntList(text.length >> 3), comments: new IntList() };
  const scan = takeScanner();
  const atoms = table.atoms;
  // The scanner numbers the words it interns 0, 1, 2… in its own table; `ours` maps them to the table's atoms.
  // While they coincide (always, lexing a whole file into new atoms) the ids are copied as they are.
  const ours = new IntList();
  let same = true;
  const flagged = new IntList();
  let at = 0;
  while (at < text.length) {
    const cut = text.indexOf('\n', at + SLICE);
    const end = cut === -1 ? text.length : cut + 1;
    const address = scan.reserve(end - at);
    Buffer.from(scan.memory.buffer, address, 2 * (end - at)).write(text.slice(at, end), 'utf16le');
    const list = results(scan, scan.lex(end - at, at, table.length));
    const fresh = list(List.Fresh);
    for (let k = 0; k < fresh.length; k += 3) {
      const atom = atoms.fromRange(text, fresh[k]!, fresh[k]! + fresh[k + 1]!, fresh[k + 2]!);
      same &&= atom === ours.length;
      ours.push(atom);
    }
    const ids = list(List.Atoms);
    if (!same) for (let k = 0; k < ids.length; k++) if (ids[k]! >= 0) ids[k] = ours.data[ids[k]!]!;
    table.append(list(List.Starts), list(List.Ends), list(List.Flags), ids);
    lines.rows.append(list(List.Rows));
    lines.comments.append(list(List.Comments));
    flagged.append(list(List.Flagged));
    at = end;
    if (at < text.length) yield;
  }
  giveBack(scan);
  // After the scanner's atoms, so that they keep its numbering.
  for (let k = 0; k < flagged.length; k++) {
    const i = flagged.data[k]!;
    const written = text.slice(table.start(i), table.end(i));
    table.setAtom(i, atoms.fromString(table.flags(i) & WORD_QUOTED ? unquoteHaproxy(written) : written));
  }
  return lines;
}
