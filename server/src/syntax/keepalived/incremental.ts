/**
 * Incremental parsing of keepalived files. After an edit only the top-level statements it touched (a block such as
 * `vrrp_instance X { … }` with all it holds, or a single line), with the comments, definitions and blank lines
 * between them, are lexed and parsed again; the statements before them are kept as they are and those after them
 * are moved. The result equals a full parse of the new text. When the edit may change how the rest of the file
 * reads (a block left open takes in what follows, `{% … %}` branches are read across the file, …), the file is
 * parsed afresh instead.
 *
 * Keeping and moving is done in place, as the last step: the kept statements name the new file and those after the
 * edit hold the new offsets, so the previous version of the file, which shares them, reads the new positions from
 * then on. It is superseded: the Workspace replaces it in the same step, and a second reparse from it (a request
 * that parsed the file while a paused run was parsing it too) parses afresh instead.
 */
import { editedRegion, type SourceFile, type Span } from '../text.js';
import type { SyntaxIssue } from '../issue.js';
import type { Definition, KeepalivedSyntax, KStatement } from './ast.js';
import { keepalivedSyntax, parseKeepalived, parseStretch, partsOf, type KeepalivedParts } from './parser.js';

/** Versions whose statements a reparse has moved on to the next version. */
const superseded = new WeakSet<KeepalivedSyntax>();

/** Parses `file`, the next version of `previous`'s file, parsing again only the top-level statements the edit touched. */
export function reparseKeepalived(previous: KeepalivedSyntax, file: SourceFile): KeepalivedSyntax {
  const parts = partsOf(previous);
  const before = previous.file.text;
  const after = file.text;
  // An `@id`/`~SEQ` prefix with no keyword would take one typed after it, wherever it is: none may be left.
  if (!parts || superseded.has(previous) || !readsLocally(parts) || parts.danglingPrefixes > 0 || previous.controlFlow) return parseKeepalived(file);
  const { prefix, suffix } = editedRegion(before, after);
  const shift = after.length - before.length;
  // firstBranchOnly reads `{% if %}` branches across the whole file: a tag typed anywhere changes it all.
  if (after.slice(Math.max(0, prefix - 1), after.length - suffix + 1).includes('{%')) return parseKeepalived(file);

  const statements = previous.statements;
  // The lines the edit touched, in the old text: from the line where the texts start to differ to the end of the
  // line where they agree again (its line feed unchanged, so the text after it lexes as before).
  let from = lineStart(before, prefix);
  let to = nextLineStart(before, before.length - suffix);
  // A statement with no block just before them takes a `{` typed on the next line as its block: read it again too.
  const above = firstEndingAfter(statements, from) - 1;
  if (above >= 0 && !statements[above]!.block) from = lineStart(before, statements[above]!.start);
  let region: KeepalivedParts | undefined;
  for (let attempt = 0; attempt < 3 && !region; attempt++) {
    ({ from, to } = wholeStatements(statements, before, after, from, to, shift));
    const parsed = parseStretch(file, from, to + shift);
    if (!readsLocally(parsed)) return parseKeepalived(file);
    if (!parsed.prefixAtEnd || to === before.length) region = parsed;
    // An `@id`/`~SEQ` prefix at the end takes the keyword of the statement after the region: read that one too.
    else to = statements[lastStartingBefore(statements, before, to) + 1]?.end ?? before.length;
  }
  if (!region) return parseKeepalived(file);

  const first = firstEndingAfter(statements, from);
  const last = lastStartingBefore(statements, before, to);
  const kept = statements.slice(0, first);
  const moved = statements.slice(last + 1);
  const next = keepalivedSyntax(file, combine(parts, region, from, to, shift, kept.concat(region.statements, moved)), false);

  // From here on nothing can fail: the kept statements change hands in the same step as the new version is made.
  superseded.add(previous);
  for (const st of kept) adopt(st, file, 0);
  for (const st of moved) adopt(st, file, shift);
  return next;
}

/**
 * Whether a parse holds none of the problems that reach beyond where they are: a block left open takes in the
 * statements after it, a `{` no keyword opens would open the block of a statement before it, blocks nested too deep
 * are reported once per file, and unreadable characters are rare enough to be read over the whole file.
 */
function readsLocally(parts: KeepalivedParts): boolean {
  const { depth, unclosed, lexer } = parts.issues;
  return depth.length === 0 && unclosed.length === 0 && lexer.length === 0 && parts.strayOpens === 0;
}

/**
 * Widens the old text's [from, to) until it holds whole top-level statements and whole lines: every statement with
 * a character in it, the lines those are on, and the lines a definition continues on (`\` at the end of a line).
 */
