/**
 * Incremental parsing of HAProxy files. HAProxy's format is line-oriented and a token never spans lines, so after
 * an edit only the lines the edit touched are lexed again: the words and line records before them are copied,
 * those after them are copied with their offsets and line numbers moved. Grouping into sections (a cheap linear
 * pass over the line records) then runs as usual. The result equals a full parse of the new text.
 */
import type { SourceFile } from '../text.js';
import type { HaproxySyntax } from './ast.js';
import { emptyLines, lexHaproxy, type LexedLines } from './lexer.js';
import { groupLinesSteps, parseHaproxySteps } from './parser.js';
import { drain, type Steps } from '../steps.js';
import { WordTable } from './words.js';

function countLineFeeds(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Compared a block at a time (one native string comparison) before going character by character. */
const BLOCK = 1024;

/** The edited region: offsets where the texts start to differ, and how much equal text they end with. */
function diffBounds(before: string, after: string): { prefix: number; suffix: number } {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix + BLOCK <= max && before.slice(prefix, prefix + BLOCK) === after.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = max - prefix;
  const tail = (text: string, n: number) => text.slice(text.length - n - BLOCK, text.length - n);
  while (suffix + BLOCK <= room && tail(before, suffix) === tail(after, suffix)) suffix += BLOCK;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** Parses `file`, the next version of `previous`'s file, re-lexing only the edited lines. */
export function reparseHaproxy(previous: HaproxySyntax, file: SourceFile): HaproxySyntax {
  return drain(reparseHaproxySteps(previous, file));
}

/** The same, pausing while lines are grouped (steps.ts). */
export function* reparseHaproxySteps(previous: HaproxySyntax, file: SourceFile): Steps<HaproxySyntax> {
  const before = previous.file.text;
  const after = file.text;
  const old = previous.words;
  // Interned words accumulate over an editing session; start afresh once most of them are no longer used.
  if (old.atoms.strings.length > 2 * old.length + 4096) return yield* parseHaproxySteps(file);
  const { prefix, suffix } = diffBounds(before, after);
  // Whole lines: from the start of the line where the texts differ to the end of the line where they agree again.
  // (lastIndexOf clamps a negative start to 0, where a line feed would wrongly match.)
  const start = prefix === 0 ? 0 : before.lastIndexOf('\n', prefix - 1) + 1;
  const lineEnd = before.indexOf('\n', before.length - suffix);
  const oldEnd = lineEnd === -1 ? before.length : lineEnd + 1;
  const shift = after.length - before.length;
  const newEnd = oldEnd + shift;
  const lineShift = countLineFeeds(after, start, newEnd) - countLineFeeds(before, start, oldEnd);

  const firstWord = old.firstAtOrAfter(start);
  const afterWord = old.firstAtOrAfter(oldEnd);
  const table = new WordTable(after, old.atoms, old.length + 64);
  table.copyFrom(old, 0, firstWord, 0);
  const lexed: LexedLines = emptyLines(after.length);
  const oldRows = previous.lexed.rows.data;
  const rowCount = previous.lexed.rows.length;
  let r = 0;
  for (; r < rowCount && oldRows[r]! < firstWord; r += 3) lexed.rows.push(oldRows[r]!), lexed.rows.push(oldRows[r + 1]!), lexed.rows.push(oldRows[r + 2]!);
  const oldComments = previous.lexed.comments;
  let c = 0;
  for (; c < oldComments.length && oldComments.data[c]! < start; c += 2) lexed.comments.push(oldComments.data[c]!), lexed.comments.push(oldComments.data[c + 1]!);

  // The line number at `start`: from the last line kept before it, without building a line index of the old text.
  const firstLine = r === 0 ? countLineFeeds(before, 0, start) : oldRows[r - 1]! + countLineFeeds(before, old.start(oldRows[r - 3]!), start);
  lexHaproxy(table, lexed, start, newEnd, firstLine);

  const wordShift = table.length - afterWord;
  table.copyFrom(old, afterWord, old.length, shift);
  for (; r < rowCount && oldRows[r]! < afterWord; r += 3);
  for (; r < rowCount; r += 3) lexed.rows.push(oldRows[r]! + wordShift), lexed.rows.push(oldRows[r + 1]!), lexed.rows.push(oldRows[r + 2]! + lineShift);
  for (; c < oldComments.length && oldComments.data[c]! < oldEnd; c += 2);
  for (; c < oldComments.length; c += 2) lexed.comments.push(oldComments.data[c]! + shift), lexed.comments.push(oldComments.data[c + 1]! + shift);
  return yield* groupLinesSteps(file, table, lexed);
}
