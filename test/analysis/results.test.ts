// How a run keeps its findings: a file's final list must not depend on the order the parts were made in, since a
// patched run makes them in another order than a full one (analysis/patch.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FindingParts, finalizeFile } from '../../server/src/analysis/results.js';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings.js';
import type { Finding } from '../../server/src/rules/rule.js';
import { sourceFile } from '../../server/src/syntax/text.js';
import { Rng } from '../fuzz/rng.js';

const FILE = sourceFile('/w/lb1/keepalived.conf', 'vrrp_instance VI_1 {\n    priority 100\n}\n');
const OTHER = sourceFile('/w/lb2/keepalived.conf', 'vrrp_instance VI_1 {\n    priority 100\n}\n');

const finding = (code: string, start: number, message: string, related?: string): Finding => ({
  code,
  severity: 'warning',
  file: FILE,
  span: { start, end: start + 4 },
  message,
  ...(related ? { related: [{ file: OTHER, span: { start: 0, end: 4 }, message: related }] } : {}),
});

// Findings that tie on position and rule, and two alike in rule, span and message that differ in what they relate to.
const RAW: Finding[] = [
  finding('duplicate-priority', 28, 'priority 100 equals lb2'),
  finding('duplicate-priority', 28, 'priority 100 equals lb3'),
  finding('weight-cannot-bridge', 28, 'weight -2 cannot move the VIP'),
  finding('no-vip', 0, 'no virtual_ipaddress'),
  finding('peer-vrid-mismatch', 0, 'VRID differs', 'lb2: VRID 52'),
  finding('peer-vrid-mismatch', 0, 'VRID differs', 'lb3: VRID 53'),
];

const shown = (list: readonly Finding[]) => list.map((f) => `${f.span.start} ${f.code} ${f.message} ${f.related?.[0]?.message ?? ''}`);

test('a file\'s final list is the same whatever order its findings come in', () => {
  const expected = shown(finalizeFile(RAW, DEFAULT_SETTINGS));
  assert.deepEqual(expected, [
    '0 no-vip no virtual_ipaddress ',
    '0 peer-vrid-mismatch VRID differs lb2: VRID 52',
    '28 duplicate-priority priority 100 equals lb2 ',
    '28 duplicate-priority priority 100 equals lb3 ',
    '28 weight-cannot-bridge weight -2 cannot move the VIP ',
  ]);
  const rng = new Rng(7);
  for (let round = 0; round < 50; round++) {
    const shuffled = [...RAW];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    assert.deepEqual(shown(finalizeFile(shuffled, DEFAULT_SETTINGS)), expected);
  }
});

test('a part replaced by nothing leaves the file, and one made later is listed with the others', () => {
  const parts = new FindingParts();
  parts.add('group:a', [RAW[0]!]);
  parts.add('node:lb1', [RAW[3]!]);
  const touched = new Set<string>();
  parts.replace('group:a', [], touched);
  assert.deepEqual([...touched], [FILE.uri]);
  assert.deepEqual(shown(parts.inFile(FILE.uri)), shown([RAW[3]!]));
  parts.replace('group:b', [RAW[1]!], touched);
  assert.deepEqual(shown(finalizeFile(parts.inFile(FILE.uri), DEFAULT_SETTINGS)), shown([RAW[3]!, RAW[1]!]));
  assert.deepEqual(parts.byFile().get(FILE.uri)?.length, 2);
});
