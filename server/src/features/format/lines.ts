/**
 * The part of formatting both languages share: given, per line, the indentation level the language wants and
 * where its last token ends, rewrite only whitespace — the indentation, runs of blanks between words (opt-in),
 * trailing blanks, and the final newlines when the editor asks. Every other character stays where it is, so
 * formatting is lossless by construction: no word, quote, comment or template tag is ever rewritten.
 *
 * Lines that start with a Jinja tag (`{% … %}`, `{# … #}`) are left exactly as written: their leading blanks
 * end up in the rendered output, and template authors line them up on purpose.
 */
import type { SourceFile, Span } from '../../syntax/text.js';
import { eolOf, type TextEdit } from '../edits.js';

export interface FormatOptions {
  /** Spaces per level when `insertSpaces`, as the editor says. */
  readonly tabSize: number;
  readonly insertSpaces: boolean;
  /** Collapse runs of blanks between words to one space (by default alignment is kept). */
  readonly normalizeSpacing?: boolean;
  /** Re-indent comments that start at column 0 too (by default they stay: banners and commented-out lines). */
  readonly indentAllComments?: boolean;
  /** HAProxy `.if` blocks: directives at column 0 and no extra level ('flat'), or nested like a block. */
  readonly conditionals?: 'flat' | 'nested';
  /** Add a line ending at the end of the file when it lacks one (whole-document formatting only). */
  readonly insertFinalNewline?: boolean;
  /** Remove empty lines at the end of the file (whole-document formatting only). */
  readonly trimFinalNewlines?: boolean;
}

/** Indentation level of a line that keeps its indentation as written. */
export const KEEP = -1;

/** What a language formatter decides for each line (indexed by 0-based line, lines counted at `\n`). */
export interface LinePlan {
  /** Indentation level per line, or KEEP. */
  readonly levels: Int32Array;
  /** End of the last token per line (a word may end in an escaped blank), or -1 for a line without tokens. */
  readonly lastEnds: Int32Array;
  /** Lines nothing may touch at all (a keepalived definition continued over several lines). */
  readonly frozen?: Uint8Array;
  /** Per line, the word spans whose gaps may be collapsed (only filled when `normalizeSpacing` is on). */
  readonly words?: Map<number, number[]>;
}

export function emptyPlan(lineCount: number, normalizeSpacing: boolean | undefined): LinePlan {
  return {
    levels: new Int32Array(lineCount).fill(KEEP),
    lastEnds: new Int32Array(lineCount).fill(-1),
    words: normalizeSpacing ? new Map() : undefined,
  };
}

/** A comment line keeps column 0 unless the user wants every comment indented. */
export function commentLevel(atColumn0: boolean, level: number, options: FormatOptions): number {
  return atColumn0 && !options.indentAllComments ? KEEP : level;
}

const isBlank = (c: number) => c === 32 || c === 9;
const isSpace = (c: number) => isBlank(c) || c === 10 || c === 13;

function isJinjaLed(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 123) return false;
  const next = text.charCodeAt(at + 1);
  return next === 37 || next === 35;
}

/** Lines [first, last] (0-based, inclusive) that a range touches; a range ending at column 0 stops at the line before. */
export function linesOf(file: SourceFile, range: Span): { first: number; last: number } {
  const lines = file.lines();
  const first = lines.lineOf(range.start);
  let last = lines.lineOf(range.end);
  if (last > first && lines.lineStart(last) === range.end) last--;
  return { first, last };
}

