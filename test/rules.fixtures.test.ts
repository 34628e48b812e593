/**
 * Walks test/fixtures/<rule-id>/: each file is checked on its own, each folder as a workspace (node folders
 * side by side). Expected findings are annotations in the files (see support/fixtures.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../server/src/workspace/workspace.js';
import { nodeFileSystem } from '../server/src/workspace/node-fs.js';
import { languageFromName } from '../server/src/workspace/detect.js';
import { analyze } from '../server/src/analysis/analyze.js';
import { normalizeSettings } from '../server/src/analysis/settings.js';
import { RULES } from '../server/src/rules/index.js';
import { compare, listFiles, parseAnnotations, readText, type Actual, type Expectation } from './support/fixtures.js';

const FIXTURES = resolve(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');

/** Optional first-line header: `# settings: {"severity": {...}}`. */
function settingsOf(text: string) {
  const m = /^[#!] settings: (.*)$/m.exec(text.split('\n', 1)[0] ?? '');
  return normalizeSettings(m ? JSON.parse(m[1]!) : undefined).settings;
}

function run(root: string, files: string[], asFolder: boolean): { expected: Expectation[]; actual: Actual[] } {
  const ws = new Workspace(nodeFileSystem, [root]);
  let settingsText = '';
  if (asFolder) ws.discover(root);
  else {
    const path = join(root, files[0]!);
    const language = languageFromName(path) ?? (path.endsWith('.cfg') ? 'haproxy' : 'keepalived');
    ws.addFile(path, language);
  }
  const expected: Expectation[] = [];
  for (const f of files) {
    const text = readText(join(root, f));
    if (!settingsText) settingsText = text;
    expected.push(...parseAnnotations(f, text));
  }
  const { findings } = analyze(ws, settingsOf(settingsText));
  const actual: Actual[] = findings.map((x) => {
    const r = x.file.lines().rangeOf(x.span);
    return {
      file: x.file.uri.slice(root.length + 1),
      line: r.start.line,
      startColumn: r.start.character,
      endLine: r.end.line,
      endColumn: r.end.character,
      severity: x.severity,
      code: x.code,
      message: x.message,
    };
  });
  return { expected, actual };
}

for (const ruleId of existsSync(FIXTURES) ? readdirSync(FIXTURES).sort() : []) {
  const dir = join(FIXTURES, ruleId);
  if (!statSync(dir).isDirectory()) continue;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const folder = statSync(path).isDirectory();
    test(`fixture ${ruleId}/${name}`, () => {
      const { expected, actual } = folder ? run(path, listFiles(path), true) : run(dir, [name], false);
      const report = compare(expected, actual);
      assert.equal(report, undefined, `\n${report}`);
    });
  }
}

test('every rule has a fixture folder that exercises it', () => {
  const lacking: string[] = [];
  for (const rule of RULES) {
    const dir = join(FIXTURES, rule.id);
    if (!existsSync(dir)) {
      lacking.push(`${rule.id}: no folder test/fixtures/${rule.id}/`);
      continue;
    }
    const annotated = listFiles(dir).some((f) => readText(join(dir, f)).includes(`[${rule.id}]`));
    if (!annotated) lacking.push(`${rule.id}: no fixture expects it`);
  }
  assert.deepEqual(lacking, []);
});
