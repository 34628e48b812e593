/**
 * Navigation and outline over the protocol, as another editor sees them (dist/server.js over stdio): locations in
 * other files, highlight kinds, rename refusals as errors and edits as a WorkspaceEdit, hierarchical symbols,
 * folding lines and selection-range parents; and positions in a CRLF buffer.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LspClient } from '../../support/lsp-client.js';
import { PAIR } from './pair.js';

const SERVER = new URL('../../../dist/server.js', import.meta.url).pathname;

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
type Location = { uri: string; range: Range };

let root: string;
let client: LspClient;
const uri = (rel: string) => `file://${root}/${rel}`;
const request = <T>(method: string, params: unknown) => client.connection.sendRequest(method, params) as Promise<T>;
const at = (rel: string, line: number, character: number) => ({ textDocument: { uri: uri(rel) }, position: { line, character } });
const where = (l: Location) => `${l.uri.slice(uri('').length)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'hapair-nav-lsp-'));
  for (const [rel, text] of Object.entries(PAIR)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  client = await LspClient.start(SERVER, root);
  // The first analysis has run once diagnostics arrive.
  await client.waitFor(uri('lb2/keepalived.conf'), () => true);
});

after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

test('definition and references cross files; highlights tell definitions from uses', async () => {
  // lb2's track_script entry (line 20) leads to lb2's own vrrp_script (line 4).
  const def = await request<Location[]>('textDocument/definition', at('lb2/keepalived.conf', 20, 10));
  assert.deepEqual(def.map(where), ['lb2/keepalived.conf:4:12-23']);
  // The VIP in lb1's bind: both keepalived entries and both binds.
  const refs = await request<Location[]>('textDocument/references', { ...at('lb1/haproxy.cfg', 1, 12), context: { includeDeclaration: true } });
  assert.deepEqual(refs.map(where).sort(), ['lb1/haproxy.cfg:1:9-19', 'lb1/keepalived.conf:17:8-18', 'lb2/haproxy.cfg:1:9-19', 'lb2/keepalived.conf:17:8-18']);
  const marks = await request<Array<{ range: Range; kind: number }>>('textDocument/documentHighlight', at('lb1/keepalived.conf', 4, 14));
  assert.deepEqual(marks.map((m) => `${m.range.start.line}:${m.kind}`), ['4:3', '20:2']);
});

test('rename: a refusal is an error with the reason; edits come as a WorkspaceEdit over every file', async () => {
  await assert.rejects(request('textDocument/prepareRename', at('lb1/haproxy.cfg', 1, 5)), /no backend, ACL, section, script, instance or VIP name here/);
  const range = await request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at('lb1/haproxy.cfg', 1, 12));
  assert.deepEqual(range, { range: { start: { line: 1, character: 9 }, end: { line: 1, character: 19 } }, placeholder: '192.0.2.10' });
  await assert.rejects(request('textDocument/rename', { ...at('lb1/haproxy.cfg', 1, 12), newName: 'not-an-ip' }), /not an IPv4 address/);
  const edit = await request<{ changes: Record<string, Array<{ range: Range; newText: string }>> }>('textDocument/rename', { ...at('lb1/haproxy.cfg', 1, 12), newName: '192.0.2.20' });
  assert.deepEqual(Object.keys(edit.changes).sort(), Object.keys(PAIR).map(uri).sort());
  assert.deepEqual(edit.changes[uri('lb2/keepalived.conf')], [{ range: { start: { line: 17, character: 8 }, end: { line: 17, character: 18 } }, newText: '192.0.2.20' }]);
});

test('document symbols nest, folding ranges are lines, selection ranges chain to the file', async () => {
  const symbols = await request<Array<{ name: string; kind: number; children?: Array<{ name: string }> }>>('textDocument/documentSymbol', { textDocument: { uri: uri('lb1/haproxy.cfg') } });
  assert.deepEqual(symbols.map((s) => `${s.name}:${s.kind}:${(s.children ?? []).map((c) => c.name).join(',')}`), ['api:11:192.0.2.10:6443,api', 'api:5:cp1']);
  const folds = await request<Array<{ startLine: number; endLine: number; kind?: string }>>('textDocument/foldingRange', { textDocument: { uri: uri('lb1/keepalived.conf') } });
  assert.deepEqual(folds.map((f) => `${f.startLine}-${f.endLine}`), ['0-1', '4-7', '10-21', '16-17', '19-20', '24-27', '25-26']);
  type Selection = { range: Range; parent?: Selection };
  const [selection] = await request<Selection[]>('textDocument/selectionRange', { textDocument: { uri: uri('lb1/haproxy.cfg') }, positions: [{ line: 1, character: 12 }] });
  const lines: string[] = [];
  for (let s: Selection | undefined = selection; s; s = s.parent) lines.push(`${s.range.start.line}:${s.range.start.character}-${s.range.end.line}:${s.range.end.character}`);
  assert.deepEqual(lines, ['1:9-1:19', '1:9-1:24', '1:4-1:24', '0:0-2:23', '0:0-6:0']);
});

test('workspace symbols across the folder', async () => {
  const found = await request<Array<{ name: string; containerName: string; location: Location }>>('workspace/symbol', { query: 'VI_' });
  assert.deepEqual(found.map((s) => `${s.containerName} ${where(s.location)}`).sort(), ['vrrp_instance lb1/keepalived.conf:10:14-20', 'vrrp_instance lb2/keepalived.conf:10:14-20']);
});

test('positions in a CRLF buffer', async () => {
  const text = 'frontend fe\r\n    bind :80\r\n    default_backend be\r\n\r\nbackend be\r\n    server s 192.0.2.1:80\r\n';
  const path = 'lb1/extra.haproxy.cfg';
  client.open(uri(path), 'haproxy', text);
  const def = await request<Location[]>('textDocument/definition', at(path, 2, 22));
  assert.deepEqual(def.map(where), [`${path}:4:8-10`]);
  client.close(uri(path));
});
