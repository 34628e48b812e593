/**
 * LSP binding of formatting: whole document, range, and on-type (`}` in keepalived). The editor's formatting
 * options give the indentation (tab size, spaces or tabs, final newlines); the `hapair.format.*` settings are
 * read from the client for the document at hand, so a change applies to the next format without a restart.
 * The logic is in features/format/.
 */
import type { Connection, FormattingOptions, ServerCapabilities, TextEdit } from 'vscode-languageserver';
import type { FeatureContext } from '../features/context.js';
import { formatDocument, formatOnType, type FormatOptions } from '../features/format/document.js';
import type { TextEdit as OffsetEdit } from '../features/edits.js';
import { lspOffset, lspRange } from './positions.js';
import type { Session } from './session.js';
import { formatSettingsFrom, type EditorSettings } from './settings.js';
import { uriToPath } from './uris.js';

export const FORMAT_CAPABILITIES: ServerCapabilities = {
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  documentOnTypeFormattingProvider: { firstTriggerCharacter: '}' },
};

export function registerFormatting(connection: Connection, session: Session): void {
  /** The editor's options plus the `hapair.format` settings (their defaults when the client has no configuration). */
  const optionsFor = async (uri: string, editor: FormattingOptions): Promise<FormatOptions> => {
    let raw: EditorSettings | undefined;
    try {
      raw = (await connection.workspace.getConfiguration({ scopeUri: uri, section: 'hapair' })) as EditorSettings | undefined;
    } catch {
      raw = undefined;
    }
    return { ...formatSettingsFrom(raw), tabSize: editor.tabSize, insertSpaces: editor.insertSpaces, insertFinalNewline: editor.insertFinalNewline, trimFinalNewlines: editor.trimFinalNewlines };
  };
  const toLsp = (ctx: FeatureContext, edits: readonly OffsetEdit[]): TextEdit[] => edits.map((e) => ({ range: lspRange(ctx.file, e), newText: e.newText }));

  connection.onDocumentFormatting(async ({ textDocument, options }, token) => {
    const settings = await optionsFor(textDocument.uri, options);
    const ctx = await session.context(uriToPath(textDocument.uri), token);
    return ctx ? toLsp(ctx, formatDocument(ctx, settings)) : null;
  });

  connection.onDocumentRangeFormatting(async ({ textDocument, range, options }, token) => {
    const settings = await optionsFor(textDocument.uri, options);
    const ctx = await session.context(uriToPath(textDocument.uri), token);
    return ctx ? toLsp(ctx, formatDocument(ctx, settings, { start: lspOffset(ctx.file, range.start), end: lspOffset(ctx.file, range.end) })) : null;
  });

  connection.onDocumentOnTypeFormatting(async ({ textDocument, position, ch, options }, token) => {
    const settings = await optionsFor(textDocument.uri, options);
    const ctx = await session.context(uriToPath(textDocument.uri), token);
    return ctx ? toLsp(ctx, formatOnType(ctx, lspOffset(ctx.file, position), ch, settings)) : null;
  });
}
