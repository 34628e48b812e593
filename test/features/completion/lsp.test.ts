// Completion and hover over stdio, as any LSP editor gets them from dist/server.js (run `npm run build` first):
// the announced providers, LSP positions in and ranges out, the target versions from the settings, the items'
// text edits, snippet format, deprecation tags and the re-trigger command, and markdown hovers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient } from '../../support/lsp-client.js';

const SERVER = new URL('../../../dist/server.js', import.meta.url).pathname;
const EXAMPLE = new URL('../../../examples/k8s-api-pair/', import.meta.url).pathname;

interface Item {
  label: string;
  kind: number;
  detail?: string;
  sortText?: string;
  tags?: number[];
  insertTextFormat?: number;
  command?: { command: string };
  documentation?: { kind: string; value: string };
  textEdit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
}

let root: string;
let client: LspClient;
const uri = (rel: string) => `file://${root}/${rel}`;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'hapair-lsp-completion-'));
  cpSync(EXAMPLE, root, { recursive: true });
  client = await LspClient.start(SERVER, root, { versions: { haproxy: '2.6', keepalived: '2.2' } });
  // The first diagnostics mean the settings are read and the workspace analysed.
  await client.waitFor(uri('lb1/keepalived.conf'), (d) => d.length > 0);
});

after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Opens a file with `edit` applied and returns the LSP position of `marker` (removed from the text). */
function openWith(rel: string, languageId: string, edit: (text: string) => string): { line: number; character: number } {
  const marked = edit(readFileSync(join(root, rel), 'utf8'));
  const at = marked.indexOf('‸');
  const text = marked.replace('‸', '');
  client.open(uri(rel), languageId, text);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

async function completion(rel: string, position: { line: number; character: number }, trigger?: string): Promise<Item[]> {
  const context = trigger ? { triggerKind: 2, triggerCharacter: trigger } : { triggerKind: 1 };
  const list: { items: Item[] } = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: uri(rel) }, position, context });
  return list.items;
}

test('the server announces completion (space and comma triggers) and hover', () => {
  assert.deepEqual(client.capabilities['completionProvider'], { triggerCharacters: [' ', ','] });
  assert.equal(client.capabilities['hoverProvider'], true);
});

test('HAProxy: values after a typed space, keywords of the section, versions from the settings', async () => {
  const position = openWith('lb1/haproxy.cfg', 'haproxy', (t) => t.replace('    balance roundrobin\n    default-server', '    balance ‸\n    default-server'));
  const values = await completion('lb1/haproxy.cfg', position, ' ');
  const leastconn = values.find((i) => i.label === 'leastconn')!;
  assert.ok(leastconn, values.map((i) => i.label).join(' '));
  assert.deepEqual(leastconn.textEdit, { range: { start: position, end: position }, newText: 'leastconn' });
  assert.equal(leastconn.documentation?.kind, 'markdown');
  assert.match(leastconn.documentation!.value, /docs\.haproxy\.org\/2\.6\/configuration\.html#4\.2-balance\)/, 'the manual of the configured target');

  const line = { line: position.line, character: 4 };
  const keywords = await completion('lb1/haproxy.cfg', line);
  const balance = keywords.find((i) => i.label === 'balance')!;
  assert.equal(balance.textEdit.newText, 'balance ');
  assert.equal(balance.command?.command, 'editor.action.triggerSuggest');
  assert.deepEqual(balance.textEdit.range, { start: line, end: { line: position.line, character: 11 } }, 'the whole word is replaced');
  assert.ok(keywords.find((i) => i.label === 'transparent')!.tags?.includes(1), 'deprecated keywords are tagged');
  assert.ok(!keywords.some((i) => i.label === 'guid'), 'guid needs HAProxy 3.0; the target is 2.6');
  assert.deepEqual(await completion('lb1/haproxy.cfg', { line: position.line, character: 2 }, ' '), [], 'a space typed as indentation opens nothing');
});

test('keepalived: block snippets and enumerated values', async () => {
  const position = openWith('lb1/keepalived.conf', 'keepalived', (t) => t.replace('    state MASTER\n', '    state MASTER\n    ‸\n'));
  const keywords = await completion('lb1/keepalived.conf', position);
  const auth = keywords.find((i) => i.label === 'authentication')!;
  assert.equal(auth.insertTextFormat, 2);
  assert.equal(auth.textEdit.newText, 'authentication {\n\t$0\n}');
  const state = await completion('lb1/keepalived.conf', { line: position.line - 1, character: '    state '.length });
  assert.deepEqual(state.map((i) => i.label), ['MASTER', 'BACKUP']);
});

test('hover: markdown and the range of the word', async () => {
  const text = readFileSync(join(root, 'lb1/haproxy.cfg'), 'utf8');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('bind 192.0.2.100:6443'));
  client.open(uri('lb1/haproxy.cfg'), 'haproxy', text);
  const h: { contents: { kind: string; value: string }; range: unknown } = await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uri('lb1/haproxy.cfg') },
    position: { line, character: 12 },
  });
  assert.equal(h.contents.kind, 'markdown');
  assert.match(h.contents.value, /VIP of vrrp_instance `K8S_API`/);
  assert.deepEqual(h.range, { start: { line, character: 9 }, end: { line, character: 20 } });
  const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri('lb1/haproxy.cfg') }, position: { line: 0, character: 3 } });
  assert.equal(none, null, 'nothing on a comment');
});
