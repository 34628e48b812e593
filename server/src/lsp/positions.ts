/**
 * Offsets ⇄ LSP positions. The core counts lines at `\n` only, as HAProxy and keepalived do (and the CLI reports);
 * LSP clients also end a line at a lone `\r`, so every position sent to or read from the editor goes through here.
 */
import { hasLoneCr, type Position, type Range, type SourceFile, type Span } from '../syntax/text.js';

/** Line starts as LSP counts lines: `\n`, `\r\n` and a lone `\r` each end one. */
const lspLineStarts = new WeakMap<SourceFile, ArrayLike<number>>();

function lineStarts(file: SourceFile): ArrayLike<number> {
  let starts = lspLineStarts.get(file);
  if (!starts) {
    // Without a lone CR the core's line index (built once per text anyway) counts lines exactly as LSP does.
    starts = hasLoneCr(file) ? startsWithLoneCr(file.text) : file.lines().starts;
    lspLineStarts.set(file, starts);
  }
  return starts;
}

function startsWithLoneCr(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 13 || c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The LSP position of an offset; an offset between the `\r` and `\n` of a CRLF is the end of its line. */
export function lspPosition(file: SourceFile, offset: number): Position {
  const text = file.text;
  let at = Math.max(0, Math.min(offset, text.length));
  if (text.charCodeAt(at) === 10 && text.charCodeAt(at - 1) === 13) at--;
  const starts = lineStarts(file);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: at - starts[lo]! };
}

export function lspRange(file: SourceFile, span: Span): Range {
  return { start: lspPosition(file, span.start), end: lspPosition(file, span.end) };
}


/** The offset of an LSP position, clamped to its line (a character past the line end means the line end). */
export function lspOffset(file: SourceFile, position: Position): number {
  const starts = lineStarts(file);
  const text = file.text;
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return text.length;
  const start = starts[position.line]!;
  let end = position.line + 1 < starts.length ? starts[position.line + 1]! : text.length;
  // The line's own end excludes its terminator.
  if (end > start && text.charCodeAt(end - 1) === 10) end--;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return start + Math.max(0, Math.min(position.character, end - start));
}
