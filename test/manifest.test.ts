/** package.json must agree with the code: settings, languages, grammars, snippets and commands. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { manifestWithSettings } from '../scripts/gen-rules-doc.js';
import { EDITOR_SETTING_DEFAULTS } from '../server/src/lsp/settings.js';

const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
const manifest = JSON.parse(text);

test('contributes.configuration is the generated one (npm run docs) and has every editor setting with its default', () => {
  assert.equal(text, manifestWithSettings(text));
  const props = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), Object.keys(EDITOR_SETTING_DEFAULTS).sort());
  for (const [key, value] of Object.entries(EDITOR_SETTING_DEFAULTS)) assert.deepEqual(props[key].default, value, key);
});

test('the language client id is the settings prefix, so hapair.trace.server reaches it', () => {
  const client = readFileSync(new URL('../client/src/language-client.ts', import.meta.url), 'utf8');
  assert.match(client, /new LanguageClient\('hapair',/);
});

test('every contributed grammar, snippet file and language configuration exists and names a contributed language', () => {
  const ids = manifest.contributes.languages.map((l: { id: string }) => l.id);
  assert.deepEqual(ids, ['haproxy', 'keepalived']);
  for (const l of manifest.contributes.languages) assert.ok(existsSync(new URL(`../${l.configuration}`, import.meta.url)), l.configuration);
  for (const g of manifest.contributes.grammars) {
    assert.ok(ids.includes(g.language));
    assert.equal(g.scopeName, `source.${g.language}`);
    const grammar = JSON.parse(readFileSync(new URL(`../${g.path}`, import.meta.url), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName);
  }
  for (const s of manifest.contributes.snippets) {
    assert.ok(ids.includes(s.language));
    assert.ok(existsSync(new URL(`../${s.path}`, import.meta.url)), s.path);
  }
});

test('every command in a menu is contributed, and activation covers both languages', () => {
  const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
  for (const entries of Object.values(manifest.contributes.menus) as Array<Array<{ command: string }>>) {
    for (const e of entries) assert.ok(commands.has(e.command), e.command);
  }
  assert.deepEqual(manifest.activationEvents.sort(), ['onLanguage:haproxy', 'onLanguage:keepalived']);
});

test('untrusted workspaces: the extension runs (it executes nothing from a config), but their settings cannot widen what includes read', () => {
  const untrusted = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, 'limited');
  assert.deepEqual(untrusted?.restrictedConfigurations, ['hapair.includes.allowedFolders']);
  assert.ok(manifest.contributes.configuration.properties['hapair.includes.allowedFolders'], 'the restricted setting exists');
});
