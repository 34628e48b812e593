/**
 * LSP binding of the outline features: document symbols, folding ranges and selection ranges. The logic is in
 * features/outline/.
 */
import { FoldingRangeKind, SymbolKind, type Connection, type DocumentSymbol, type FoldingRange, type SelectionRange, type ServerCapabilities } from 'vscode-languageserver';
import { documentSymbols } from '../features/outline/document-symbols.js';
import { foldingRanges } from '../features/outline/folding.js';
import type { OutlineSymbol } from '../features/outline/outline-symbol.js';
import { selectionRanges } from '../features/outline/selection-ranges.js';
import type { SourceFile } from '../syntax/text.js';
import { lspOffset, lspPosition, lspRange } from './positions.js';
import type { Session } from './session.js';
import { uriToPath } from './uris.js';

export const OUTLINE_CAPABILITIES: ServerCapabilities = {
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  selectionRangeProvider: true,
};

/** Exported for the timing test: the conversion is a large part of the answer on big files. */
export function documentSymbol(file: SourceFile, s: OutlineSymbol): DocumentSymbol {
  const symbol: DocumentSymbol = { name: s.name, kind: SymbolKind[s.icon], range: lspRange(file, s.span), selectionRange: lspRange(file, s.selection) };
  // Leaves are most of a large outline: no empty fields to allocate and send.
  if (s.detail !== undefined) symbol.detail = s.detail;
  if (s.children.length > 0) symbol.children = s.children.map((c) => documentSymbol(file, c));
  return symbol;
}

export function registerOutline(connection: Connection, session: Session): void {
  connection.onDocumentSymbol(async ({ textDocument }, token) => {
    const ctx = await session.context(uriToPath(textDocument.uri), token);
    return ctx ? documentSymbols(ctx).map((s) => documentSymbol(ctx.file, s)) : null;
  });

  connection.onFoldingRanges(async ({ textDocument }, token) => {
    const ctx = await session.context(uriToPath(textDocument.uri), token);
    if (!ctx) return null;
    const out: FoldingRange[] = [];
    for (const f of foldingRanges(ctx)) {
      const startLine = lspPosition(ctx.file, f.start).line;
      const endLine = lspPosition(ctx.file, f.end).line;
      if (endLine <= startLine) continue;
      out.push({ startLine, endLine, ...(f.kind ? { kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region } : {}) });
    }
    return out;
  });

  connection.onSelectionRanges(async ({ textDocument, positions }, token) => {
    const ctx = await session.context(uriToPath(textDocument.uri), token);
    if (!ctx) return null;
    const chains = selectionRanges(ctx, positions.map((p) => lspOffset(ctx.file, p)));
    return chains.map((chain) => {
      let range: SelectionRange | undefined;
      for (let i = chain.length - 1; i >= 0; i--) range = { range: lspRange(ctx.file, chain[i]!), parent: range };
      return range!;
    });
  });
}
