// Helpers for the editor suites: files of the example workspace, a cursor by text, and the activated extension.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { HapairApi } from '../../../client/src/extension.js';

/** A file of the workspace copy, by path relative to its root. */
export const file = (rel: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...rel.split('/'));

/** The document and the position `shift` characters into the `nth` line (0-based) that contains `needle`. */
export async function cursor(rel: string, needle: string, shift: number, nth = 0): Promise<{ doc: vscode.TextDocument; position: vscode.Position }> {
  const doc = await vscode.workspace.openTextDocument(file(rel));
  const lines = doc.getText().split('\n');
  const line = lines.map((l, i) => (l.includes(needle) ? i : -1)).filter((i) => i >= 0)[nth];
  assert.ok(line !== undefined, `${needle} in ${rel}`);
  return { doc, position: new vscode.Position(line, lines[line]!.indexOf(needle) + shift) };
}

/** Shows a file and waits until the hapair extension is active and its language server ready. */
export async function activated(rel: string): Promise<HapairApi> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file(rel)), { preview: false });
  const api = await vscode.extensions.getExtension<HapairApi>('hapair.hapair')!.activate();
  await api.ready;
  return api;
}

/** A line for the run's log (test-results/e2e/code-server.log): figures a test measured. */
export function report(line: string): void {
  const log = process.env.HAPAIR_E2E_LOG;
  if (log) appendFileSync(log, `    ${line}\n`);
}
