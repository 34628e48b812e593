/**
 * Formatting and quick fixes over the protocol, as other editors use them (dist/server.js over stdio; run
 * `npm run build` first): the capabilities, a whole-document and an on-type format with the `hapair.format`
 * settings, and code actions whose WorkspaceEdit changes both peers' files.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, type Diagnostic } from '../../support/lsp-client.js';

const SERVER = new URL('../../../dist/server.js', import.meta.url).pathname;
const EXAMPLE = new URL('../../../examples/k8s-api-pair/', import.meta.url).pathname;

interface LspEdit {
  range: Diagnostic['range'];
  newText: string;
}

let root: string;
let client: LspClient;
const uri = (rel: string) => `file://${root}/${rel}`;

/** Applies LSP edits to a text (line/character positions, LF line endings). */
function applyLsp(text: string, edits: LspEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'hapair-lsp-fix-'));
  cpSync(EXAMPLE, root, { recursive: true });
  client = await LspClient.start(SERVER, root, { format: { normalizeSpacing: true } });
});

after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

test('announces formatting (whole, range, on `}`) and quick fixes', () => {
  assert.equal(client.capabilities.documentFormattingProvider, true);
  assert.equal(client.capabilities.documentRangeFormattingProvider, true);
  assert.deepEqual(client.capabilities.documentOnTypeFormattingProvider, { firstTriggerCharacter: '}' });
  assert.deepEqual(client.capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
});

test('formats a keepalived document with the editor’s options and the hapair.format settings', async () => {
  const path = uri('lb1/keepalived.conf');
  const messy = 'vrrp_instance X {\n  state   MASTER\n      priority 100   \n}\n';
  client.open(path, 'keepalived', messy);
  const edits = (await client.connection.sendRequest('textDocument/formatting', { textDocument: { uri: path }, options: { tabSize: 2, insertSpaces: true } })) as LspEdit[];
  assert.equal(applyLsp(messy, edits), 'vrrp_instance X {\n  state MASTER\n  priority 100\n}\n');
  const typed = 'vrrp_instance X {\n  state MASTER\n    }\n';
  client.change(path, 2, typed);
  const onType = (await client.connection.sendRequest('textDocument/onTypeFormatting', { textDocument: { uri: path }, position: { line: 2, character: 5 }, ch: '}', options: { tabSize: 2, insertSpaces: true } })) as LspEdit[];
  assert.equal(applyLsp(typed, onType), 'vrrp_instance X {\n  state MASTER\n}\n');
  client.close(path);
});

test('a quick fix for auth-pass-too-long edits both peers in one WorkspaceEdit', async () => {
  const path = uri('lb1/keepalived.conf');
  const diagnostics = await client.waitFor(path, (d) => d.some((x) => x.code === 'auth-pass-too-long'));
  const diagnostic = diagnostics.find((d) => d.code === 'auth-pass-too-long')!;
  const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: path }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as Array<{ title: string; kind: string; isPreferred?: boolean; diagnostics: Diagnostic[]; edit: { changes: Record<string, LspEdit[]> } }>;
  const fix = actions[0]!;
  assert.equal(fix.title, 'Shorten auth_pass to the 8 characters keepalived uses here and on lb2 (K8S_API)');
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(fix.diagnostics, [diagnostic]);
  assert.deepEqual(Object.keys(fix.edit.changes).sort(), [uri('lb1/keepalived.conf'), uri('lb2/keepalived.conf')]);
  const lb2 = applyLsp(readFileSync(join(root, 'lb2/keepalived.conf'), 'utf8'), fix.edit.changes[uri('lb2/keepalived.conf')]!);
  assert.match(lb2, /auth_pass k8s-vip- {3}#/);
  assert.ok(actions.some((a) => a.title === 'Disable auth-pass-too-long for this line'));
  // Only quick fixes are offered: a request for other kinds gets none.
  assert.equal(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: path }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['source.organizeImports'] } }), null);
});
