/// <reference types="mocha" />
// Completion and hover in a real editor, through VS Code's own provider commands, on the example pair: values
// of a HAProxy keyword, keepalived keywords and values, the VIP hover with the pair's nodes and frontends,
// and an auth_pass hover that shows no character of the password. Read-only: the files are not changed.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, cursor } from './editor.js';

async function labelsAt(rel: string, needle: string, shift: number): Promise<string[]> {
  const { doc, position } = await cursor(rel, needle, shift);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

async function hoverText(rel: string, needle: string, shift: number): Promise<string> {
  const { doc, position } = await cursor(rel, needle, shift);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('completion and hover', () => {
  suiteSetup(() => activated('lb1/haproxy.cfg'));

  test('HAProxy: balance algorithms after "balance ", options after "option "', async () => {
    const algorithms = await labelsAt('lb1/haproxy.cfg', 'balance roundrobin', 'balance '.length);
    assert.ok(algorithms.includes('leastconn') && algorithms.includes('source'), algorithms.join(' '));
    const options = await labelsAt('lb1/haproxy.cfg', 'option httpchk', 'option '.length);
    assert.ok(options.includes('httpchk') && options.includes('redispatch'), options.join(' '));
  });

  test('keepalived: instance keywords and the values of state', async () => {
    const keywords = await labelsAt('lb1/keepalived.conf', 'advert_int 1', 0);
    assert.ok(keywords.includes('priority') && keywords.includes('nopreempt') && !keywords.includes('router_id'), keywords.join(' '));
    const states = await labelsAt('lb1/keepalived.conf', 'state MASTER', 'state '.length);
    assert.ok(states.includes('MASTER') && states.includes('BACKUP'), states.join(' '));
  });

  test('hover on a bind address: the VIP, its nodes and the frontends binding it', async () => {
    const text = await hoverText('lb1/haproxy.cfg', 'bind 192.0.2.100:6443', 'bind 19'.length);
    assert.match(text, /VIP of vrrp_instance `K8S_API`/);
    assert.match(text, /lb1 \(MASTER, priority 120\)/);
    assert.match(text, /lb2/);
    assert.match(text, /frontend `k8s-api` \(:6443\)/);
  });

  test('hover on a keyword links the manual; on auth_pass it shows no part of the password', async () => {
    assert.match(await hoverText('lb1/haproxy.cfg', 'balance roundrobin', 2), /docs\.haproxy\.org\/3\.2\/configuration\.html#4\.2-balance/);
    const pass = await hoverText('lb1/keepalived.conf', 'auth_pass k8s-vip-2024', 'auth_pass k8'.length);
    assert.match(pass, /12 bytes/);
    assert.ok(!pass.includes('k8s') && !pass.includes('2024'), pass);
  });
});
