/// <reference types="mocha" />
// The editor stays responsive while a huge file is analysed: a 200,000-line HAProxy config is opened (an untitled
// buffer, so that no file watcher starts the analysis before the test looks), and hovers on the example pair's
// haproxy.cfg, sent while the server analyses it, are answered before its diagnostics arrive. The buffer is
// closed unsaved at the end.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, has } from './diagnostics.js';
import { activated, cursor, report } from './editor.js';

const BACKENDS = 50_000;

/** About 200,000 lines: backends of four lines each, and a typo on the last line for a finding to wait for. */
function hugeConfig(): string {
  const out = ['global', '    maxconn 1000', 'defaults', '    mode http', '    timeout connect 5s', '    timeout client 30s', '    timeout server 30s', ''];
  for (let i = 0; i < BACKENDS; i++) out.push(`backend be${i}`, '    balance roundrobin', `    server s${i} 198.51.100.${(i % 250) + 1}:8080 check`, '');
  out.push('backend last', '    balancex roundrobin', '');
  return out.join('\n');
}

async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('responsiveness', () => {
  suiteSetup(() => activated('lb1/haproxy.cfg'));
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  test('hovers on the pair are answered while a 200,000-line file is analysed', async function () {
    this.timeout(120_000);
    const { doc, position } = await cursor('lb1/haproxy.cfg', 'balance roundrobin', 2);
    const huge = await vscode.workspace.openTextDocument({ language: 'haproxy', content: hugeConfig() });
    const sent = Date.now();
    let analysed: number | undefined;
    const done = diagnosticsWhere(huge.uri, has('unknown-keyword'), 100_000).then(() => (analysed = Date.now()));
    // Hover until the huge file's diagnostics are in: every answer before that came while the server was busy with it.
    const during: number[] = [];
    while (analysed === undefined) {
      const asked = Date.now();
      const text = await hoverText(doc, position);
      assert.match(text, /balance/);
      if (analysed === undefined) during.push(Date.now() - asked);
    }
    await done;
    // Shown only now (rendering it would hold the test up), so that the teardown can close it unsaved.
    await vscode.window.showTextDocument(huge, { preview: false });
    assert.ok(during.length > 0, `no hover was answered before the huge file's diagnostics (${analysed - sent} ms)`);
    report(`${during.length} hovers answered during ${analysed - sent} ms of analysis, slowest ${Math.max(...during)} ms`);
  });
});