/** The whitespace edits for a plan; `range` limits them to some lines (and leaves the file's end alone). */
export function planEdits(file: SourceFile, plan: LinePlan, options: FormatOptions, range?: { first: number; last: number }): TextEdit[] {
  const text = file.text;
  const lines = file.lines();
  const unit = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
  const indents: string[] = [''];
  const indent = (level: number) => (indents[level] ??= unit.repeat(level));
  const edits: TextEdit[] = [];
  const first = range?.first ?? 0;
  const last = Math.min(range?.last ?? lines.lineCount - 1, lines.lineCount - 1);
  // Whole-document formatting may drop the empty lines at the end: they are removed in one edit below.
  const trimFrom = !range && options.trimFinalNewlines ? finalNewlinesStart(text) : text.length;
  // A last line that ends in a lone `\r`: the final newline the editor asks for makes that `\r\n`, a line end.
  const closesCrlf = !range && options.insertFinalNewline === true && text.charCodeAt(text.length - 1) === 13;
  const finalEol = closesCrlf ? '\n' : eolOf(text);

  for (let line = first; line <= last; line++) {
    const start = lines.lineStart(line);
    if (start >= trimFrom) break;
    if (plan.frozen?.[line]) continue;
    let end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) - 1 : text.length;
    if (end > start && text.charCodeAt(end - 1) === 13 && ((end < text.length && text.charCodeAt(end) === 10) || (end === text.length && closesCrlf))) end--;
    let body = start;
    while (body < end && isBlank(text.charCodeAt(body))) body++;
    if (body === end) {
      if (end > start) edits.push({ start, end, newText: '' });
      continue;
    }
    if (isJinjaLed(text, body)) continue;
    const level = plan.levels[line]!;
    if (level !== KEEP) {
      const want = indent(level);
      if (body - start !== want.length || text.slice(start, body) !== want) edits.push({ start, end: body, newText: want });
    }
    const words = plan.words?.get(line);
    if (words) {
      for (let w = 1; w + 1 < words.length; w += 2) {
        const gapStart = words[w]!;
        const gapEnd = words[w + 1]!;
        if (gapEnd - gapStart < 1 || (gapEnd - gapStart === 1 && text.charCodeAt(gapStart) === 32)) continue;
        let blank = true;
        for (let i = gapStart; i < gapEnd && blank; i++) blank = isBlank(text.charCodeAt(i));
        if (blank) edits.push({ start: gapStart, end: gapEnd, newText: ' ' });
      }
    }
    let content = end;
    while (content > body && isBlank(text.charCodeAt(content - 1))) content--;
    content = Math.max(content, plan.lastEnds[line]!);
    // Blanks between a lone `\r` and a `\n` stay: without them the `\r` would join the line end (`\r\n`) and
    // the next pass would read the line differently. Before a `\r\n` (written, or added as the final newline of a
    // CRLF file) the `\r` stays lone, so they go like any trailing blanks.
    const lfFollows = end < text.length ? text.charCodeAt(end) === 10 : !range && options.insertFinalNewline === true && finalEol === '\n';
    if (content < end && text.charCodeAt(content - 1) === 13 && lfFollows) content = end;
    if (content < end) edits.push({ start: content, end, newText: '' });
  }

  if (!range) {
    if (trimFrom < text.length) edits.push({ start: trimFrom, end: text.length, newText: '' });
    else if (options.insertFinalNewline && text.length > 0 && text.charCodeAt(text.length - 1) !== 10) edits.push({ start: text.length, end: text.length, newText: finalEol });
  }
  return mergeTouching(edits);
}

/**
 * Where the empty lines at the end of the file start: just past the line ending that follows the last
 * non-blank character. Equal to the text's length when there are none.
 */
function finalNewlinesStart(text: string): number {
  let i = text.length;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  const nl = text.indexOf('\n', i);
  return nl === -1 ? text.length : nl + 1;
}

/** Edits in order, neighbours merged (a trailing-blank deletion and a final newline at the same offset). */
function mergeTouching(edits: TextEdit[]): TextEdit[] {
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of edits) {
    const prev = out[out.length - 1];
    if (prev && prev.end === e.start) out[out.length - 1] = { start: prev.start, end: e.end, newText: prev.newText + e.newText };
    else out.push(e);
  }
  return out;
}
