/**
 * LSP binding of completion and hover; the logic is in features/completion*.ts and features/hover*.ts.
 *
 * Trigger characters: a space (the words after `option `, `balance `, `state `, `bind ` have lists of their
 * own) and a comma (the next converter of a fetch chain). The feature returns nothing for a space typed as
 * indentation, so blank lines never pop up a list that Enter would accept.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  CompletionTriggerKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Connection,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { complete, type CompletionEntry, type CompletionKind } from '../features/completion.js';
import { hover } from '../features/hover.js';
import type { SourceFile } from '../syntax/text.js';
import { lspOffset, lspRange } from './positions.js';
import type { Session } from './session.js';
import { uriToPath } from './uris.js';

export const COMPLETION_HOVER_CAPABILITIES: ServerCapabilities = {
  completionProvider: { triggerCharacters: [' ', ','] },
  hoverProvider: true,
};

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  section: CompletionItemKind.Module,
  value: CompletionItemKind.EnumMember,
  parameter: CompletionItemKind.Property,
  function: CompletionItemKind.Function,
  reference: CompletionItemKind.Reference,
  address: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
};

/** Asks VS Code-style clients to open the list again after inserting (other clients ignore it). */
const SUGGEST_AGAIN = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

function completionItem(file: SourceFile, e: CompletionEntry): CompletionItem {
  return {
    label: e.label,
    kind: KINDS[e.kind],
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.documentation ? { documentation: { kind: MarkupKind.Markdown, value: e.documentation } } : {}),
    textEdit: { range: lspRange(file, e.span), newText: e.insertText ?? e.label },
    ...(e.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    sortText: `${e.rank ?? 0}${e.label}`,
    ...(e.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    ...(e.retrigger ? { command: SUGGEST_AGAIN } : {}),
  };
}

export function registerCompletionHover(connection: Connection, session: Session): void {
  connection.onCompletion(async ({ textDocument, position, context }, token) => {
    const ctx = await session.context(uriToPath(textDocument.uri), token);
    if (!ctx) return null;
    const trigger = context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? context.triggerCharacter : undefined;
    const list = complete(ctx, { offset: lspOffset(ctx.file, position), trigger });
    return { isIncomplete: false, items: list.map((e) => completionItem(ctx.file, e)) };
  });

  connection.onHover(async ({ textDocument, position }, token) => {
    const ctx = await session.context(uriToPath(textDocument.uri), token);
    if (!ctx) return null;
    const h = hover(ctx, lspOffset(ctx.file, position));
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: lspRange(ctx.file, h.span) } : null;
  });
}
