/**
 * LSP binding of navigation: definition, references, document highlights, rename and workspace symbols. Handlers
 * translate positions and answers only; the logic is in features/navigation/.
 */
import { DocumentHighlightKind, ErrorCodes, ResponseError, SymbolKind, type CancellationToken, type Connection, type Location, type Position, type ServerCapabilities } from 'vscode-languageserver';
import type { FeatureContext } from '../features/context.js';
import { definitions, highlights, references } from '../features/navigation/navigate.js';
import { prepareRename, rename } from '../features/navigation/rename.js';
import type { Occurrence } from '../features/navigation/symbol.js';
import { workspaceSymbols } from '../features/navigation/workspace-symbols.js';
import { lspOffset, lspRange } from './positions.js';
import type { Session } from './session.js';
import { workspaceEdit } from './workspace-edit.js';
import { pathToUri, uriToPath } from './uris.js';

export const NAVIGATION_CAPABILITIES: ServerCapabilities = {
  definitionProvider: true,
  referencesProvider: true,
  documentHighlightProvider: true,
  renameProvider: { prepareProvider: true },
  workspaceSymbolProvider: true,
};

/** The document's context and the cursor's offset in it. */
async function cursorIn(session: Session, uri: string, position: Position, token: CancellationToken): Promise<{ ctx: FeatureContext; offset: number } | undefined> {
  const ctx = await session.context(uriToPath(uri), token);
  return ctx ? { ctx, offset: lspOffset(ctx.file, position) } : undefined;
}

const location = (o: Occurrence): Location => ({ uri: pathToUri(o.file.uri), range: lspRange(o.file, o.span) });

export function registerNavigation(connection: Connection, session: Session): void {
  connection.onDefinition(async ({ textDocument, position }, token) => {
    const at = await cursorIn(session, textDocument.uri, position, token);
    return at ? definitions(at.ctx, at.offset).map(location) : null;
  });

  connection.onReferences(async ({ textDocument, position, context }, token) => {
    const at = await cursorIn(session, textDocument.uri, position, token);
    return at ? references(at.ctx, at.offset, context.includeDeclaration).map(location) : null;
  });

  connection.onDocumentHighlight(async ({ textDocument, position }, token) => {
    const at = await cursorIn(session, textDocument.uri, position, token);
    if (!at) return null;
    return highlights(at.ctx, at.offset).map((h) => ({ range: lspRange(at.ctx.file, h.span), kind: h.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
  });

  connection.onPrepareRename(async ({ textDocument, position }, token) => {
    const at = await cursorIn(session, textDocument.uri, position, token);
    if (!at) return null;
    const answer = prepareRename(at.ctx, at.offset);
    if ('error' in answer) return new ResponseError(ErrorCodes.InvalidRequest, answer.error);
    return { range: lspRange(at.ctx.file, answer.span), placeholder: answer.placeholder };
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }, token) => {
    const at = await cursorIn(session, textDocument.uri, position, token);
    if (!at) return null;
    const answer = rename(at.ctx, at.offset, newName);
    if ('error' in answer) return new ResponseError(ErrorCodes.InvalidRequest, answer.error);
    return workspaceEdit(answer);
  });

  connection.onWorkspaceSymbol(async ({ query }, token) => {
    // No document to flush a pending run for: wait for it, so a section typed a moment ago is found.
    await session.whenIdle();
    if (!session.last || token.isCancellationRequested) return [];
    return workspaceSymbols(session.last, query).map((s) => ({
      name: s.name,
      kind: SymbolKind[s.icon],
      containerName: s.container,
      location: { uri: pathToUri(s.file.uri), range: lspRange(s.file, s.span) },
    }));
  });
}
