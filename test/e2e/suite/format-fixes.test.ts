/// <reference types="mocha" />
// Formatting and quick fixes in a real editor, through VS Code's provider commands: an untitled keepalived buffer
// formatted with the editor's options; the example pair's auth-pass-too-long fixed by one code action that edits
// lb1 and lb2 (lb2 not open), its diagnostics gone on both sides; then both files restored and saved, so the
// suites after this one find the example as it was.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, has, lacks } from './diagnostics.js';
import { activated, file } from './editor.js';

suite('formatting and quick fixes', () => {
  suiteSetup(async () => {
    await activated('lb1/keepalived.conf');
  });

  test('Format Document on a keepalived buffer: indentation by block depth, trailing blanks gone, columns kept', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'keepalived', content: 'vrrp_instance VI_9 {\n  state    BACKUP   \n        virtual_ipaddress {\n  192.0.2.99/24\n}\n    }\n' });
    await vscode.window.showTextDocument(doc, { preview: false });
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
    assert.ok(edits && edits.length > 0, 'the formatter answered');
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.getText(), 'vrrp_instance VI_9 {\n    state    BACKUP\n    virtual_ipaddress {\n        192.0.2.99/24\n    }\n}\n');
    const again = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
    assert.equal(again?.length ?? 0, 0, 'formatting twice changes nothing');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the auth-pass-too-long quick fix edits both peers, and both findings go', async () => {
    const lb1 = file('lb1/keepalived.conf');
    const lb2 = file('lb2/keepalived.conf');
    const [diagnostic] = (await diagnosticsWhere(lb1, has('auth-pass-too-long'))).filter((d) => codeOf(d) === 'auth-pass-too-long');
    await diagnosticsWhere(lb2, has('auth-pass-too-long'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', lb1, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title.startsWith('Shorten auth_pass'));
    assert.ok(fix?.edit, titles.join(' | '));
    assert.ok(titles.includes('Disable auth-pass-too-long for this line'), titles.join(' | '));
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.edit.entries().map(([uri]) => vscode.workspace.asRelativePath(uri)).sort(), ['lb1/keepalived.conf', 'lb2/keepalived.conf']);

    const before = await Promise.all([lb1, lb2].map(async (u) => (await vscode.workspace.openTextDocument(u)).getText()));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const docs = await Promise.all([lb1, lb2].map((u) => vscode.workspace.openTextDocument(u)));
    assert.match(docs[0]!.getText(), /auth_pass k8s-vip- {3}#/);
    assert.match(docs[1]!.getText(), /auth_pass k8s-vip- {3}#/);
    await diagnosticsWhere(lb1, lacks('auth-pass-too-long'));
    await diagnosticsWhere(lb2, lacks('auth-pass-too-long'));
    // The peers still agree on the 8 characters they use.
    assert.ok(lacks('peer-auth-mismatch')(vscode.languages.getDiagnostics(lb1)));

    // Back to the example as it was, saved, for the suites that follow.
    for (const [i, doc] of docs.entries()) {
      const restore = new vscode.WorkspaceEdit();
      restore.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), before[i]!);
      assert.ok(await vscode.workspace.applyEdit(restore));
      assert.ok(await doc.save());
    }
    await diagnosticsWhere(lb2, has('auth-pass-too-long'));
  });
});
