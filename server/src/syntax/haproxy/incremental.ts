/**
 * Incremental parsing of HAProxy files. HAProxy's format is line-oriented and a token never spans lines, so after
 * an edit only the chunks (sections, chunks.ts) the edit touched are lexed again; the chunks before them are kept
 * as they are and those after them are moved. The result equals a full parse of the new text.
 *
 * Moving is done in place, as the last step: the previous version of the file, which shares those chunks, reads
 * the new positions from then on. It is superseded: the Workspace replaces it in the same step, and a second
 * reparse from it (a request that parsed the file while a paused run was parsing it too) parses afresh instead.
 */
import { editedRegion, type SourceFile } from '../text.js';
import type { HaproxySyntax } from './ast.js';
import { lexHaproxySteps } from './lexer.js';
import { fileSyntax, parseHaproxySteps } from './parser.js';
import { drain, type Steps } from '../steps.js';
import { WordTable } from './words.js';
import { chunkAt, cutStretch, startsWithHeader, type Chunk, type Stretch } from './chunks.js';

function countLineFeeds(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Versions whose chunks a reparse has moved on to the next version. */
const superseded = new WeakSet<HaproxySyntax>();

/**
 * A copy of a slice that does not keep the text it was cut from alive. A slice shares its parent's characters, and a
 * chunk lives for the whole editing session: every version's full text would stay in memory through one of them.
 * (Joining a character makes the engine copy the slice into a string of its own before the character is cut off again.)
 */
const detached = (slice: string): string => (slice + ' ').slice(0, -1);

/** Parses `file`, the next version of `previous`'s file, re-lexing only the edited chunks. */
export function reparseHaproxy(previous: HaproxySyntax, file: SourceFile): HaproxySyntax {
  return drain(reparseHaproxySteps(previous, file));
}

/** The same, pausing while a large edited region is lexed (steps.ts). */
export function* reparseHaproxySteps(previous: HaproxySyntax, file: SourceFile): Steps<HaproxySyntax> {
  const before = previous.file.text;
  const after = file.text;
  const chunks = previous.chunks;
  const atoms = chunks[0]!.table.atoms;
  // Interned words accumulate over an editing session; start afresh once they are more than twice those of the last full parse.
  if (superseded.has(previous) || atoms.strings.length > 2 * atoms.settled + 4096) return yield* parseHaproxySteps(file);
  const { prefix, suffix } = editedRegion(before, after);
  const shift = after.length - before.length;
  // The chunks holding the edited lines: from the line where the texts start to differ to the line where they agree again.
  let first = chunkAt(chunks, prefix === 0 ? 0 : before.lastIndexOf('\n', prefix - 1) + 1);
  const lineEnd = before.indexOf('\n', before.length - suffix);
  const last = Math.max(first, chunkAt(chunks, lineEnd === -1 ? before.length : lineEnd));
  const to = chunks[last]!.end;
  let stretch: Stretch;
  for (;;) {
    const from = chunks[first]!.start;
    const table = new WordTable(detached(after.slice(from, to + shift)), atoms, (to + shift - from) >> 3);
    stretch = { table, lines: yield* lexHaproxySteps(table) };
    // Lines before the first header belong to the section before: take that one in too.
    if (first === 0 || startsWithHeader(stretch)) break;
    first--;
  }
  const from = chunks[first]!.start;
  const fresh = yield* cutStretch(stretch, from, chunks[first]!.line, first > 0 ? chunks[first - 1]!.exit : undefined);
  const lineShift = countLineFeeds(after, from, to + shift) - countLineFeeds(before, from, to);
  if (superseded.has(previous)) return yield* parseHaproxySteps(file);

  // From here on nothing pauses: the chunks after the edit move in the same step as the new version is made.
  superseded.add(previous);
  const next: Chunk[] = chunks.slice(0, first);
  for (const chunk of fresh) next.push(chunk);
  let exit = fresh[fresh.length - 1]!.exit;
  let regrouping = true;
  for (let i = last + 1; i < chunks.length; i++) {
    let chunk = chunks[i]!;
    // A chunk grouped under the same open `.if` block is grouped as before, and so are all the chunks after it.
    regrouping &&= chunk.entry !== exit?.branch;
    if (regrouping) chunk = chunk.regrouped(exit, chunk.delta + shift, chunk.lineDelta + lineShift);
    else {
      chunk.delta += shift;
      chunk.lineDelta += lineShift;
    }
    exit = chunk.exit;
    next.push(chunk);
  }
  return fileSyntax(file, next);
}
