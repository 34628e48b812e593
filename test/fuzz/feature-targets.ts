/**
 * The editor features as fuzz targets, one entry each: they run on the FeatureContext the language server gives
 * them (an in-process Session that has the case's files on its disk and the main file open), at the case's cursor,
 * and their answers go through the same LSP conversion as in lsp/*.ts (positions.ts). Checked:
 *  - no exception (completion and hover are called below their catch-all, which would hide one);
 *  - every range inside the document it names, as the editor counts lines and characters;
 *  - what LSP requires of the shape: a completion edit on one line and around the cursor, a symbol's selection
 *    range inside its range, selection ranges that grow outward, folds that start before they end;
 *  - edits (formatting, rename, quick fixes) that do not overlap and apply cleanly; formatting changes only
 *    whitespace (it is lossless) and, applied twice, changes nothing more.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completeHaproxy } from '../../server/src/features/completion-haproxy.js';
import { completeKeepalived } from '../../server/src/features/completion-keepalived.js';
import { complete } from '../../server/src/features/completion.js';
import type { FeatureContext } from '../../server/src/features/context.js';
import type { FileEdits, TextEdit } from '../../server/src/features/edits.js';
import { quickFixes } from '../../server/src/features/code-actions/quick-fixes.js';
import { formatDocument, formatOnType, type FormatOptions } from '../../server/src/features/format/document.js';
import { hoverHaproxy } from '../../server/src/features/hover-haproxy.js';
import { hoverKeepalived } from '../../server/src/features/hover-keepalived.js';
import { definitions, highlights, references } from '../../server/src/features/navigation/navigate.js';
import { prepareRename, rename } from '../../server/src/features/navigation/rename.js';
import { workspaceSymbols } from '../../server/src/features/navigation/workspace-symbols.js';
import { documentSymbols } from '../../server/src/features/outline/document-symbols.js';
import { foldingRanges } from '../../server/src/features/outline/folding.js';
import { selectionRanges } from '../../server/src/features/outline/selection-ranges.js';
import { documentSymbol } from '../../server/src/lsp/outline.js';
import { lspPosition, lspRange } from '../../server/src/lsp/positions.js';
import { pathToUri } from '../../server/src/lsp/uris.js';
import type { SourceFile, Span } from '../../server/src/syntax/text.js';
import { Rng } from './rng.js';
import { openSession, rangeProblem, spanProblem, type CaseContext, type Cursor, type Target } from './targets.js';

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

/** The feature context of the main file: from the case's shared session, or from one opened on another text. */
export function featureContext(ctx: CaseContext, text?: string): FeatureContext | undefined {
  const { session } = text === undefined ? ctx.session() : openSession(ctx.c, ctx.fs(), ctx.settings, text);
  return session.latestContext(ctx.c.main);
}

/** Options and names drawn from the case itself, so a case always asks the same. */
function rngOf(ctx: CaseContext): Rng {
  return new Rng(ctx.c.choice ?? 0, 1);
}

const docs = new WeakMap<SourceFile, TextDocument>();
function docOf(file: SourceFile): TextDocument {
  let d = docs.get(file);
  if (!d) docs.set(file, (d = TextDocument.create(pathToUri(file.uri), 'x', 1, file.text)));
  return d;
}

function inside(file: SourceFile, span: Span, what: string): string | undefined {
  const p = spanProblem(span, file.text) ?? rangeProblem(lspRange(file, span), docOf(file));
  return p && `${what} in ${file.uri}: ${p}`;
}

const contains = (outer: Span, inner: Span) => outer.start <= inner.start && inner.end <= outer.end;
const rangeContains = (outer: Range, inner: Range) =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));

/** Edits of one file: inside it, not overlapping; returns the edited text or a problem. */
export function applyEdits(file: SourceFile, edits: readonly TextEdit[], what: string): { text: string } | { problem: string } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    const p = inside(file, e, what);
    if (p) return { problem: p };
    if (typeof e.newText !== 'string') return { problem: `${what}: edit without text ${JSON.stringify(e)}` };
    if (e.start < at) return { problem: `${what}: overlapping edits in ${file.uri} at ${e.start} (previous edit ends at ${at})` };
    out += file.text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return { text: out + file.text.slice(at) };
}

function fileEditsProblem(changes: readonly FileEdits[], what: string): string | undefined {
  // A file may appear more than once; its edits, taken together, must still not overlap.
  const byFile = new Map<SourceFile, TextEdit[]>();
  for (const { file, edits } of changes) byFile.set(file, [...(byFile.get(file) ?? []), ...edits]);
  for (const [file, edits] of byFile) {
    const r = applyEdits(file, edits, what);
    if ('problem' in r) return r.problem;
  }
  return undefined;
}

