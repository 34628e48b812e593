/// <reference types="mocha" />
// Navigation and outline in a real editor, through VS Code's provider commands, on the example pair: definition
// across a file, the VIP's references in both nodes, a rename's WorkspaceEdit (not applied: the files stay as
// they are), the outline, folding, selection ranges and workspace symbols.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HapairApi } from '../../../client/src/extension.js';

const file = (rel: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...rel.split('/'));
const rel = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri);

/** A document and the position `shift` characters into the `nth` line (0-based) that contains `needle`. */
async function cursor(path: string, needle: string, shift: number, nth = 0): Promise<[vscode.Uri, vscode.Position]> {
  const doc = await vscode.workspace.openTextDocument(file(path));
  const lines = doc.getText().split('\n');
  const line = lines.map((l, i) => (l.includes(needle) ? i : -1)).filter((i) => i >= 0)[nth];
  assert.ok(line !== undefined, `${needle} in ${path}`);
  return [doc.uri, new vscode.Position(line, lines[line]!.indexOf(needle) + shift)];
}

const place = (l: vscode.Location) => `${rel(l.uri)}:${l.range.start.line + 1}`;

/** Resolves once the server has analysed the workspace: lb2's peer mismatch is reported without opening lb2. */
function analysed(): Promise<void> {
  const uri = file('lb2/keepalived.conf');
  if (vscode.languages.getDiagnostics(uri).length > 0) return Promise.resolve();
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (vscode.languages.getDiagnostics(uri).length === 0) return;
      sub.dispose();
      resolve();
    });
  });
}

suite('navigation and outline', () => {
  suiteSetup(async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('lb1/haproxy.cfg')), { preview: false });
    const api = await vscode.extensions.getExtension<HapairApi>('hapair.hapair')!.activate();
    await api.ready;
    await analysed();
  });

  test('go to definition: default_backend to its backend; a track_script in lb2 to lb2’s own vrrp_script', async () => {
    const backend = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', ...(await cursor('lb1/haproxy.cfg', 'default_backend k8s-api', 18)));
    assert.deepEqual(backend.map(place), ['lb1/haproxy.cfg:25']);
    const script = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', ...(await cursor('lb2/keepalived.conf', 'chk_haproxy', 3, 1)));
    assert.deepEqual(script.map(place), ['lb2/keepalived.conf:8']);
  });

  test('references of the VIP: binds and virtual_ipaddress entries of both nodes', async () => {
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', ...(await cursor('lb1/haproxy.cfg', '192.0.2.100:6443', 3)));
    assert.deepEqual(refs.map(place).sort(), [
      'lb1/haproxy.cfg:22', 'lb1/haproxy.cfg:35', 'lb1/haproxy.cfg:39', 'lb1/keepalived.conf:31',
      'lb2/haproxy.cfg:22', 'lb2/haproxy.cfg:35', 'lb2/keepalived.conf:31',
    ]);
  });

  test('rename of a vrrp_script edits its node only; an invalid name is refused', async () => {
    const [uri, position] = await cursor('lb1/keepalived.conf', 'vrrp_script chk_haproxy', 14);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, position, 'chk_proxy');
    const entries = edit.entries();
    assert.deepEqual(entries.map(([u, edits]) => `${rel(u)} ${edits.map((e) => `${e.range.start.line + 1}:${e.newText}`).join(' ')}`), ['lb1/keepalived.conf 8:chk_proxy 34:chk_proxy']);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, position, 'chk proxy')), /not a valid keepalived name/);
  });

  test('outline, folding and selection ranges', async () => {
    const uri = file('lb1/haproxy.cfg');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    const backend = symbols.find((s) => s.name === 'k8s-api' && s.kind === vscode.SymbolKind.Class);
    assert.deepEqual(backend?.children.map((c) => c.name), ['cp1', 'cp2', 'cp3']);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', file('lb1/keepalived.conf'));
    assert.ok(folds.some((f) => f.start === 15 && f.end === 34), JSON.stringify(folds));
    const [selection] = await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', uri, [new vscode.Position(21, 12)]);
    assert.equal((await vscode.workspace.openTextDocument(uri)).getText(selection!.range), '192.0.2.100');
  });

  test('workspace symbols find the instance in both nodes', async () => {
    const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'K8S_API');
    assert.deepEqual(found.filter((s) => s.name === 'K8S_API').map((s) => place(s.location)).sort(), ['lb1/keepalived.conf:16', 'lb2/keepalived.conf:16']);
  });
});
