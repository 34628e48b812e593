import { IntList } from './int-list.js';

/** A source file as every layer sees it: its identity, its text, and a line table built on demand. */
export interface SourceFile {
  /** Absolute path (CLI) or URI (language server); used as the identity of the file. */
  readonly uri: string;
  readonly text: string;
  lines(): LineIndex;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column, as LSP counts them (JS string indices are UTF-16 units already). */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span [start, end) of offsets into one file's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Copies `from[start…]` into `to` from `at` on, each moved by `shift`. A function of its own so that the engine
 * optimises this long loop apart: compiled from inside the loop of a function that creates an object after it, the
 * optimised code gave up at that object, up to twenty edits in a row (seen with --trace-deopt).
 */
function copyShifted(from: Int32Array, start: number, to: Int32Array, at: number, shift: number): void {
  for (let i = start; i < from.length; i++) to[at + i - start] = from[i]! + shift;
}

/** Maps offsets to line/column. Built once per text, O(n); lookups are binary searches. */
export class LineIndex {
  /** Offset of each line's first character. */
  readonly starts: ArrayLike<number>;

  constructor(text: string, starts?: Int32Array) {
    if (starts) {
      this.starts = starts;
      return;
    }
    // Straight into a typed array: a number[] and its copy cost about twice as much in a first run.
    const found = new IntList(text.length >> 5);
    found.push(0);
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) found.push(at + 1);
    this.starts = found.view();
  }