/** A target that needs the feature context (none for a binary or unknown document). */
function feature(name: string, check: (fc: FeatureContext, cursor: Cursor, ctx: CaseContext) => string | undefined): Target<string | undefined> {
  return {
    name,
    run: (ctx, cursor) => {
      const fc = featureContext(ctx);
      return fc ? check(fc, cursor, ctx) : undefined;
    },
    check: (problem) => problem,
  };
}

const FORMAT_OPTIONS: FormatOptions[] = [
  { tabSize: 4, insertSpaces: true },
  { tabSize: 2, insertSpaces: true, normalizeSpacing: true, insertFinalNewline: true, trimFinalNewlines: true },
  { tabSize: 8, insertSpaces: false, indentAllComments: true, conditionals: 'nested' },
  { tabSize: 1, insertSpaces: true, conditionals: 'flat', normalizeSpacing: true },
];

const noBlanks = (s: string) => s.replace(/\s+/g, '');

export const FEATURE_TARGETS: readonly Target<string | undefined>[] = [
  feature('completion', (fc, cur) => {
    // Below complete()'s catch-all, which turns an exception into "no completions".
    const trigger = fc.file.text[cur.offset - 1] === ' ' ? ' ' : fc.file.text[cur.offset - 1] === ',' ? ',' : undefined;
    if (fc.haproxy) completeHaproxy(fc, fc.haproxy.syntax, { offset: cur.offset, trigger });
    if (fc.keepalived) completeKeepalived(fc, fc.keepalived.syntax, { offset: cur.offset, trigger });
    for (const e of complete(fc, { offset: cur.offset, trigger })) {
      const p = inside(fc.file, e.span, `completion '${e.label}'`);
      if (p) return p;
      if (typeof e.label !== 'string' || e.label === '') return `completion with an empty label: ${JSON.stringify(e)}`;
      // LSP: the edit's range is on one line and contains the position completion was asked at.
      const r = lspRange(fc.file, e.span);
      if (r.start.line !== r.end.line) return `completion '${e.label}' replaces ${JSON.stringify(r)}, more than one line`;
      if (!(e.span.start <= cur.offset && cur.offset <= e.span.end)) return `completion '${e.label}' replaces [${e.span.start}, ${e.span.end}), which does not contain the cursor ${cur.offset}`;
    }
    return undefined;
  }),
  feature('hover', (fc, cur) => {
    const h = fc.haproxy ? hoverHaproxy(fc, fc.haproxy.syntax, cur.offset) : fc.keepalived ? hoverKeepalived(fc, fc.keepalived.syntax, cur.offset) : undefined;
    if (!h) return undefined;
    if (typeof h.markdown !== 'string' || h.markdown.trim() === '') return `hover with no text at ${cur.offset}`;
    return inside(fc.file, h.span, 'hover');
  }),
  feature('definition+references+highlights', (fc, cur) => {
    for (const [what, list] of [['definition', definitions(fc, cur.offset)], ['references', references(fc, cur.offset, true)], ['references (no declaration)', references(fc, cur.offset, false)]] as const) {
      for (const o of list) {
        const p = inside(o.file, o.span, what);
        if (p) return p;
      }
    }
    for (const h of highlights(fc, cur.offset)) {
      const p = inside(fc.file, h.span, 'highlight');
      if (p) return p;
    }
    return undefined;
  }),
  feature('rename', (fc, cur, ctx) => {
    const prepared = prepareRename(fc, cur.offset);
    if ('error' in prepared) {
      if (typeof prepared.error !== 'string' || prepared.error === '') return 'prepareRename refused without a reason';
    } else {
      const p = inside(fc.file, prepared.span, 'prepareRename');
      if (p) return p;
    }
    const name = rngOf(ctx).pick(['renamed', 'be_new', 'VI_9', 'x', '192.0.2.99', 'a b', '', '{{ x }}', 'ü', 'chk_new']);
    const answer = rename(fc, cur.offset, name);
    if ('error' in answer) return typeof answer.error === 'string' && answer.error !== '' ? undefined : 'rename refused without a reason';
    return fileEditsProblem(answer, `rename to '${name}'`);
  }),
  feature('outline (symbols, folding, selection)', (fc, cur) => {
    const check = (s: ReturnType<typeof documentSymbol>): string | undefined => {
      const doc = docOf(fc.file);
      const p = rangeProblem(s.range, doc) ?? rangeProblem(s.selectionRange, doc);
      if (p) return `document symbol '${s.name}': ${p}`;
      if (!rangeContains(s.range, s.selectionRange)) return `document symbol '${s.name}': selectionRange ${JSON.stringify(s.selectionRange)} is not inside its range ${JSON.stringify(s.range)}`;
      for (const child of s.children ?? []) {
        const cp = check(child);
        if (cp) return cp;
      }
      return undefined;
    };
    for (const s of documentSymbols(fc)) {
      const p = check(documentSymbol(fc.file, s));
      if (p) return p;
    }
    for (const f of foldingRanges(fc)) {
      const p = inside(fc.file, { start: Math.min(f.start, f.end), end: Math.max(f.start, f.end) }, 'folding range');
      if (p) return p;
      if (lspPosition(fc.file, f.start).line > lspPosition(fc.file, f.end).line) return `folding range [${f.start}, ${f.end}) ends on a line before it starts`;
    }
    const offsets = [cur.offset, 0, fc.file.text.length];
    const chains = selectionRanges(fc, offsets);
    if (chains.length !== offsets.length) return `selectionRanges answered ${chains.length} chains for ${offsets.length} positions`;
    for (const [i, chain] of chains.entries()) {
      for (const [k, span] of chain.entries()) {
        const p = inside(fc.file, span, 'selection range');
        if (p) return p;
        if (k === 0 && !(span.start <= offsets[i]! && offsets[i]! <= span.end)) return `selection range [${span.start}, ${span.end}) does not contain its position ${offsets[i]}`;
        if (k > 0 && !contains(span, chain[k - 1]!)) return `selection range [${span.start}, ${span.end}) does not contain the one inside it [${chain[k - 1]!.start}, ${chain[k - 1]!.end})`;
      }
    }
    return undefined;
  }),
  feature('workspace symbols', (fc, _cur, ctx) => {
    const words = ctx.text.match(/[A-Za-z_][\w.-]{0,12}/g) ?? [];
    for (const query of ['', rngOf(ctx).pick(words.length ? words : ['x']), 'ü{']) {
      for (const s of workspaceSymbols(fc.analysis, query)) {
        const p = inside(s.file, s.span, `workspace symbol '${s.name}'`);
        if (p) return p;
      }
    }
    return undefined;
  }),
  feature('formatting', (fc, cur, ctx) => {
    const rng = rngOf(ctx);
    const options = rng.pick(FORMAT_OPTIONS);
    const whole = applyEdits(fc.file, formatDocument(fc, options), 'format document');
    if ('problem' in whole) return whole.problem;
    // Lossless: only blanks and line ends change.
    if (noBlanks(whole.text) !== noBlanks(fc.file.text)) return `formatting changed more than whitespace (${JSON.stringify(options)})`;
    const a = rng.int(fc.file.text.length + 1);
    const b = rng.int(fc.file.text.length + 1);
    const ranged = applyEdits(fc.file, formatDocument(fc, options, { start: Math.min(a, b, cur.offset), end: Math.max(a, b, cur.offset) }), 'format range');
    if ('problem' in ranged) return ranged.problem;
    if (noBlanks(ranged.text) !== noBlanks(fc.file.text)) return `range formatting changed more than whitespace (${JSON.stringify(options)})`;
    const typed = applyEdits(fc.file, formatOnType(fc, cur.offset, '}', options), 'format on type');
    if ('problem' in typed) return typed.problem;
    if (!ctx.c.edits || whole.text === fc.file.text) return undefined;
    // Formatting the formatted text changes nothing more.
    const again = featureContext(ctx, whole.text);
    if (!again) return undefined;
    const second = applyEdits(again.file, formatDocument(again, options), 'format document twice');
    if ('problem' in second) return second.problem;
    return second.text === whole.text ? undefined : `formatting is not idempotent (${JSON.stringify(options)}): a second pass changes ${JSON.stringify(firstDifference(whole.text, second.text))}`;
  }),
  feature('quick fixes', (fc, cur, ctx) => {
    // As an editor asks: for the diagnostics on the cursor's line (and, to reach more rules, a few others).
    const line = cur.position.line;
    const own = fc.analysis.findings.filter((f) => f.file.uri === fc.file.uri);
    const onLine = own.filter((f) => lspPosition(fc.file, f.span.start).line <= line && line <= lspPosition(fc.file, f.span.end).line);
    const rng = rngOf(ctx);
    const asked = [...onLine.slice(0, 50), ...Array.from({ length: Math.min(own.length, 10) }, () => rng.pick(own))];
    for (const f of asked) {
      for (const fix of quickFixes(fc, f.code, f.span)) {
        if (typeof fix.title !== 'string' || fix.title === '') return `${f.code}: a quick fix without a title`;
        const p = fileEditsProblem(fix.changes, `quick fix '${fix.title}' for ${f.code}`);
        if (p) return p;
      }
    }
    return undefined;
  }),
];

function firstDifference(a: string, b: string): { at: number; before: string; after: string } {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return { at: i, before: a.slice(Math.max(0, i - 20), i + 20), after: b.slice(Math.max(0, i - 20), i + 20) };
}
