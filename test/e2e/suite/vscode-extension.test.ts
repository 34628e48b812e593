/// <reference types="mocha" />
// The hapair extension in a real editor: activation, live diagnostics across files (also files that are not
// open), documentation links and related locations, a snippet, and the peer command with its questions
// answered by a scripted Prompter. Waits are event-driven (onDidChangeDiagnostics), never sleeps.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HapairApi } from '../../../client/src/extension.js';
import type { Prompter } from '../../../client/src/prompter.js';
import { codeOf, diagnosticsWhere, has, lacks } from './diagnostics.js';

const root = () => vscode.workspace.workspaceFolders![0]!.uri;
const file = (rel: string) => vscode.Uri.joinPath(root(), ...rel.split('/'));

/** Answers the peer command's questions from a script and records them. */
class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  constructor(private readonly answers: { pick?: (items: readonly string[]) => string | undefined; confirm?: boolean }) {}
  async pick(title: string, items: readonly string[]) {
    this.asked.push(`pick: ${title} [${items.join(' | ')}]`);
    return this.answers.pick?.(items);
  }
  async input(title: string) {
    this.asked.push(`input: ${title}`);
    return undefined;
  }
  async confirm(message: string) {
    this.asked.push(`confirm: ${message}`);
    return this.answers.confirm ?? false;
  }
  async saveAs() {
    return undefined;
  }
}

let api: HapairApi;

suite('hapair extension', () => {
  suiteSetup(async () => {
    const doc = await vscode.workspace.openTextDocument(file('lb1/keepalived.conf'));
    assert.equal(doc.languageId, 'keepalived');
    await vscode.window.showTextDocument(doc, { preview: false });
    const ext = vscode.extensions.getExtension<HapairApi>('hapair.hapair');
    assert.ok(ext, 'the hapair extension is installed');
    api = await ext.activate();
    await api.ready;
  });

  test('file names pick the languages', async () => {
    assert.equal((await vscode.workspace.openTextDocument(file('lb2/haproxy.cfg'))).languageId, 'haproxy');
  });

  test('cross-file findings reach both nodes, including files never opened, with docs link and related location', async () => {
    const lb2 = await diagnosticsWhere(file('lb2/keepalived.conf'), has('peer-vrid-mismatch'));
    const vrid = lb2.find((d) => codeOf(d) === 'peer-vrid-mismatch')!;
    assert.equal(vrid.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(vrid.source, 'hapair');
    assert.ok(typeof vrid.code === 'object' && vrid.code.target.toString().endsWith('docs/rules.md#peer-vrid-mismatch'));
    assert.ok(vrid.relatedInformation?.some((r) => r.location.uri.toString() === file('lb1/keepalived.conf').toString()));
    const lb2Text = (await vscode.workspace.openTextDocument(file('lb2/keepalived.conf'))).getText().split('\n');
    assert.match(lb2Text[vrid.range.start.line]!, /virtual_router_id/);

    const bind = await diagnosticsWhere(file('lb2/haproxy.cfg'), has('bind-not-vip'));
    assert.equal(bind.find((d) => codeOf(d) === 'bind-not-vip')!.severity, vscode.DiagnosticSeverity.Warning);
    await diagnosticsWhere(file('lb1/keepalived.conf'), has('auth-pass-too-long'));
  });

  test('typing in lb1 updates lb2 (not open) and back', async () => {
    const doc = await vscode.workspace.openTextDocument(file('lb1/keepalived.conf'));
    const line = doc.getText().split('\n').findIndex((l) => /virtual_router_id\s+51/.test(l));
    assert.ok(line >= 0);
    const at = doc.lineAt(line).text.indexOf('51');
    const range = new vscode.Range(line, at, line, at + 2);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, '52');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsWhere(file('lb2/keepalived.conf'), lacks('peer-vrid-mismatch'));
    const undo = new vscode.WorkspaceEdit();
    undo.replace(doc.uri, range, '51');
    assert.ok(await vscode.workspace.applyEdit(undo));
    await diagnosticsWhere(file('lb2/keepalived.conf'), has('peer-vrid-mismatch'));
    assert.ok(await doc.save());
  });

  test('a Kubernetes API snippet expands into a config with no errors', async () => {
    const uri = file('snippet-test/haproxy.cfg');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'haproxy', name: 'Baseline global and defaults' });
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), '\n'));
    editor.selection = new vscode.Selection(doc.lineCount, 0, doc.lineCount, 0);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'haproxy', name: 'Kubernetes API server (HTTPS health check)' });
    assert.match(doc.getText(), /bind .*:6443/);
    assert.match(doc.getText(), /option httpchk GET \/healthz/);
    // An analysis ran on the final text (the snippet's backend is defined, so no undefined-backend).
    await diagnosticsWhere(uri, (d) => !d.some((x) => x.severity === vscode.DiagnosticSeverity.Error));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(file('snippet-test'), { recursive: true });
  });

  test('generate peer: declining to replace lb2 keeps it; a new lb3 gets the BACKUP config', async () => {
    const original = await vscode.workspace.openTextDocument(file('lb1/keepalived.conf'));
    await vscode.window.showTextDocument(original, { preview: false });
    const lb2Before = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('lb2/keepalived.conf')));

    const decline = new ScriptedPrompter({ pick: (items) => items.find((i) => i.startsWith('lb2/keepalived.conf')), confirm: false });
    api.setPrompter(decline);
    assert.equal(await vscode.commands.executeCommand('hapair.generatePeer'), undefined);
    assert.ok(decline.asked.some((q) => q.startsWith('confirm:') && q.includes('lb2/keepalived.conf')), decline.asked.join('\n'));
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file('lb2/keepalived.conf'))), lb2Before);

    await vscode.window.showTextDocument(original, { preview: false });
    const create = new ScriptedPrompter({ pick: (items) => items.find((i) => i.startsWith('lb3/keepalived.conf')) });
    api.setPrompter(create);
    const written = (await vscode.commands.executeCommand('hapair.generatePeer')) as vscode.Uri | undefined;
    api.setPrompter(undefined);
    assert.equal(written?.toString(), file('lb3/keepalived.conf').toString(), create.asked.join('\n'));
    assert.ok(!create.asked.some((q) => q.startsWith('confirm:')), 'a new file needs no confirmation');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('lb3/keepalived.conf')));
    assert.match(text, /state BACKUP/);
    assert.doesNotMatch(text, /state MASTER/);
    // The new node joins the workspace: it gets its own diagnostics without being typed in.
    await diagnosticsWhere(file('lb3/keepalived.conf'), has('auth-pass-too-long'));
    // Deleting the node again clears its entries from the Problems panel.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file('lb3'), { recursive: true });
    await diagnosticsWhere(file('lb3/keepalived.conf'), (d) => d.length === 0);
  });

  suiteTeardown(async () => {
    // Leave the example pair on screen with the Problems panel open, for the screenshot.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.window.showTextDocument(file('lb2/keepalived.conf'), { preview: false });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  });
});
