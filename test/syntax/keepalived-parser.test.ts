// The keepalived parser's depth limit: blocks nested deeper than MAX_BLOCK_DEPTH are left out with one problem for
// the file, and what follows them is read as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BLOCK_DEPTH, parseKeepalived } from '../../server/src/syntax/keepalived/parser.js';
import type { KStatement } from '../../server/src/syntax/keepalived/ast.js';
import { sourceFile } from '../../server/src/syntax/text.js';

const nested = (n: number) => 'a {\n'.repeat(n) + '}\n'.repeat(n);
const after = 'vrrp_instance VI_1 {\n    priority 100\n}\n';
const parse = (text: string) => parseKeepalived(sourceFile('keepalived.conf', text));
const depthProblems = (text: string) => parse(text).issues.filter((i) => i.message.startsWith('Blocks nested more than'));

/** How many blocks deep the first statement's tree goes. */
function depthOf(st: KStatement | undefined): number {
  let depth = 0;
  for (let s = st; s?.block; s = s.block.statements[0]) depth++;
  return depth;
}

test('blocks up to the depth limit are read whole, with no problem', () => {
  const syntax = parse(nested(MAX_BLOCK_DEPTH) + after);
  assert.deepEqual(syntax.issues, []);
  assert.equal(depthOf(syntax.statements[0]), MAX_BLOCK_DEPTH);
  assert.deepEqual(
    syntax.statements.map((s) => s.keyword.value),
    ['a', 'vrrp_instance'],
  );
});

test('blocks past the limit are left out, reported once, and the statements after them are still read', () => {
  for (const extra of [1, 6]) {
    const text = nested(MAX_BLOCK_DEPTH + extra) + nested(MAX_BLOCK_DEPTH + 1) + after;
    const problems = depthProblems(text);
    assert.equal(problems.length, 1, `${extra} extra level(s)`);
    // At the `{` of the first block too deep: line MAX_BLOCK_DEPTH (0-based).
    assert.equal(problems[0]!.start, text.split('\n').slice(0, MAX_BLOCK_DEPTH).join('\n').length + 3);
    const syntax = parse(text);
    assert.equal(depthOf(syntax.statements[0]), MAX_BLOCK_DEPTH);
    assert.deepEqual(
      syntax.statements.map((s) => s.keyword.value),
      ['a', 'a', 'vrrp_instance'],
    );
    assert.ok(!syntax.issues.some((i) => i.code === 'unbalanced-braces'), syntax.issues.map((i) => i.message).join('\n'));
  }
});
