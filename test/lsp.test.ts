/**
 * The language server over stdio, started as other editors start it: diagnostics for files that are not open,
 * cross-file updates while typing, settings, the peer command, and files outside the workspace.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, type Diagnostic } from './support/lsp-client.js';

const SERVER = new URL('../dist/server.js', import.meta.url).pathname;
const EXAMPLE = new URL('../examples/k8s-api-pair/', import.meta.url).pathname;

let root: string;
let client: LspClient;
const uri = (rel: string) => `file://${root}/${rel}`;
const codes = (d: Diagnostic[]) => d.map((x) => x.code);

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'hapair-lsp-'));
  cpSync(EXAMPLE, root, { recursive: true });
  client = await LspClient.start(SERVER, root, { versions: { haproxy: '2.6', keepalived: '2.2' } });
});

after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

test('publishes diagnostics for every file of the workspace without opening any', async () => {
  const lb2 = await client.waitFor(uri('lb2/keepalived.conf'), (d) => codes(d).includes('peer-vrid-mismatch'));
  const vrid = lb2.find((d) => d.code === 'peer-vrid-mismatch')!;
  assert.equal(vrid.severity, 1);
  assert.equal(vrid.source, 'hapair');
  assert.match(vrid.codeDescription!.href, /docs\/rules\.md#peer-vrid-mismatch$/);
  // The other side of a cross-file finding: lb1's virtual_router_id line.
  assert.ok(vrid.relatedInformation?.some((r) => r.location.uri === uri('lb1/keepalived.conf')), JSON.stringify(vrid.relatedInformation));
  const bind = await client.waitFor(uri('lb2/haproxy.cfg'), (d) => codes(d).includes('bind-not-vip'));
  assert.equal(bind.find((d) => d.code === 'bind-not-vip')!.severity, 2);
});

test('an edit in one node updates the peer file it concerns, which is not open', async () => {
  const path = uri('lb2/keepalived.conf');
  const text = readFileSync(join(root, 'lb2/keepalived.conf'), 'utf8');
  client.open(path, 'keepalived', text);
  const fixed = text.replace(/virtual_router_id\s+52/, 'virtual_router_id 51');
  assert.notEqual(fixed, text);
  client.change(path, 2, fixed);
  await client.waitFor(uri('lb1/keepalived.conf'), (d) => !codes(d).includes('peer-vrid-mismatch'));
  await client.waitFor(path, (d) => !codes(d).includes('peer-vrid-mismatch'));
  // Undo: the finding comes back on both sides.
  client.change(path, 3, text);
  await client.waitFor(uri('lb1/keepalived.conf'), (d) => codes(d).includes('peer-vrid-mismatch'));
  client.close(path);
});

test('settings: a rule turned off disappears, and comes back when the setting goes', async () => {
  client.configuration = { diagnostics: { severity: { 'bind-not-vip': 'off' } } };
  void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor(uri('lb2/haproxy.cfg'), (d) => !codes(d).includes('bind-not-vip'));
  client.configuration = { diagnostics: { severity: { 'bind-not-vip': 'error' } } };
  void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const d = await client.waitFor(uri('lb2/haproxy.cfg'), (x) => x.some((f) => f.code === 'bind-not-vip' && f.severity === 1));
  assert.ok(d.length > 0);
  client.configuration = {};
  void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor(uri('lb2/haproxy.cfg'), (x) => x.some((f) => f.code === 'bind-not-vip' && f.severity === 2));
});

test('generate peer: the server returns the BACKUP text and proposes the sibling node folder', async () => {
  const result = (await client.connection.sendRequest('workspace/executeCommand', {
    command: 'hapair.server.generatePeer',
    arguments: [{ uri: uri('lb1/keepalived.conf'), language: 'keepalived' }],
  })) as { ok: boolean; text: string; changes: string[]; targets: Array<{ uri: string; exists: boolean }> };
  assert.equal(result.ok, true);
  assert.match(result.text, /state BACKUP/);
  assert.deepEqual(result.targets[0], { uri: uri('lb2/keepalived.conf'), exists: true });
  // lb1's frontends bind only the VIP, so the peer node's HAProxy config is an identical copy.
  const copy = (await client.connection.sendRequest('workspace/executeCommand', {
    command: 'hapair.server.generatePeer',
    arguments: [{ uri: uri('lb1/haproxy.cfg'), language: 'haproxy' }],
  })) as { ok: boolean; text: string; changes: string[]; targets: Array<{ uri: string; exists: boolean }> };
  assert.equal(copy.ok, true);
  assert.equal(copy.text, readFileSync(join(root, 'lb1/haproxy.cfg'), 'utf8'));
  assert.match(copy.changes.join('\n'), /identical copy/);
  assert.deepEqual(copy.targets[0], { uri: uri('lb2/haproxy.cfg'), exists: true });
});

test('a file outside the workspace is checked on its own, and cleared when closed', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'hapair-outside-'));
  const path = `file://${outside}/keepalived.conf`;
  client.open(path, 'keepalived', 'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 300\n  priority 100\n  virtual_ipaddress {\n    192.0.2.1\n  }\n}\n');
  await client.waitFor(path, (d) => codes(d).includes('vrid-out-of-range'));
  client.close(path);
  await client.waitFor(path, (d) => d.length === 0);
  rmSync(outside, { recursive: true, force: true });
});

test('an untitled buffer in a config language is checked too', async () => {
  const path = 'untitled:Untitled-1';
  client.open(path, 'haproxy', 'frontend fe\n  bind :80\n  default_backend nowhere\n');
  const d = await client.waitFor(path, (x) => codes(x).includes('undefined-backend'));
  assert.equal(d.find((x) => x.code === 'undefined-backend')!.range.start.line, 2);
  client.close(path);
});

test('a node folder deleted on disk leaves the Problems panel, even while its buffer is still open', async () => {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(join(root, 'lb3'));
  const text = readFileSync(join(root, 'lb1/keepalived.conf'), 'utf8').replace('state MASTER', 'state BACKUP');
  writeFileSync(join(root, 'lb3/keepalived.conf'), text);
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('lb3/keepalived.conf'), type: 1 }] });
  await client.waitFor(uri('lb3/keepalived.conf'), (d) => codes(d).includes('auth-pass-too-long'));
  client.open(uri('lb3/keepalived.conf'), 'keepalived', text);
  rmSync(join(root, 'lb3'), { recursive: true });
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('lb3'), type: 3 }] });
  await client.waitFor(uri('lb3/keepalived.conf'), (d) => d.length === 0);
  client.close(uri('lb3/keepalived.conf'));
});

test('a client without workspace/configuration pushes its settings instead', async () => {
  const other = await LspClient.start(SERVER, root, null);
  try {
    await other.waitFor(uri('lb2/haproxy.cfg'), (d) => codes(d).includes('bind-not-vip'));
    void other.connection.sendNotification('workspace/didChangeConfiguration', { settings: { hapair: { diagnostics: { severity: { 'bind-not-vip': 'off' } } } } });
    await other.waitFor(uri('lb2/haproxy.cfg'), (d) => !codes(d).includes('bind-not-vip'));
  } finally {
    await other.stop();
  }
});

test('includes outside the workspace are read only from folders hapair.includes.allowedFolders names', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'hapair-lsp-outside-'));
  const ws = mkdtempSync(join(tmpdir(), 'hapair-lsp-incl-'));
  writeFileSync(join(outside, 'extra.conf'), 'vrrp_instance EXTRA {\n  state BACKUP\n  interface eth0\n  virtual_router_id 300\n  priority 90\n}\n');
  mkdirSync(join(ws, 'lb1'));
  writeFileSync(join(ws, 'lb1/keepalived.conf'), `include ${outside}/*.conf\n`);
  const other = await LspClient.start(SERVER, ws, null);
  try {
    const main = `file://${ws}/lb1/keepalived.conf`;
    await other.waitFor(main, (d) => d.some((x) => x.code === 'unresolved-include' && x.message.includes('outside')));
    void other.connection.sendNotification('workspace/didChangeConfiguration', { settings: { hapair: { includes: { allowedFolders: [outside] } } } });
    await other.waitFor(`file://${outside}/extra.conf`, (d) => codes(d).includes('vrid-out-of-range'));
    assert.ok(!codes(other.diagnostics.get(main) ?? []).includes('unresolved-include'));
  } finally {
    await other.stop();
    rmSync(outside, { recursive: true, force: true });
    rmSync(ws, { recursive: true, force: true });
  }
});
