/**
 * Where the words of a HAProxy file live: in columns of typed arrays (offsets, flags, atom ids) rather than an
 * object per word. A 200,000-line file has over a million words; as objects they were most of the parse time
 * and memory, and the garbage collector's work. Rules read values by index, and a `Word` object is made only
 * for the few words that end up in a finding or a feature's answer. There is one table per stretch of text lexed
 * together (the whole file, then each region an edit re-lexes: chunks.ts), at offsets relative to that text.
 */
import type { Span } from '../text.js';
import { Atoms } from './atoms.js';

/** Flags of a word. */
export const WORD_QUOTED = 1; // contains quotes or escapes: its value differs from its text
export const WORD_UNTERMINATED = 2; // a quote is not closed before the end of the line
export const WORD_TEMPLATED = 4; // contains a Jinja `{{ … }}` expression or `{% … %}` tag

/** One argument of a line, as HAProxy's tokenizer splits it. */
export interface Word extends Span {
  /** The characters as written, quotes and escapes included. */
  readonly text: string;
  /** The argument HAProxy sees: quotes removed, escapes resolved. */
  readonly value: string;
  /** Bit set of WORD_* flags. */
  readonly flags: number;
}

export class WordTable {
  private starts: Int32Array;
  private ends: Int32Array;
  private flagBits: Uint8Array;
  private atomIds: Int32Array;
  length = 0;

  constructor(
    readonly text: string,
    readonly atoms: Atoms,
    capacity: number,
  ) {
    const size = Math.max(64, capacity);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.flagBits = new Uint8Array(size);
    this.atomIds = new Int32Array(size);
  }

  /** Appends words given as columns (the scanner's output: lexer.ts). */
  append(starts: Int32Array, ends: Int32Array, flags: Int32Array, atoms: Int32Array): void {
    while (this.length + starts.length > this.starts.length) this.grow();
    this.starts.set(starts, this.length);
    this.ends.set(ends, this.length);
    this.flagBits.set(flags, this.length);
    this.atomIds.set(atoms, this.length);
    this.length += starts.length;
  }

  setAtom(i: number, atom: number): void {
    this.atomIds[i] = atom;
  }

  start(i: number): number {
    return this.starts[i]!;
  }

  end(i: number): number {
    return this.ends[i]!;
  }

  flags(i: number): number {
    return this.flagBits[i]!;
  }

  /** The argument HAProxy sees. */
  value(i: number): string {
    return this.atoms.strings[this.atomIds[i]!]!;
  }

  /** The characters as written. */
  written(i: number): string {
    return this.flagBits[i]! & WORD_QUOTED ? this.text.slice(this.starts[i]!, this.ends[i]!) : this.value(i);
  }

  /** Word `i` as an object, its offsets moved by `delta` (where the table's text starts in its file). */
  word(i: number, delta = 0): Word {
    return { start: this.starts[i]! + delta, end: this.ends[i]! + delta, text: this.written(i), value: this.value(i), flags: this.flagBits[i]! };
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const widen = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const grown = make(size);
      grown.set(old);
      return grown;
    };
    this.starts = widen(this.starts, (n) => new Int32Array(n));
    this.ends = widen(this.ends, (n) => new Int32Array(n));
    this.flagBits = widen(this.flagBits, (n) => new Uint8Array(n));
    this.atomIds = widen(this.atomIds, (n) => new Int32Array(n));
  }
}
