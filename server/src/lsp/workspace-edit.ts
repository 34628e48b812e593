/** Core edits (offsets per file) as an LSP WorkspaceEdit: quick fixes and rename answer with these. */
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { FileEdits } from '../features/edits.js';
import { lspRange } from './positions.js';
import { pathToUri } from './uris.js';

/** Edits per file as a WorkspaceEdit; edits of a file listed twice are merged. */
export function workspaceEdit(changes: readonly FileEdits[]): WorkspaceEdit {
  const out: Record<string, TextEdit[]> = {};
  for (const { file, edits } of changes) (out[pathToUri(file.uri)] ??= []).push(...edits.map((e) => ({ range: lspRange(file, e), newText: e.newText })));
  return { changes: out };
}
