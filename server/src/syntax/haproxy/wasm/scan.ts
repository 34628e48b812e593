/**
 * The inner loop of the HAProxy lexer, in AssemblyScript, compiled to WebAssembly by `npm run wasm`
 * (scripts/gen-wasm.ts writes the binary into ../scan-binary.ts). ../lexer.ts drives it and documents the rules
 * of HAProxy's tokenizer that this loop follows.
 *
 * Why WebAssembly: a large file's first check spent a quarter of its time lexing, and in JavaScript this loop runs
 * in V8's interpreter until it has been optimised, reads the text through bounds-checked string accesses and
 * interns every word through a table of JavaScript strings. WebAssembly is compiled before it runs, reads code
 * units from linear memory, and interns words in a table of its own, so JavaScript makes a string only per
 * distinct word (README, Performance, for what it saved).
 *
 * An instance lexes one text at a time, a slice of whole lines per call: `begin()`, then for each slice the driver
 * writes its UTF-16 code units at `reserve()`'s address and calls `lex()`, which scans them and leaves its results
 * in lists whose addresses and lengths it writes into a header.
 */

// Code units that end a word or need a second look.
const TAB: u32 = 9;
const LF: u32 = 10;
const VT: u32 = 11;
const FF: u32 = 12;
const CR: u32 = 13;
const SPACE: u32 = 32;
const DQUOTE: u32 = 34;
const HASH: u32 = 35;
const PERCENT: u32 = 37;
const SQUOTE: u32 = 39;
const BACKSLASH: u32 = 92;
const LBRACE: u32 = 123;
const RBRACE: u32 = 125;

// Word flags, as words.ts defines them.
const QUOTED: u8 = 1;
const UNTERMINATED: u8 = 2;
const TEMPLATED: u8 = 4;

// FNV-1a over UTF-16 code units, as atoms.ts computes it, so the driver can hand each new word to the
// JavaScript interner with its hash.
const FNV_OFFSET: u32 = 0x811c9dc5;
const FNV_PRIME: u32 = 0x01000193;

/** 1 for the ASCII code units listed above that matter inside a word (blanks, line ends, `#`, quotes, `\`, `{`). */
const SPECIAL = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, //   0–15: tab, LF, VT, FF, CR
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //  16–31
  1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, //  32–47: space, ", #, '
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //  48–63
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //  64–79
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, //  80–95: \
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //  96–111
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, // 112–127: {
]);

// ---- Memory ----
// A bump allocator that `begin()` rewinds: an instance lexes one text after another in the same memory (an edit's
// re-lexing needs no new instance), and nothing is freed in between.

const heapStart: usize = (__heap_base + 15) & ~15;
let top: usize = heapStart;

/**
 * `count` rounded up to a power of two. Slices differ in length by the line they end with, and sizing each buffer to
 * the longest slice so far would allocate it again at each new longest one: about 12 MB left behind on a 1M-line file.
 */
function roomFor(count: i32): i32 {
  return 1 << (32 - clz<i32>(count - 1));
}

function alloc(bytes: usize): usize {
  const at = top;
  top = (top + bytes + 15) & ~15;
  const pages = i32((top + 0xffff) >>> 16) - memory.size();
  // Out of memory (4 GB): a trap, which the driver sees as a thrown RuntimeError.
  if (pages > 0 && memory.grow(pages) < 0) unreachable();
  return at;
}

/**
 * A list of i32 values that lives for one `lex()` call, reallocated when a slice needs more room. Lists are
 * placed in static memory (`memory.data`), not allocated, so rewinding the allocator leaves them in place.
 */
@unmanaged
class List {
  at: usize;
  room: i32;
  length: i32;

  clear(room: i32): void {
    if (room > this.room) {
      this.room = room;
      this.at = alloc(<usize>room << 2);
    }
    this.length = 0;
  }

  @inline push(value: i32): void {
    store<i32>(this.at + (<usize>this.length << 2), value);
    this.length++;
  }
}

// ---- The slice being lexed ----

let text: usize = 0; // its code units, followed by two zeros that stand for JavaScript's NaN past the end
let textCapacity: i32 = 0;
let n: i32 = 0; // its length
let base: i32 = 0; // where it starts in the whole text: every offset written out is base + local offset
let line: i32 = 0; // the 0-based line being lexed, counted across slices

@inline function at(i: i32): u32 {
  return load<u16>(text + (<usize>i << 1));
}

@inline function isBlank(c: u32): bool {
  return c == SPACE || c == TAB || c == VT || c == FF;
}

/** LF, or CR LF. A lone CR is a blank, as HAProxy treats it. */
@inline function atLineEnd(i: i32): bool {
  const c = at(i);
  return c == LF || (c == CR && at(i + 1) == LF);
}

/** Room for a slice of `length` code units; returns where the driver writes them. */
export function reserve(length: i32): usize {
  if (length + 2 > textCapacity) {
    textCapacity = roomFor(length + 2);
    text = alloc(<usize>textCapacity << 1);
  }
  store<u32>(text + (<usize>length << 1), 0);
  return text;
}

