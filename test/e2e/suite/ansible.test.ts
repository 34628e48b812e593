/// <reference types="mocha" />
// The Ansible cross-check in a real editor: a small role written into the workspace copy (ansible/: a keepalived
// template whose priority comes from host_vars, an inventory with two hosts in group lb) renders per host, and the
// hosts' tie shows as duplicate-priority on the template line, naming the host. Editing one host_vars file on disk
// (the extension's file watcher reports it) clears the finding. The role is deleted again at the end, so the
// suites after this one find the example pair as it was.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, has, lacks } from './diagnostics.js';
import { activated, file, watcherReady } from './editor.js';

const TEMPLATE = 'ansible/roles/lb/templates/keepalived.conf.j2';
const PRIORITY_LINE = '    priority {{ lb_priority }}';

const write = (rel: string, text: string) => vscode.workspace.fs.writeFile(file(rel), new TextEncoder().encode(text));

suite('Ansible role rendered per host', () => {
  suiteSetup(async () => {
    await activated('lb1/keepalived.conf');
    // The second test sees its edit only through the editor's file watcher, which may still be starting.
    await watcherReady();
    // Inventory and variables first, so that the template, once it appears, already belongs to a layout.
    await write('ansible/inventory/hosts.ini', '[lb]\nlb-a\nlb-b\n');
    await write('ansible/host_vars/lb-a.yml', 'lb_priority: "100"\n');
    await write('ansible/host_vars/lb-b.yml', 'lb_priority: "100"\n');
    await write(TEMPLATE, ['vrrp_instance VI_LB {', '    state BACKUP', '    interface eth0', '    virtual_router_id 61', PRIORITY_LINE, '    virtual_ipaddress {', '        192.0.2.200/24', '    }', '}', ''].join('\n'));
  });

  test('two hosts with lb_priority "100": duplicate-priority on the template’s priority line, naming the host', async () => {
    const doc = await vscode.workspace.openTextDocument(file(TEMPLATE));
    assert.equal(doc.languageId, 'keepalived');
    await vscode.window.showTextDocument(doc, { preview: false });
    const found = (await diagnosticsWhere(file(TEMPLATE), has('duplicate-priority'))).filter((d) => codeOf(d) === 'duplicate-priority');
    assert.equal(found.length, 1, found.map((d) => d.message).join('\n'));
    const [diagnostic] = found;
    assert.equal(doc.lineAt(diagnostic!.range.start.line).text, PRIORITY_LINE);
    assert.equal(doc.getText(diagnostic!.range), '{{ lb_priority }}');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic!.message, /^\[host lb-a\] priority 100 is also the priority of lb-b \(VI_LB\)/);
  });

  test('lb-b’s host_vars changed on disk to 90: the finding goes', async () => {
    await write('ansible/host_vars/lb-b.yml', 'lb_priority: "90"\n');
    await diagnosticsWhere(file(TEMPLATE), lacks('duplicate-priority'));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file('ansible'), { recursive: true });
    await diagnosticsWhere(file(TEMPLATE), (d) => d.length === 0);
  });
});
