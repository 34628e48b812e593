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

/**
 * Waits until the editor's file watcher reports changes in the workspace. The watcher starts in the background
 * when the window opens and drops what happens on disk before it is up: on a loaded machine that took long
 * enough for a suite's first writes and its edit a second later to go unreported (no `didChangeWatchedFiles`
 * reached the server). A probe file is rewritten until an event for it arrives, then deleted.
 */
export async function watcherReady(timeoutMs = 30_000): Promise<void> {
  const probe = file('.hapair-watcher-probe');
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.workspace.workspaceFolders![0]!, '.hapair-watcher-probe'));
  let seen = false;
  const saw = () => (seen = true);
  const subscriptions = [watcher.onDidCreate(saw), watcher.onDidChange(saw), watcher];
  try {
    const deadline = Date.now() + timeoutMs;
    for (let round = 0; !seen; round++) {
      assert.ok(Date.now() < deadline, `the editor's file watcher reported nothing within ${timeoutMs / 1000} s`);
      await vscode.workspace.fs.writeFile(probe, new TextEncoder().encode(`${round}\n`));
      for (let wait = 0; wait < 10 && !seen; wait++) await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    for (const s of subscriptions) s.dispose();
    await vscode.workspace.fs.delete(probe).then(undefined, () => undefined);
  }
}