// ---- Interning ----
// Open addressing over 16-byte slots [atom id + 1, hash, arena offset, length]: a probe reads one slot, and the
// characters only when the hash and length match. Each atom's characters are copied into an arena, so the table
// does not need the slices that came before.

let slots: usize = 0;
let mask: i32 = 0;
let atomCount: i32 = 0;
let arena: usize = 0;
let arenaUsed: usize = 0;
let arenaCapacity: usize = 0;

function initAtoms(): void {
  atomCount = 0;
  arenaUsed = 0;
  mask = 4095;
  slots = alloc(<usize>(mask + 1) << 4);
  memory.fill(slots, 0, <usize>(mask + 1) << 4);
  arenaCapacity = 1 << 16;
  arena = alloc(arenaCapacity);
}

function rehash(): void {
  const old = slots;
  const oldSize = mask + 1;
  mask = oldSize * 2 - 1;
  slots = alloc(<usize>(mask + 1) << 4);
  memory.fill(slots, 0, <usize>(mask + 1) << 4);
  for (let k = 0; k < oldSize; k++) {
    const from = old + (<usize>k << 4);
    if (load<i32>(from) == 0) continue;
    let slot = load<i32>(from, 4) & mask;
    while (load<i32>(slots + (<usize>slot << 4)) != 0) slot = (slot + 1) & mask;
    memory.copy(slots + (<usize>slot << 4), from, 16);
  }
}

/** Copies `length` code units from `start` of the slice to the arena; returns their arena offset. */
function keep(start: i32, length: i32): usize {
  const bytes = <usize>length << 1;
  if (arenaUsed + bytes > arenaCapacity) {
    const grown = max(arenaCapacity * 2, arenaUsed + bytes);
    const moved = alloc(grown);
    memory.copy(moved, arena, arenaUsed);
    arena = moved;
    arenaCapacity = grown;
  }
  const offset = arenaUsed;
  memory.copy(arena + offset, text + (<usize>start << 1), bytes);
  arenaUsed += bytes;
  return offset;
}

function sameAs(offset: usize, start: i32, length: i32): bool {
  let a = arena + offset;
  let b = text + (<usize>start << 1);
  const end = a + (<usize>length << 1);
  // Four code units at a time (WebAssembly loads need no alignment), then the rest.
  while (a + 8 <= end) {
    if (load<u64>(a) != load<u64>(b)) return false;
    a += 8;
    b += 8;
  }
  while (a < end) {
    if (load<u16>(a) != load<u16>(b)) return false;
    a += 2;
    b += 2;
  }
  return true;
}

/** New atoms of the current call, as triples: offset of the word that made it, length, hash. */
const fresh = changetype<List>(memory.data(offsetof<List>()));

/** The atom id of the slice's code units [start, end), whose hash is `hash`. */
function intern(start: i32, end: i32, hash: i32): i32 {
  const length = end - start;
  let slot = hash & mask;
  while (true) {
    const p = slots + (<usize>slot << 4);
    const entry = load<i32>(p);
    if (entry == 0) {
      const id = atomCount++;
      store<i32>(p, id + 1);
      store<i32>(p, hash, 4);
      store<i32>(p, <i32>keep(start, length), 8);
      store<i32>(p, length, 12);
      fresh.push(base + start);
      fresh.push(length);
      fresh.push(hash);
      // At most half full, so probe chains stay short.
      if (atomCount * 2 > mask) rehash();
      return id;
    }
    if (load<i32>(p, 4) == hash && load<i32>(p, 12) == length && sameAs(<usize>load<i32>(p, 8), start, length)) return entry - 1;
    slot = (slot + 1) & mask;
  }
}

// ---- Scanning ----

// The words, in four columns of one length (plain globals: the hottest stores of the loop).
let words: i32 = 0;
let wordRoom: i32 = 0;
let starts: usize = 0;
let ends: usize = 0;
let flagBits: usize = 0; // one i32 per word, like the other columns: the lists are per slice, and simpler to copy out
let atomIds: usize = 0; // atom id, or -1 for a word with quotes, escapes or templates (the driver interns its value)

function makeRoomForWords(room: i32): void {
  if (room > wordRoom) {
    wordRoom = room;
    starts = alloc(<usize>room << 2);
    ends = alloc(<usize>room << 2);
    flagBits = alloc(<usize>room << 2);
    atomIds = alloc(<usize>room << 2);
  }
  words = 0;
}

// The index in the driver's table (`firstWord` plus its index in the slice) of each word with atom -1.
const flagged = changetype<List>(memory.data(offsetof<List>()));
// Triples per line with words: index of its first word in the driver's table, count, line.
const rows = changetype<List>(memory.data(offsetof<List>()));
// Pairs: start and end of each comment.
const comments = changetype<List>(memory.data(offsetof<List>()));
let firstWord: i32 = 0;

