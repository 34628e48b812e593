/** Formatting requests for one document: the whole file, a range of lines, or the line where `}` was typed. */
import type { Span } from '../../syntax/text.js';
import type { FeatureContext } from '../context.js';
import type { TextEdit } from '../edits.js';
import { formatHaproxy } from './haproxy.js';
import { formatKeepalived } from './keepalived.js';
import { linesOf, type FormatOptions } from './lines.js';

export type { FormatOptions } from './lines.js';

/** Whitespace edits for the whole document, or only for the lines `range` touches. */
export function formatDocument(ctx: FeatureContext, options: FormatOptions, range?: Span): TextEdit[] {
  const lines = range ? linesOf(ctx.file, range) : undefined;
  if (ctx.haproxy) return formatHaproxy(ctx.haproxy.syntax, options, lines);
  if (ctx.keepalived) return formatKeepalived(ctx.file, options, lines);
  return [];
}

/** Typing `}` in a keepalived file re-indents its line, so a closing brace lands under its block's keyword. */
export function formatOnType(ctx: FeatureContext, offset: number, typed: string, options: FormatOptions): TextEdit[] {
  if (typed !== '}' || !ctx.keepalived) return [];
  return formatDocument(ctx, options, { start: offset, end: offset });
}
