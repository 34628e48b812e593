/**
 * The benchmark's pure parts: the regression check against a baseline, row judging, percentiles, the edit
 * plan, the --node runtime choice (without the registry), and the generators (deterministic, and producing what the benchmark expects).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findRegressions, judge, recheckRegressions, type Row } from '../bench/lib/results.js';
import { median, p95, quantile } from '../bench/lib/stats.js';
import { applyEdit, contentChange, editPlan, withTypoNearEnd } from '../bench/lib/edits.js';
import { haproxyConfig, keepalivedConfig, pairMistake } from '../bench/generators.js';
import { resolveRuntime, runtimeVersion } from '../bench/lib/runtime.js';

const row = (id: string, value: number | null, extra: Partial<Row> = {}): Row => ({ id, group: 'g', label: id, value, unit: 'ms', status: 'info', compare: 'absolute', ...extra });

test('findRegressions: a ratio that grew 3x or more is a regression, less is not', () => {
  const base = { rows: [row('r1', 1, { unit: 'x', compare: 'ratio' }), row('r2', 1, { unit: 'x', compare: 'ratio' })] };
  const now = { rows: [row('r1', 3.01, { unit: 'x', compare: 'ratio' }), row('r2', 2.9, { unit: 'x', compare: 'ratio' })] };
  assert.deepEqual(
    findRegressions(base, now).map((r) => r.id),
    ['r1'],
  );
});

test('findRegressions: absolute figures need 3x and a minimum difference (small numbers are noise)', () => {
  const base = { rows: [row('fast', 2), row('slow', 100), row('mem', 10, { unit: 'MB' }), row('size', 300, { unit: 'KB' })] };
  const now = { rows: [row('fast', 9), row('slow', 301), row('mem', 40, { unit: 'MB' }), row('size', 900, { unit: 'KB' })] };
  assert.deepEqual(
    findRegressions(base, now).map((r) => r.id),
    ['slow', 'size'],
  );
});

test('findRegressions: improvements, new rows, n/a rows, informational rows and unit changes are not regressions', () => {
  const base = { rows: [row('better', 100), row('gone', 100), row('na', null), row('count', 1, { unit: 'count', compare: 'none' }), row('unit', 1, { unit: 'x', compare: 'ratio' })] };
  const now = { rows: [row('better', 10), row('gone', null), row('na', 1000), row('count', 100, { unit: 'count', compare: 'none' }), row('unit', 1000), row('new', 1e6)] };
  assert.deepEqual(findRegressions(base, now), []);
});

test('findRegressions reports the factor', () => {
  const [r] = findRegressions({ rows: [row('a', 100)] }, { rows: [row('a', 450)] });
  assert.equal(r!.factor, 4.5);
  assert.equal(r!.baseline, 100);
  assert.equal(r!.value, 450);
});

test('judge: pass/FAIL against the target, info without one, error for a missing value', () => {
  const target = { max: 10, text: '< 10 ms' };
  assert.equal(judge({ ...row('a', 9), target }).status, 'pass');
  assert.equal(judge({ ...row('a', 10), target }).status, 'pass');
  assert.equal(judge({ ...row('a', 11), target }).status, 'FAIL');
  assert.equal(judge(row('a', 11)).status, 'info');
  assert.equal(judge(row('a', NaN)).status, 'error');
  assert.equal(judge({ ...row('a', null), status: 'n/a' }).status, 'n/a');
});

test('quantiles interpolate between ranks', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([1, 2, 3, 4]), 2.5);
  assert.equal(quantile([0, 10], 0.95), 9.5);
  assert.equal(p95(Array.from({ length: 101 }, (_, i) => i)), 95);
  assert.ok(Number.isNaN(median([])));
});

test('editPlan: alternately misspells and restores a keyword, so every edit changes the diagnostics', () => {
  const lines = haproxyConfig(2000).split('\n');
  const original = lines.join('\n');
  const plan = editPlan(lines, 20);
  assert.equal(plan.length, 20);
  assert.deepEqual(editPlan(lines, 20), plan, 'deterministic');
  for (let i = 0; i < plan.length; i += 2) {
    const [a, b] = [plan[i]!, plan[i + 1]!];
    applyEdit(lines, a);
    assert.match(lines[a.line]!, /^ {4}\S+x( |$)/);
    assert.deepEqual(contentChange(a).range.start, contentChange(a).range.end);
    applyEdit(lines, b);
    assert.equal(contentChange(b).range.end.character, b.character + 1);
  }
  assert.equal(lines.join('\n'), original);
});

test('withTypoNearEnd misspells the last balance line', () => {
  const text = haproxyConfig(3000);
  const { text: typo, line } = withTypoNearEnd(text);
  const lines = typo.split('\n');
  assert.match(lines[line]!, /^ {4}balanse /);
  assert.ok(line > lines.length - 40);
  assert.equal(typo.length, text.length);
});

test('generators are deterministic and reach the requested size', () => {
  const h = haproxyConfig(5000);
  assert.equal(h, haproxyConfig(5000));
  assert.ok(h.split('\n').length >= 5000 && h.split('\n').length < 5100);
  assert.doesNotMatch(h, /\b(?!(?:192\.0\.2|198\.51\.100|203\.0\.113)\.)\d+\.\d+\.\d+\.\d+\b/, 'documentation IPv4 addresses only');
  const k = keepalivedConfig(1200);
  assert.equal((k.match(/^vrrp_instance /gm) ?? []).length, 1200);
  // VRIDs are unique per interface and address family.
  const seen = new Set<string>();
  for (const block of k.split('\nvrrp_instance ').slice(1)) {
    const key = `${/interface (\S+)/.exec(block)![1]}/${block.includes('version 3') ? 6 : 4}/${/virtual_router_id (\d+)/.exec(block)![1]}`;
    assert.ok(!seen.has(key), key);
    seen.add(key);
  }
  assert.equal([...Array(100).keys()].filter((p) => pairMistake(p) !== undefined).length, 10);
});

test('findRegressions: a slower machine (calibration row) gets a proportionally larger allowance for absolute figures only', () => {
  const cal = (v: number) => row('calibration', v, { compare: 'none' });
  const base = { rows: [cal(50), row('t', 100), row('r', 1, { unit: 'x', compare: 'ratio' })] };
  const loaded = { rows: [cal(100), row('t', 500), row('r', 3, { unit: 'x', compare: 'ratio' })] };
  assert.deepEqual(
    findRegressions(base, loaded).map((r) => r.id),
    ['r'],
    '500 ms is 5x, but the machine is 2x slower: allowed up to 6x',
  );
  const idle = { rows: [cal(40), row('t', 300), row('r', 1)] };
  assert.deepEqual(
    findRegressions(base, idle).map((r) => r.id),
    ['t'],
    'a faster machine does not shrink the allowance below 3x',
  );
});

test('recheckRegressions: a row 3x worse again when re-run stays, one within bounds is dismissed, one not measured stays', () => {
  const base = { rows: [row('steady', 100), row('blip', 100), row('lost', 100)] };
  const found = findRegressions(base, { rows: [row('steady', 400), row('blip', 900), row('lost', 500)] });
  assert.deepEqual(
    found.map((r) => r.id),
    ['steady', 'blip', 'lost'],
  );
  const { confirmed, dismissed } = recheckRegressions(base, found, { rows: [row('steady', 350), row('blip', 120), row('lost', null, { status: 'error' })] });
  assert.deepEqual(
    confirmed.map((r) => [r.id, r.value, r.reruns]),
    [
      ['steady', 400, [350]],
      ['lost', 500, undefined],
    ],
  );
  assert.deepEqual(
    dismissed.map((r) => [r.id, r.reruns]),
    [['blip', [120]]],
  );
  // The re-run is judged by its own calibration: slow again, but on a machine twice as slow as the baseline's.
  const cal = (v: number) => row('calibration', v, { compare: 'none' });
  const again = recheckRegressions({ rows: [...base.rows, cal(10)] }, found.slice(0, 1), { rows: [row('steady', 350), cal(20)] });
  assert.deepEqual(
    again.dismissed.map((r) => r.id),
    ['steady'],
  );
});

test("--node: the bench's own Node by default, a path as given, anything else refused before any download", () => {
  assert.equal(resolveRuntime(undefined), process.execPath);
  assert.equal(resolveRuntime(process.execPath), process.execPath);
  assert.equal(runtimeVersion(process.execPath), process.version);
  assert.throws(() => resolveRuntime('/no/such/node'), /no such file/);
  assert.throws(() => resolveRuntime('latest'), /give a path to node or a version/);
  assert.throws(() => resolveRuntime('24; rm -rf'), /give a path to node or a version/);
});
