// Waiting for hapair's diagnostics in the editor, shared by the suites: event-driven (onDidChangeDiagnostics),
// never sleeps, with a timeout that names what the file has instead.
import * as vscode from 'vscode';

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
export const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map(codeOf);

/** Resolves when the file's diagnostics satisfy `ok` (now or after a later change). */
export function diagnosticsWhere(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (ok(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for diagnostics on ${vscode.workspace.asRelativePath(uri)}; now: ${codes(uri).join(', ') || 'none'}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = vscode.languages.getDiagnostics(uri);
      if (!ok(d)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(d);
    });
  });
}

export const has = (code: string) => (d: vscode.Diagnostic[]) => d.some((x) => codeOf(x) === code);
export const lacks = (code: string) => (d: vscode.Diagnostic[]) => !d.some((x) => codeOf(x) === code);
