/**
 * Where each piece of a rendered config came from in its template. Text copied from the template maps
 * character by character; text an expression printed maps to the whole `{{ … }}`. Loops copy one template
 * run several times, so the map goes from output to template only.
 */
import type { Span } from '../../../syntax/text.js';

/** One output run: [out, out + length) came from template [from, to). */
interface Segment {
  readonly out: number;
  readonly length: number;
  readonly from: number;
  readonly to: number;
  /** Printed by the expression at [from, to) rather than copied. */
  readonly printed: boolean;
}

export class SourceMap {
  constructor(private readonly segments: readonly Segment[]) {}

  /** Index of the segment holding output offset `at` (the last one for offsets past the end); -1 when empty. */
  private indexAt(at: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid]!.out <= at) lo = mid;
      else hi = mid - 1;
    }
    return hi;
  }

  private segmentAt(at: number): Segment | undefined {
    return this.segments[this.indexAt(at)];
  }

  /** The template span a rendered span came from: exact for copied text, the whole expression for printed text. */
  toTemplate(span: Span): Span {
    const first = this.segmentAt(span.start);
    if (!first) return { start: 0, end: 0 };
    const start = first.printed ? first.from : first.from + Math.min(span.start - first.out, first.length);
    const lastOffset = Math.max(span.start, span.end - 1);
    const last = this.segmentAt(lastOffset)!;
    let end = last.printed ? last.to : last.from + Math.min(lastOffset - last.out + 1, last.length);
    // A span across loop iterations can end earlier in the template than it starts: keep its first run.
    if (end < start) end = first.printed ? first.to : first.from + Math.min(span.end - first.out, first.length);
    return { start, end: Math.max(start, end) };
  }

  /** Whether any of the rendered span was printed by an expression (rather than copied from the template). */
  printed(span: Span): boolean {
    for (let i = Math.max(this.indexAt(span.start), 0); i < this.segments.length && this.segments[i]!.out < Math.max(span.end, span.start + 1); i++) {
      if (this.segments[i]!.printed) return true;
    }
    return false;
  }
}

/** Collects rendered text and its segments. */
export class Output {
  private readonly parts: string[] = [];
  private readonly segments: Segment[] = [];
  length = 0;

  constructor(private readonly template: string) {}

  copy(from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(this.template.slice(from, to));
    const prev = this.segments[this.segments.length - 1];
    if (prev && !prev.printed && prev.to === from && prev.out + prev.length === this.length) {
      this.segments[this.segments.length - 1] = { ...prev, length: prev.length + (to - from), to };
    } else this.segments.push({ out: this.length, length: to - from, from, to, printed: false });
    this.length += to - from;
  }

  print(text: string, expression: Span): void {
    if (text === '') return;
    this.parts.push(text);
    this.segments.push({ out: this.length, length: text.length, from: expression.start, to: expression.end, printed: true });
    this.length += text.length;
  }

  text(): string {
    return this.parts.join('');
  }

  map(): SourceMap {
    return new SourceMap(this.segments);
  }
}
