// Incremental parsing must give exactly what a full parse gives: random edits (insertions and deletions of
// line breaks, quotes, comments, section headers, `.if` lines, CRLF…) on real configs, then the two results are
// compared field by field, chained over several edits like a typing session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { editChains } from '../support/edit-chains.js';
import { parseHaproxy } from '../../server/src/syntax/haproxy/parser.js';
import { reparseHaproxy } from '../../server/src/syntax/haproxy/incremental.js';
import type { Branch, HaproxySyntax, Statement } from '../../server/src/syntax/haproxy/ast.js';
import { sourceFile } from '../../server/src/syntax/text.js';

const ROOT = new URL('../..', import.meta.url).pathname;

function configs(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) configs(path, out);
    else if (name.endsWith('.cfg')) out.push(path);
  }
  return out;
}
const SEEDS = [...configs(join(ROOT, 'test/fixtures')), ...configs(join(ROOT, 'examples'))].map((p) => readFileSync(p, 'utf8'));

function dump(s: HaproxySyntax) {
  // Branch ids are unique over every parse: number them by first appearance to compare the shape.
  const ids = new Map<number, number>();
  const shape = (b: Branch | undefined): unknown =>
    b && { id: ids.get(b.id) ?? ids.set(b.id, ids.size).get(b.id), parent: shape(b.parent), previous: shape(b.previous), test: b.test, depth: b.depth };
  const statement = (st: Statement) => ({ line: st.line, start: st.start, end: st.end, branch: shape(st.branch), words: st.words() });
  return {
    orphans: s.orphans.map(statement),
    sections: s.sections.map((x) => ({ kind: x.kind, name: x.name, start: x.start, end: x.end, header: statement(x.header), statements: x.statements.map(statement) })),
    directives: s.directives.map(statement),
    issues: s.issues,
    comments: s.comments,
    templated: s.templated,
    controlFlow: s.controlFlow,
  };
}

const FRAGMENTS = ['\n', '\r\n', ' ', '\t', '#', '"', "'", '\\', 'backend be_new\n', '    server s9 192.0.2.9:80 check\n', '.if defined(X)\n', '.endif\n', '{{ vip }}', 'acl a path_beg /x', 'x', '\n\n', 'frontend'];

test('reparse after random edits equals a full parse', () => {
  editChains(SEEDS, FRAGMENTS, { runs: 400, seed: 20261121, maxEdits: 5 }, (text) => parseHaproxy(sourceFile('a.cfg', text)), (syntax, text) => {
    const next = reparseHaproxy(syntax, sourceFile('a.cfg', text));
    assert.deepEqual(dump(next), dump(parseHaproxy(sourceFile('a.cfg', text))));
    return next;
  });
});

test('edits at the very start and end, and to and from an empty file', () => {
  for (const [before, after] of [
    ['', 'global\n'],
    ['global\n', ''],
    ['global\n    maxconn 10\n', 'global\n    maxconn 10'],
    ['global\n    maxconn 10', 'global\n    maxconn 10\n'],
    ['frontend a\n', 'x frontend a\n'],
    ['a\r\nb\r\n', 'a\rb\r\n'],
  ] as const) {
    const syntax = reparseHaproxy(parseHaproxy(sourceFile('a.cfg', before)), sourceFile('a.cfg', after));
    assert.deepEqual(dump(syntax), dump(parseHaproxy(sourceFile('a.cfg', after))), JSON.stringify([before, after]));
  }
});

test('a file of 200,000 lines before any header: one list of lines, parsed and edited without a limit', () => {
  const text = '    maxconn 10\n'.repeat(200_000);
  const syntax = parseHaproxy(sourceFile('/t/haproxy.cfg', text));
  assert.equal(syntax.orphans.length, 200_000);
  const edited = `${text}global\n`;
  const next = reparseHaproxy(syntax, sourceFile('/t/haproxy.cfg', edited));
  assert.equal(next.orphans.length, 200_000);
  assert.equal(next.sections.length, 1);
});
