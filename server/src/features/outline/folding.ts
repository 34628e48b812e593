/**
 * Folding ranges: HAProxy sections and `.if`/`.elif`/`.else` branches, keepalived blocks, runs of full-line
 * comments, and `# region` … `# endregion` markers. (Editors use a language's region markers only while no
 * folding provider answers, so the provider folds them itself.) Ranges are offsets: one on the first line, one
 * on the last line to fold; the protocol layer turns them into lines.
 */
import type { FeatureContext } from '../context.js';
import type { HaproxySyntax } from '../../syntax/haproxy/ast.js';
import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { Span } from '../../syntax/text.js';
import { lineStartAt } from '../edits.js';

export interface Fold {
  /** An offset on the first line (which stays visible). */
  readonly start: number;
  /** An offset on the last folded line. */
  readonly end: number;
  readonly kind?: 'comment' | 'region';
}

const REGION = /^[#!]\s*region\b/;
const END_REGION = /^[#!]\s*endregion\b/;

export function foldingRanges(ctx: FeatureContext): Fold[] {
  const text = ctx.file.text;
  const folds: Fold[] = [];
  if (ctx.haproxy) {
    haproxyFolds(ctx.haproxy.syntax, folds);
    commentFolds(text, ctx.haproxy.syntax.comments, folds);
  } else if (ctx.keepalived) {
    blockFolds(text, ctx.keepalived.syntax.statements, folds);
    commentFolds(text, ctx.keepalived.syntax.comments, folds);
  }
  return folds;
}

/** Whether only blanks precede `offset` on its line. */
const blanksBefore = (text: string, offset: number) => /^[ \t]*$/.test(text.slice(lineStartAt(text, offset), offset));

/** Whether `text[from, to)` is one line break and indentation: the comment at `to` is on the line after. */
function nextLine(text: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c !== 32 && c !== 9 && c !== 13) return false;
    if (breaks > 1) return false;
  }
  return breaks === 1;
}

/** The last offset to fold before a closing line (`}` or `.endif` alone on its line stays visible); a closer
 * that follows other text on its line closes on that line. */
function foldEndBefore(text: string, closer: number): number {
  return blanksBefore(text, closer) ? Math.max(0, lineStartAt(text, closer) - 1) : closer;
}

function haproxyFolds(syntax: HaproxySyntax, folds: Fold[]): void {
  for (const section of syntax.sections) folds.push({ start: section.start, end: section.end });
  // Each branch of a `.if` block folds on its own, up to the line before the next directive of that block.
  const open: number[] = [];
  const text = syntax.file.text;
  for (const d of syntax.directives) {
    const kw = d.keyword;
    if (kw === '.if') open.push(d.start);
    else if ((kw === '.elif' || kw === '.else' || kw === '.endif') && open.length > 0) {
      folds.push({ start: open.pop()!, end: foldEndBefore(text, d.start) });
      if (kw !== '.endif') open.push(d.start);
    }
  }
}

function blockFolds(text: string, statements: readonly KStatement[], folds: Fold[]): void {
  for (const st of statements) {
    if (!st.block) continue;
    folds.push({ start: st.start, end: st.block.close ? foldEndBefore(text, st.block.close.start) : st.end });
    blockFolds(text, st.block.statements, folds);
  }
}

/** Runs of two or more comment lines with nothing else on them, and region markers (which end a run). */
function commentFolds(text: string, comments: readonly Span[], folds: Fold[]): void {
  const regions: number[] = [];
  let run: { start: number; end: number; lines: number } | undefined;
  const closeRun = () => {
    if (run && run.lines > 1) folds.push({ start: run.start, end: run.end, kind: 'comment' });
    run = undefined;
  };
  for (const c of comments) {
    if (!blanksBefore(text, c.start)) {
      closeRun();
      continue;
    }
    const body = text.slice(c.start, Math.min(c.end, c.start + 16));
    if (REGION.test(body) || END_REGION.test(body)) {
      closeRun();
      if (REGION.test(body)) regions.push(c.start);
      else if (regions.length > 0) folds.push({ start: regions.pop()!, end: c.start, kind: 'region' });
      continue;
    }
    if (run && nextLine(text, run.end, c.start)) {
      run.end = c.end;
      run.lines++;
    } else {
      closeRun();
      run = { start: c.start, end: c.end, lines: 1 };
    }
  }
  closeRun();
}
