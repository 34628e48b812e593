/**
 * Rename: every occurrence of the name under the cursor, in every file that shares its scope (symbol.ts), gets the
 * new name; a VIP's new address replaces the address only, so ports, brackets and prefix lengths stay.
 */
import type { FeatureContext } from '../context.js';
import type { SourceFile, Span } from '../../syntax/text.js';
import type { FileEdits, TextEdit } from '../edits.js';
import { symbolAt } from './symbol.js';

export type Refusal = { readonly error: string };

export function prepareRename(ctx: FeatureContext, offset: number): { span: Span; placeholder: string } | Refusal {
  const symbol = symbolAt(ctx, offset);
  if (!symbol) return { error: 'There is no backend, ACL, section, script, instance or VIP name here to rename' };
  if (symbol.fixed) return { error: `Cannot rename: ${symbol.fixed}` };
  return { span: symbol.span, placeholder: ctx.file.text.slice(symbol.span.start, symbol.span.end) };
}

export function rename(ctx: FeatureContext, offset: number, newName: string): FileEdits[] | Refusal {
  const symbol = symbolAt(ctx, offset);
  if (!symbol) return { error: 'There is no name here to rename' };
  if (symbol.fixed) return { error: `Cannot rename: ${symbol.fixed}` };
  const invalid = symbol.checkName(newName);
  if (invalid) return { error: invalid };
  const occurrences = symbol.occurrences();
  const inexact = occurrences.find((o) => !o.exact);
  if (inexact) {
    const line = inexact.file.lines().lineOf(inexact.span.start) + 1;
    return { error: `Cannot rename: ${inexact.file.uri}:${line} writes the ${symbol.kind} inside a quoted word; edit it there first` };
  }
  const byFile = new Map<SourceFile, TextEdit[]>();
  for (const o of occurrences) {
    const edits = byFile.get(o.file) ?? [];
    edits.push({ start: o.span.start, end: o.span.end, newText: newName });
    byFile.set(o.file, edits);
  }
  return [...byFile].map(([file, edits]) => ({ file, edits }));
}