function wholeStatements(statements: readonly KStatement[], before: string, after: string, from: number, to: number, shift: number): { from: number; to: number } {
  for (;;) {
    const first = firstEndingAfter(statements, from);
    const last = lastStartingBefore(statements, before, to);
    let widened = false;
    if (first <= last) {
      const start = lineStart(before, startOf(statements, before, first));
      const end = nextLineStart(before, statements[last]!.end);
      widened = start < from || end > to;
      from = Math.min(from, start);
      to = Math.max(to, end);
    }
    if (from > 0 && continues(before, from)) {
      from = lineStart(before, from - 1);
      widened = true;
    }
    // The line before `to` is the same in both texts only from the edit on: look at both.
    if (to < before.length && (continues(before, to) || continues(after, to + shift))) {
      to = nextLineStart(before, to);
      widened = true;
    }
    if (!widened) return { from, to };
  }
}

/**
 * The new file's parts: the old ones before `from` and from `to` on (those moved by `shift`), the region's in between.
 * Each list is in file order, so that is the order a full parse gives.
 */
function combine(old: KeepalivedParts, region: KeepalivedParts, from: number, to: number, shift: number, statements: KStatement[]): KeepalivedParts {
  const splice = <T>(list: readonly T[], fresh: readonly T[], startOf: (item: T) => number, move: (item: T) => T): T[] => {
    const tail = list.slice(firstStartingAt(list, to, startOf));
    return list.slice(0, firstStartingAt(list, from, startOf)).concat(fresh, shift === 0 ? tail : tail.map(move));
  };
  const spanStart = (s: Span) => s.start;
  const issues = (kind: 'structure' | 'quotes') => splice(old.issues[kind], region.issues[kind], spanStart, (i: SyntaxIssue) => ({ ...i, start: i.start + shift, end: i.end + shift }));
  return {
    statements,
    definitions: splice(old.definitions, region.definitions, spanStart, (d) => movedDefinition(d, shift)),
    comments: splice(old.comments, region.comments, spanStart, (c) => ({ start: c.start + shift, end: c.end + shift })),
    issues: { depth: [], structure: issues('structure'), quotes: issues('quotes'), unclosed: [], lexer: [] },
    templating: splice(old.templating, region.templating, (at) => at, (at) => at + shift),
    strayOpens: 0,
    danglingPrefixes: region.danglingPrefixes,
    // A region ending with a prefix reaches the end of the file (see above).
    prefixAtEnd: region.prefixAtEnd,
  };
}

function movedDefinition(d: Definition, shift: number): Definition {
  const moved = { ...d, start: d.start + shift, end: d.end + shift };
  return d.condition ? { ...moved, condition: { ...d.condition, start: d.condition.start + shift, end: d.condition.end + shift } } : moved;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Hands a statement kept from the previous version, and all it holds, to `file`, moving its offsets by `shift`.
 * This and moveSpan are the only code that writes these objects (they are readonly to every reader): the statements
 * stay the same objects, so what is known about them by identity stays valid.
 */
function adopt(st: KStatement, file: SourceFile, shift: number): void {
  (st as Writable<KStatement>).file = file;
  if (shift !== 0) {
    moveSpan(st, shift);
    moveSpan(st.keyword, shift);
    for (const w of st.args) moveSpan(w, shift);
    if (st.condition) moveSpan(st.condition, shift);
    if (st.block) moveSpan(st.block.open, shift);
    if (st.block?.close) moveSpan(st.block.close, shift);
  }
  if (st.block) for (const child of st.block.statements) adopt(child, file, shift);
}

function moveSpan(span: Span, shift: number): void {
  (span as Writable<Span>).start += shift;
  (span as Writable<Span>).end += shift;
}

/** Offset of the line start at or before `at`. */
function lineStart(text: string, at: number): number {
  return at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
}

/** Offset just past the line feed at or after `at`; the end of the text when there is none. */
function nextLineStart(text: string, at: number): number {
  const feed = text.indexOf('\n', at);
  return feed === -1 ? text.length : feed + 1;
}

/** Whether the line ending just before `lineEnd` (a line start, or the end of the text) ends with `\` and blanks: a definition on it goes on to the next line. */
function continues(text: string, lineEnd: number): boolean {
  let i = text.charCodeAt(lineEnd - 1) === 10 ? lineEnd - 2 : lineEnd - 1;
  for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 13 || c === 11 || c === 12; c = text.charCodeAt(--i));
  return text.charCodeAt(i) === 92;
}

/** Index of the first statement ending after `offset` (statements are in order and do not overlap). */
function firstEndingAfter(statements: readonly KStatement[], offset: number): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid]!.end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the last statement starting before `offset` (as startOf counts), -1 when none does. */
function lastStartingBefore(statements: readonly KStatement[], text: string, offset: number): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(statements, text, mid) >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/**
 * Where the i-th statement starts in `text`, the text it was parsed from. Its `~SEQ(…)` prefixes are not in its
 * span and may be on lines of their own before it: a repeated statement is taken to start on the line after the
 * statement before it.
 */
function startOf(statements: readonly KStatement[], text: string, i: number): number {
  const st = statements[i]!;
  if (!st.repeated || st.condition) return st.start;
  return i === 0 ? 0 : nextLineStart(text, statements[i - 1]!.end);
}

/** Index of the first item of a list in file order that starts at or after `offset`. */
function firstStartingAt<T>(list: readonly T[], offset: number, startOf: (item: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(list[mid]!) >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
