// Incremental parsing must give exactly what a full parse gives: random edits (braces, quotes, comments, prefixes,
// definitions, includes, blocks, Jinja tags, line continuations, CRLF…) on real configs, then the two results are
// compared field by field, chained over several edits like a typing session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseKeepalived } from '../../server/src/syntax/keepalived/parser.js';
import { reparseKeepalived } from '../../server/src/syntax/keepalived/incremental.js';
import type { KeepalivedSyntax, KStatement, KWord } from '../../server/src/syntax/keepalived/ast.js';
import { sourceFile, type SourceFile } from '../../server/src/syntax/text.js';
import { detectLanguage } from '../../server/src/workspace/detect.js';
import { editChains } from '../support/edit-chains.js';

const ROOT = new URL('../..', import.meta.url).pathname;

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else out.push(path);
  }
  return out;
}
const SEEDS = [...files(join(ROOT, 'test/fixtures')), ...files(join(ROOT, 'examples'))]
  .filter((p) => detectLanguage(p, () => readFileSync(p, 'utf8')) === 'keepalived')
  .map((p) => readFileSync(p, 'utf8'));

function dump(s: KeepalivedSyntax, file: SourceFile) {
  const word = (w: KWord) => ({ start: w.start, end: w.end, text: w.text, value: w.value, flags: w.flags });
  const statement = (st: KStatement): unknown => {
    // Kept statements must read the new file, like the new ones.
    assert.equal(st.file, file, `statement at ${st.start} reads another file`);
    return {
      start: st.start,
      end: st.end,
      keyword: word(st.keyword),
      args: st.args.map(word),
      condition: st.condition && { ...st.condition },
      repeated: st.repeated,
      block: st.block && { open: { ...st.block.open }, close: st.block.close && { ...st.block.close }, statements: st.block.statements.map(statement) },
    };
  };
  return {
    statements: s.statements.map(statement),
    definitions: s.definitions,
    issues: s.issues,
    comments: s.comments,
    templated: s.templated,
    controlFlow: s.controlFlow,
  };
}

/** Reparses `after` from `previous` and checks it against a full parse. */
function check(previous: KeepalivedSyntax, after: string, label: string): KeepalivedSyntax {
  const file = sourceFile('keepalived.conf', after);
  const reparsed = reparseKeepalived(previous, file);
  const fresh = sourceFile('keepalived.conf', after);
  const full = parseKeepalived(fresh);
  assert.deepEqual(dump(reparsed, file), { ...dump(full, fresh) }, label);
  return reparsed;
}

const FRAGMENTS = [
  '{',
  '}',
  '\n',
  '"',
  '#',
  '!',
  ' ',
  '@lb1 ',
  '@^lb2 ',
  '$NAME=x\n',
  '$LONG=a \\\n',
  'include x.conf\n',
  'vrrp_instance VI_9 {\n',
  '    priority 100\n',
  '}\n',
  '{% if a %}',
  '{{ vip }}',
  '{# note #}',
  '~SEQ(i,1,3) ',
  '\\\n',
  '\r\n',
  '${NAME}',
  'x',
];

test('reparse after random edits equals a full parse', () => {
  assert.ok(SEEDS.length > 50, `found ${SEEDS.length} keepalived seeds`);
  editChains(SEEDS, FRAGMENTS, { runs: 600, seed: 20261122, maxEdits: 6 }, (text) => parseKeepalived(sourceFile('keepalived.conf', text)), (syntax, text) =>
    check(syntax, text, JSON.stringify(text)),
  );
});

test('edits at the very start and end, and to and from an empty file', () => {
  const block = 'vrrp_instance VI_1 {\n    priority 100\n}\n';
  for (const [before, after] of [
    ['', block],
    [block, ''],
    [block, block.slice(0, -1)],
    [block.slice(0, -1), block],
    [block, 'x' + block],
    [block, '{' + block],
    [block + block, '@lb1\n' + block + block],
    [block, block + '@lb1'],
    [block + 'include a.conf\n', block + 'include a.conf\n{'],
    ['a\r\nb\r\n', 'a\rb\r\n'],
    ['$A=1 \\\n' + block, '$A=1 \\\n\n' + block],
  ] as const) {
    check(parseKeepalived(sourceFile('keepalived.conf', before)), after, JSON.stringify([before, after]));
  }
});

test('an edit that opens a block takes in the rest of the file; removing a } does too', () => {
  const text = ['global_defs {', '    router_id a', '}', 'vrrp_instance VI_1 {', '    priority 100', '}', 'vrrp_instance VI_2 {', '    priority 90', '}', ''].join('\n');
  const syntax = parseKeepalived(sourceFile('keepalived.conf', text));
  const opened = check(syntax, text.replace('router_id a\n}', 'router_id a\n}\nvrrp_sync_group G {'), 'opened');
  assert.equal(opened.statements.length, 2);
  const removed = check(parseKeepalived(sourceFile('keepalived.conf', text)), text.replace('priority 100\n}', 'priority 100\n'), 'removed');
  assert.equal(removed.statements.length, 2);
  const extra = check(parseKeepalived(sourceFile('keepalived.conf', text)), text.replace('priority 100\n', 'priority 100\n}\n'), 'extra');
  assert.equal(extra.issues.length, 1);
});

test('statements outside the edit are kept, moved, and read the new file', () => {
  const text = ['global_defs {', '    router_id a', '}', 'vrrp_instance VI_1 {', '    priority 100', '}', 'vrrp_instance VI_2 {', '    priority 90', '}', ''].join('\n');
  const syntax = parseKeepalived(sourceFile('keepalived.conf', text));
  const [global, vi1, vi2] = syntax.statements;
  const next = check(syntax, text.replace('priority 100', 'priority 101 # more'), 'edit');
  assert.equal(next.statements[0], global);
  assert.notEqual(next.statements[1], vi1);
  assert.equal(next.statements[2], vi2);
  assert.equal(vi2!.start, text.indexOf('vrrp_instance VI_2') + ' # more'.length);
  // The previous version is superseded: a second reparse from it parses afresh.
  const again = check(syntax, text.replace('priority 90', 'priority 91'), 'again');
  assert.notEqual(again.statements[0], global);
});

test('blocks nested past the depth limit, and a Jinja tag typed anywhere', () => {
  const nested = (n: number) => 'a {\n'.repeat(n) + '}\n'.repeat(n);
  const block = 'vrrp_instance VI_1 {\n    priority 100\n}\n';
  for (const [before, after] of [
    [block + nested(63), block + nested(63).replace('a {\n', 'a { b {\n')],
    [block + nested(70), block.replace('100', '101') + nested(70)],
    [block + nested(70), block + nested(63)],
    [block + block, block + '{% if x %}' + block],
  ] as const) {
    check(parseKeepalived(sourceFile('keepalived.conf', before)), after, JSON.stringify([before.length, after.length]));
  }
});
