/**
 * Completion: what may be written at the cursor, given the section or block it is in, the words before it
 * on its line, the target versions and the rest of the node (backends, ACLs, vrrp_scripts, interfaces, VIPs).
 * Pure: the answer is plain data with offsets; lsp/completion.ts turns it into LSP items.
 */
import type { Span } from '../syntax/text.js';
import type { FeatureContext } from './context.js';
import { completeHaproxy } from './completion-haproxy.js';
import { completeKeepalived } from './completion-keepalived.js';

export type CompletionKind = 'keyword' | 'section' | 'value' | 'parameter' | 'function' | 'reference' | 'address' | 'snippet';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  /** One line next to the label: the kind, the versions that have it, what a reference points to. */
  readonly detail?: string;
  /** Markdown shown beside the list. */
  readonly documentation?: string;
  /** What is inserted instead of the label; a snippet (`${1:name}`) when `snippet` is set. */
  readonly insertText?: string;
  readonly snippet?: boolean;
  /** The text the entry replaces (the word being typed; empty at the cursor when starting a word). */
  readonly span: Span;
  readonly deprecated?: boolean;
  /** Lower comes first; entries with the same rank are sorted by label. */
  readonly rank?: number;
  /** Suggest again after inserting: the entry ends with a space and its argument has a list of its own. */
  readonly retrigger?: boolean;
}

export interface CompletionRequest {
  readonly offset: number;
  /** The character that opened the list when the editor asked because of it (a space or comma). */
  readonly trigger?: string;
}

/** Completions at `offset`; empty when nothing sensible can be offered (a comment, free text, a template). */
export function complete(ctx: FeatureContext, request: CompletionRequest): CompletionEntry[] {
  try {
    if (ctx.haproxy) return onCursorLine(ctx.file.text, request.offset, fitToLine(ctx.file.text, completeHaproxy(ctx, ctx.haproxy.syntax, request)));
    if (ctx.keepalived) return onCursorLine(ctx.file.text, request.offset, fitToLine(ctx.file.text, completeKeepalived(ctx, ctx.keepalived.syntax, request)));
  } catch {
    // Bad input never breaks the editor: no completions rather than an error.
  }
  return [];
}

/**
 * LSP wants the replaced text on the cursor's line. The readers end lines at `\n` only (as HAProxy and keepalived
 * do), so a word can run across a lone `\r`, which ends a line for the editor: such spans are cut at it.
 */
function onCursorLine(text: string, offset: number, list: CompletionEntry[]): CompletionEntry[] {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return list.map((e) => (e.span.start >= start && e.span.end <= end ? e : { ...e, span: { start: Math.max(e.span.start, start), end: Math.min(Math.max(e.span.end, start), end) } }));
}

/** Nothing but blanks or a comment after `end` on its line. */
const endsLine = (text: string, end: number) => /^[ \t]*(?:[#!].*)?(?:\r?\n|$)/.test(text.slice(end, text.indexOf('\n', end) + 1 || undefined));

/**
 * An entry that replaces a word in the middle of a line (`bal‸ance roundrobin`) must not bring what follows
 * the word when it is typed anew: no trailing space, no block braces, no second list.
 */
function fitToLine(text: string, list: CompletionEntry[]): CompletionEntry[] {
  if (list.length === 0 || endsLine(text, list[0]!.span.end)) return list;
  return list.map((e) => (e.insertText === undefined && !e.retrigger ? e : { ...e, insertText: e.snippet ? e.label : e.insertText?.trimEnd(), snippet: false, retrigger: false }));
}

/** Entries from names, all replacing the same span. */
export function entries(names: Iterable<string>, kind: CompletionKind, span: Span, extra: (name: string) => Partial<CompletionEntry> = () => ({})): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const label of names) out.push({ label, kind, span, ...extra(label) });
  return out;
}
