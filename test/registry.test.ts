import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { RULES } from '../server/src/rules/index.js';
import { readmeWithTable, rulesMarkdown } from '../scripts/gen-rules-doc.js';

test('rule ids are unique kebab-case and match their file names', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of RULES) assert.match(r.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  const folders = ['syntax', 'ansible', 'common', 'haproxy', 'keepalived', 'cross'];
  const files = folders.flatMap((f) =>
    readdirSync(new URL(`../server/src/rules/${f}/`, import.meta.url))
      .filter((n) => readFileSync(new URL(`../server/src/rules/${f}/${n}`, import.meta.url), 'utf8').includes('export const rule'))
      .map((n) => n.replace(/\.ts$/, '')),
  );
  assert.deepEqual([...files].sort(), [...ids].sort());
});

test('every rule is documented and docs/rules.md and the README table are up to date (npm run docs)', () => {
  for (const r of RULES) {
    assert.ok(r.summary.length > 10 && r.docs.length > 40, `${r.id} needs a summary and docs`);
  }
  assert.equal(readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8'), rulesMarkdown());
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assert.equal(readme, readmeWithTable(readme));
});