  /** The index of `after`, the text `before` (whose index this is) became: only the edited lines are searched. */
  edited(before: string, after: string): LineIndex {
    const { prefix, suffix } = editedRegion(before, after);
    const oldEnd = before.length - suffix;
    const shift = after.length - before.length;
    const old = this.starts as Int32Array;
    // Lines starting at or before `prefix` are unchanged; line feeds in the edited region are found again; lines
    // starting after the old region's end move by `shift`.
    const kept = this.lineOf(prefix) + 1;
    const found: number[] = [];
    for (let at = after.indexOf('\n', prefix); at !== -1 && at < oldEnd + shift; at = after.indexOf('\n', at + 1)) found.push(at + 1);
    let moved = kept;
    while (moved < old.length && old[moved]! <= oldEnd) moved++;
    const starts = new Int32Array(kept + found.length + old.length - moved);
    starts.set(old.subarray(0, kept));
    starts.set(found, kept);
    copyShifted(old, moved, starts, kept + found.length, shift);
    return new LineIndex(after, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: offset - this.starts[line]! };
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/** Blocks this long and longer are compared whole (one native string comparison); shorter runs character by character. */
const BLOCK = 1024;
let lastRegion: { before: string; after: string; prefix: number; suffix: number } | undefined;

/**
 * How many characters agree in two texts, counted from one end, up to `room`: `same(at, n)` compares `n`
 * characters starting `at` characters from that end. The block doubles while blocks agree and halves once one does not, so an edit in the
 * middle of a large file costs a few dozen native comparisons, not one per kilobyte.
 */
function agreeing(room: number, same: (at: number, n: number) => boolean): number {
  let done = 0;
  let block = BLOCK;
  let growing = true;
  while (block >= BLOCK) {
    if (done + block <= room && same(done, block)) {
      done += block;
      if (growing) block *= 2;
    } else {
      growing = false;
      block >>= 1;
    }
  }
  return done;
}

/**
 * Where two versions of a text differ: how many characters they start with and end with in common (never
 * overlapping). Remembered for the last pair asked: the parser, the line index and the text search below all ask
 * about the same edit.
 */
export function editedRegion(before: string, after: string): { prefix: number; suffix: number } {
  if (lastRegion && lastRegion.before === before && lastRegion.after === after) return lastRegion;
  const max = Math.min(before.length, after.length);
  let prefix = agreeing(max, (at, n) => before.slice(at, at + n) === after.slice(at, at + n));
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  const room = max - prefix;
  const bl = before.length;
  const al = after.length;
  let suffix = agreeing(room, (at, n) => before.slice(bl - at - n, bl - at) === after.slice(al - at - n, al - at));
  while (suffix < room && before.charCodeAt(bl - 1 - suffix) === after.charCodeAt(al - 1 - suffix)) suffix++;
  lastRegion = { before, after, prefix, suffix };
  return lastRegion;
}

/** What is known of a file's text beyond the text itself, derived from the previous version where possible. */
interface Derived {
  index?: LineIndex;
  /** What textHas and hasLoneCr found: whether the text contains a needle, or has a lone carriage return. */
  readonly has: Map<string | symbol, boolean>;
  /** The latest earlier version anything was derived for, until nothing more is derived from it. */
  previous?: SourceFile;
}
const derived = new WeakMap<SourceFile, Derived>();

/**
 * A file's text with its identity. `previous`, the version the text was edited from, lets the line index and text
 * searches be derived from that version's by looking at the edited region only (a keystroke in a large file).
 */
export function sourceFile(uri: string, text: string, previous?: SourceFile): SourceFile {
  const file: SourceFile = { uri, text, lines: () => lineIndex(file, facts) };
  // Derived from the last version anything was derived for: most versions of a file without findings never need
  // their line index (nothing to place) nor a text search (no suppression comments to look for), and the version
  // after one of them would otherwise scan all its text again.
  const before = previous && derived.get(previous);
  const base = before && (before.index !== undefined || before.has.size > 0) ? previous : before?.previous;
  const facts: Derived = { has: new Map(), previous: base };
  // Only that one version is kept, so a long editing session does not keep every version alive.
  if (before) delete before.previous;
  derived.set(file, facts);
  return file;
}

function lineIndex(file: SourceFile, facts: Derived): LineIndex {
  if (!facts.index) {
    const before = facts.previous && derived.get(facts.previous)?.index;
    facts.index = before ? before.edited(facts.previous!.text, file.text) : new LineIndex(file.text);
  }
  return facts.index;
}

/**
 * Whether `found` finds something in the file's text. `found(text, from, to)` looks for a match that starts in
 * [from, to), reading the characters after its start as far as it needs; `reach` is how far before an edited
 * character a match can start and still be changed by it. After an edit, when the previous version had no match,
 * only matches starting in the edited region (widened by `reach`) are looked for.
 */
function derivedSearch(file: SourceFile, key: string | symbol, reach: number, found: (text: string, from: number, to: number) => boolean): boolean {
  const text = file.text;
  const facts = derived.get(file);
  if (!facts) return found(text, 0, text.length);
  let known = facts.has.get(key);
  if (known === undefined) {
    const previous = facts.previous;
    if (previous && derived.get(previous)?.has.get(key) === false) {
      const { prefix, suffix } = editedRegion(previous.text, text);
      // A match starting in the unchanged end would have been in the previous version too.
      known = found(text, Math.max(0, prefix - reach), text.length - suffix);
    } else known = found(text, 0, text.length);
    facts.has.set(key, known);
  }
  return known;
}

/** Whether the file's text contains `needle`. */
export function textHas(file: SourceFile, needle: string): boolean {
  // Searched in a slice: indexOf from `from` would run on to the end of the text when the needle is not there.
  return derivedSearch(file, needle, needle.length - 1, (text, from, to) => text.slice(from, to + needle.length - 1).includes(needle));
}

const LONE_CR = Symbol('lone CR');

/**
 * Whether the text has a carriage return no line feed follows: a line end for LSP clients, none for the core. Asked
 * at each version of a file that publishes findings: on a CRLF file a search of the whole text for it found a
 * carriage return on every line and looked at each one's next character.
 */
export function hasLoneCr(file: SourceFile): boolean {
  return derivedSearch(file, LONE_CR, 1, (text, from, to) => {
    const part = text.slice(from, to);
    for (let at = part.indexOf('\r'); at !== -1; at = part.indexOf('\r', at + 1)) if (text.charCodeAt(from + at + 1) !== 10) return true;
    return false;
  });
}

/** From `at` to the end of its line, the line break (LF or CR LF) left out. */
export function restOfLine(text: string, at: number): Span {
  const lineEnd = text.indexOf('\n', at);
  const end = lineEnd === -1 ? text.length : lineEnd;
  return { start: at, end: end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end };
}
