/**
 * LSP binding of the quick fixes: for each hapair diagnostic in the request, the fixes of its finding as
 * `quickfix` code actions whose WorkspaceEdit may span several files (both peers of a pair). The logic is in
 * features/code-actions/.
 */
import { CodeActionKind, type CodeAction, type Connection, type Diagnostic, type ServerCapabilities } from 'vscode-languageserver';
import { quickFixes } from '../features/code-actions/quick-fixes.js';
import { lspOffset } from './positions.js';
import type { Session } from './session.js';
import { workspaceEdit } from './workspace-edit.js';
import { uriToPath } from './uris.js';

export const CODE_ACTION_CAPABILITIES: ServerCapabilities = {
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
};

export function registerCodeActions(connection: Connection, session: Session): void {
  connection.onCodeAction(async ({ textDocument, context }, token) => {
    if (context.only && !context.only.includes(CodeActionKind.QuickFix)) return null;
    const ours = context.diagnostics.filter((d): d is Diagnostic & { code: string } => d.source === 'hapair' && typeof d.code === 'string');
    if (ours.length === 0) return null;
    const ctx = await session.context(uriToPath(textDocument.uri), token);
    if (!ctx) return null;
    const actions: CodeAction[] = [];
    for (const diagnostic of ours) {
      const span = { start: lspOffset(ctx.file, diagnostic.range.start), end: lspOffset(ctx.file, diagnostic.range.end) };
      for (const fix of quickFixes(ctx, diagnostic.code, span)) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(fix.changes), ...(fix.preferred ? { isPreferred: true } : {}) });
      }
    }
    return actions;
  });
}
