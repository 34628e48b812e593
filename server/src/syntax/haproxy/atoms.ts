/**
 * An interner for the words of one file. Keywords and common arguments (`server`, `check`, `2s`) repeat on
 * thousands of lines, and every distinct word exists once. The lexer's scanner (wasm/scan.ts) interns the words
 * of a text in a table of its own and hands each new one over with its hash, so a whole file costs one lookup here
 * per distinct word; words with quotes or escapes come as their values, and an edit's re-lexed words are mapped
 * to the atoms the file already has. Atom ids index `strings`.
 */

/** FNV-1a over UTF-16 code units: the hash the scanner computes as it scans a word. */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export class Atoms {
  /** Atom id → its string. */
  readonly strings: string[] = [];
  /** How many atoms a whole file needed when it was last parsed in full (edits add more; incremental.ts). */
  settled = 0;
  private hashes = new Int32Array(1024);
  /** Open addressing: slot → atom id + 1, 0 when empty. */
  private slots = new Int32Array(2048);
  private mask = 2047;

  /** The atom of `text[start, end)`, whose hash (FNV-1a over those characters) is `hash`. */
  fromRange(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const strings = this.strings;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return this.insert(slot, text.slice(start, end), hash);
      const id = entry - 1;
      if (this.hashes[id] !== hash) continue;
      const s = strings[id]!;
      if (s.length === length && text.startsWith(s, start)) return id;
    }
  }

  /** The atom of a string built elsewhere (an unquoted value). */
  fromString(s: string): number {
    let h = FNV_OFFSET;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
    return this.fromRange(s, 0, s.length, h);
  }

  private insert(slot: number, s: string, hash: number): number {
    const id = this.strings.length;
    this.strings.push(s);
    if (id === this.hashes.length) {
      const grown = new Int32Array(id * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    // Keep the table at most half full so probe chains stay short.
    if ((id + 1) * 2 > this.mask) this.rehash();
    return id;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.strings.length; id++) {
      let slot = this.hashes[id]! & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id + 1;
    }
  }
}
