// BlockFindings on its own: which top-level statements it checks again, and what it reports for the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockFindings, type BlockCheck } from '../../server/src/analysis/blocks.js';
import { parseKeepalived } from '../../server/src/syntax/keepalived/parser.js';
import { buildKeepalivedModel, type KeepalivedModel } from '../../server/src/model/keepalived.js';
import { sourceFile, type SourceFile, type Span } from '../../server/src/syntax/text.js';
import { drain } from '../../server/src/syntax/steps.js';

const TEXT = 'vrrp_instance A {\n    priority 300\n}\n\nvrrp_instance B {\n    priority 90\n}\n';
const OTHER = sourceFile('/w/lb1/other.conf', 'x\n');

/** Runs `check` through `blocks` over `model`; returns the names of the statements it checked and what was reported. */
function run(blocks: BlockFindings, model: KeepalivedModel, check: BlockCheck) {
  const checked: string[] = [];
  const reported: string[] = [];
  const counted: BlockCheck = (m, report) => {
    checked.push(m.tree.map((st) => st.args[0]?.value).join());
    return check(m, report);
  };
  drain(blocks.run(model, new Map([['rule', counted]]), () => (file: SourceFile, span: Span, message: string) => reported.push(`${file.uri}:${span.start}:${message}`)));
  return { checked, reported };
}

const model = buildKeepalivedModel(parseKeepalived(sourceFile('/w/lb1/keepalived.conf', TEXT)));
const everyStatement: BlockCheck = (m, report) => report(m.file, m.tree[0]!.keyword, 'seen');

test('a first run checks the whole file at once; a second over the same statements checks none and reports what the first found', () => {
  const blocks = new BlockFindings();
  const first = run(blocks, model, everyStatement);
  assert.deepEqual(first.checked, ['A,B']);
  const second = run(blocks, model, everyStatement);
  assert.deepEqual(second.checked, []);
  assert.deepEqual(second.reported, first.reported);
});

test('a statement with a finding outside it (an included file) is checked on every run', () => {
  const blocks = new BlockFindings();
  const elsewhere: BlockCheck = (m, report) => {
    if (m.tree[0]!.args[0]?.value === 'A') report(OTHER, { start: 0, end: 1 }, 'in another file');
  };
  // The whole-file run cannot tell which statement found it, so it keeps nothing; the next runs check by statement.
  assert.deepEqual(run(blocks, model, elsewhere).checked, ['A,B']);
  assert.deepEqual(run(blocks, model, elsewhere).checked, ['A', 'B']);
  const third = run(blocks, model, elsewhere);
  assert.deepEqual(third.checked, ['A']);
  assert.deepEqual(third.reported, ['/w/lb1/other.conf:0:in another file']);
});

test('what every block may read (control flow, config-id) checks every block again when it changes', () => {
  for (const changed of [{ controlFlow: true }, { configId: 'lb1' }]) {
    const blocks = new BlockFindings();
    run(blocks, model, everyStatement);
    assert.deepEqual(run(blocks, { ...model, ...changed }, everyStatement).checked, ['A,B'], JSON.stringify(changed));
  }
});

test('a related place in a global_defs block (the line that turns strict mode on) is kept with the finding', () => {
  const text = `global_defs {\n    vrrp_strict\n}\n\n${TEXT}`;
  const withGlobals = buildKeepalivedModel(parseKeepalived(sourceFile('/w/lb1/keepalived.conf', text)));
  const strict = withGlobals.tree[0]!.block!.statements[0]!;
  const pointsAtStrict: BlockCheck = (m, report) => {
    for (const inst of m.instances) report(m.file, inst.statement.keyword, `strict ${inst.name}`, [{ file: m.file, span: strict.keyword, message: 'here' }]);
  };
  const blocks = new BlockFindings();
  const first = run(blocks, withGlobals, pointsAtStrict);
  assert.equal(first.reported.length, 2);
  const second = run(blocks, withGlobals, pointsAtStrict);
  assert.deepEqual(second.checked, [], 'nothing is checked again');
  assert.deepEqual(second.reported, first.reported);
});