/** Past the Jinja tag or expression opened at `i` (`{{`, `{%`, `{#`) on this line, or the line end if it is not closed. */
function jinjaEnd(i: i32): i32 {
  const next = at(i + 1);
  const closer: u32 = next == LBRACE ? RBRACE : next; // `}}`, `%}` or `#}`
  let lineEnd = i;
  while (lineEnd < n && at(lineEnd) != LF) lineEnd++;
  for (let p = i + 2; p + 1 < lineEnd; p++) if (at(p) == closer && at(p + 1) == RBRACE) return p + 2;
  return lineEnd;
}

function scanWord(i: i32): i32 {
  const start = i;
  let flags: u8 = 0;
  let hash: u32 = FNV_OFFSET;
  while (i < n) {
    const c = at(i);
    if (c < 128 && load<u8>(SPECIAL + c) == 0) {
      hash = (hash ^ c) * FNV_PRIME;
      i++;
      continue;
    }
    if (isBlank(c) || c == LF || c == CR || c == HASH) break;
    if (c == LBRACE && (at(i + 1) == LBRACE || at(i + 1) == PERCENT)) {
      flags |= TEMPLATED;
      i = jinjaEnd(i);
      continue;
    }
    if (c == BACKSLASH) {
      flags |= QUOTED;
      i += i + 1 < n && at(i + 1) != LF ? 2 : 1;
      continue;
    }
    if (c == DQUOTE || c == SQUOTE) {
      flags |= QUOTED;
      i++;
      while (i < n) {
        const q = at(i);
        if (q == c || q == LF) break;
        if (q == BACKSLASH && c == DQUOTE && i + 1 < n && at(i + 1) != LF) i++;
        i++;
      }
      if (i >= n || at(i) != c) {
        flags |= UNTERMINATED;
        // HAProxy stops at the line end too, reporting an unmatched quote.
        if (i < n && at(i - 1) == CR) i--;
        break;
      }
      i++;
      continue;
    }
    hash = (hash ^ c) * FNV_PRIME;
    i++;
  }
  const k = <usize>words << 2;
  store<i32>(starts + k, base + start);
  store<i32>(ends + k, base + i);
  store<i32>(flagBits + k, flags);
  if (flags == 0) store<i32>(atomIds + k, intern(start, i, <i32>hash));
  else {
    flagged.push(firstWord + words);
    store<i32>(atomIds + k, -1);
  }
  words++;
  return i;
}

function scanLine(i: i32): i32 {
  const first = words;
  while (i < n) {
    const c = at(i);
    if (c == LF) break;
    if (isBlank(c) || (c == CR && !atLineEnd(i))) {
      i++;
      continue;
    }
    if (c == CR) break;
    if (c == HASH) {
      let end = i;
      while (end < n && !atLineEnd(end)) end++;
      comments.push(base + i);
      comments.push(base + end);
      i = end;
      break;
    }
    if (c == LBRACE && (at(i + 1) == PERCENT || at(i + 1) == HASH)) {
      // A Jinja tag between words is no argument of the line.
      i = jinjaEnd(i);
      continue;
    }
    i = scanWord(i);
  }
  const count = words - first;
  if (count > 0) {
    rows.push(firstWord + first);
    rows.push(count);
    rows.push(line);
  }
  // The line end belongs to the line.
  if (at(i) == CR) i++;
  if (at(i) == LF) i++;
  line++;
  return i;
}

/** Where `lex()` leaves its results: [address, length] of each list, in the order `lex()` publishes them. */
let header: usize = 0;

function publish(k: usize, at: usize, length: i32): void {
  store<i32>(header + (k << 3), <i32>at);
  store<i32>(header + (k << 3), length, 4);
}

/** Starts a text: forgets the last one (its atoms, its line count) and rewinds the allocator. */
export function begin(): void {
  top = heapStart;
  line = 0;
  textCapacity = 0;
  wordRoom = 0;
  fresh.room = 0;
  flagged.room = 0;
  rows.room = 0;
  comments.room = 0;
  header = alloc(64);
  initAtoms();
}

/**
 * Lexes the `length` code units at `reserve()`'s address, whole lines that start at `offset` in the text, whose
 * first word will have index `wordIndex` in the driver's table. Returns the header's address.
 */
export function lex(length: i32, offset: i32, wordIndex: i32): usize {
  n = length;
  base = offset;
  firstWord = wordIndex;
  // A word or a comment takes a code unit, and a word is followed by a blank, a comment or a line end unless it
  // ends the slice: a slice holds at most half its length plus one of each.
  const room = roomFor((length >> 1) + 2);
  makeRoomForWords(room);
  rows.clear(room * 3);
  comments.clear(room * 2);
  fresh.clear(room * 3);
  flagged.clear(room);
  let i = 0;
  while (i < n) i = scanLine(i);
  publish(0, starts, words);
  publish(1, ends, words);
  publish(2, flagBits, words);
  publish(3, atomIds, words);
  publish(4, rows.at, rows.length);
  publish(5, comments.at, comments.length);
  publish(6, fresh.at, fresh.length);
  publish(7, flagged.at, flagged.length);
  return header;
}
