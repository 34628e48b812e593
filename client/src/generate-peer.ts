/**
 * "HA Pair: Generate peer config". The server computes the peer (the same code as `hapair peer`); this file only
 * asks what the server cannot decide, shows the result beside the original, and saves it where the user says,
 * never over an existing file without asking.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PeerCommandArgs, PeerCommandResult } from '../../server/src/lsp/peer-command-protocol.js';
import { GENERATE_PEER_COMMAND } from '../../server/src/lsp/peer-command-protocol.js';
import { parseIp } from '../../server/src/model/address.js';
import type { Prompter } from './prompter.js';
import type { PeerPreviews } from './peer-preview.js';

const OTHER_LOCATION = 'Choose another location…';

function describeTarget(t: { uri: string; exists: boolean }): string {
  const uri = vscode.Uri.parse(t.uri);
  return `${vscode.workspace.asRelativePath(uri, false)}${t.exists ? ' (exists)' : ''}`;
}

async function askServer(client: LanguageClient, args: PeerCommandArgs, prompter: Prompter): Promise<PeerCommandResult | undefined> {
  for (;;) {
    const result = (await client.sendRequest('workspace/executeCommand', { command: GENERATE_PEER_COMMAND, arguments: [args] })) as PeerCommandResult;
    if (result.ok || !result.question) return result;
    if (result.question.option === 'srcIp') {
      const choice = await prompter.pick('Which unicast peer is the new node?', result.question.choices);
      if (choice === undefined) return undefined;
      args = { ...args, srcIp: choice };
    } else {
      const own = await prompter.input("This node's own address (the peer lists it as its unicast peer)", (v) => (parseIp(v.trim()) ? undefined : 'an IPv4 or IPv6 address'));
      if (own === undefined) return undefined;
      args = { ...args, peerIp: own.trim() };
    }
  }
}

async function chooseTarget(targets: Array<{ uri: string; exists: boolean }>, original: vscode.Uri, prompter: Prompter): Promise<vscode.Uri | undefined> {
  const labels = targets.map(describeTarget);
  const choice = await prompter.pick('Save the peer config to…', [...labels, OTHER_LOCATION]);
  if (choice === undefined) return undefined;
  const index = labels.indexOf(choice);
  if (index >= 0) return vscode.Uri.parse(targets[index]!.uri);
  return prompter.saveAs(targets[0] ? vscode.Uri.parse(targets[0].uri) : original);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function generatePeer(client: LanguageClient, previews: PeerPreviews, prompter: Prompter, log: vscode.OutputChannel): Promise<vscode.Uri | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || (doc.languageId !== 'keepalived' && doc.languageId !== 'haproxy')) {
    void vscode.window.showErrorMessage('Open a keepalived or HAProxy config first: the peer is generated from the active editor.');
    return undefined;
  }
  const result = await askServer(client, { uri: doc.uri.toString(), language: doc.languageId }, prompter);
  if (!result) return undefined;
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Cannot generate the peer config: ${result.message}`);
    return undefined;
  }
  log.appendLine(`Peer of ${vscode.workspace.asRelativePath(doc.uri)}:`);
  for (const c of result.changes) log.appendLine(`  ${c}`);
  for (const w of result.warnings) log.appendLine(`  warning: ${w}`);

  const previewTarget = result.targets[0] ? vscode.Uri.parse(result.targets[0].uri) : doc.uri.with({ path: `${doc.uri.path}.peer` });
  const preview = previews.show(previewTarget, result.text);
  await vscode.commands.executeCommand('vscode.diff', doc.uri, preview, `${vscode.workspace.asRelativePath(doc.uri)} ↔ peer (preview)`, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: true,
  });

  const target = await chooseTarget(result.targets, doc.uri, prompter);
  if (!target) return undefined;
  if ((await exists(target)) && !(await prompter.confirm(`${vscode.workspace.asRelativePath(target)} already exists. Replace it with the generated peer config?`, 'Replace'))) {
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  log.appendLine(`  saved to ${target.fsPath}`);
  const written = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(written, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const warned = result.warnings.length > 0 ? ` ${result.warnings.length} warning(s): see the HA Pair output.` : '';
  void vscode.window.showInformationMessage(`Peer config saved to ${vscode.workspace.asRelativePath(target)}: ${result.changes.length} change(s).${warned}`);
  return target;
}
