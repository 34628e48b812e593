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

/** Maps offsets to line/column. Built once per text, O(n); lookups are binary searches. */
export class LineIndex {
  /** Offset of each line's first character. */
  readonly starts: readonly number[];

  constructor(text: string) {
    const starts = [0];
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.starts = starts;
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

export function sourceFile(uri: string, text: string): SourceFile {
  let index: LineIndex | undefined;
  return {
    uri,
    text,
    lines: () => (index ??= new LineIndex(text)),
  };
}
