/**
 * The short fuzz run (part of npm test): a fixed seed, so every run checks the same few thousand cases; every
 * regression fixture in test/fuzz/regressions/; fast-check token soup with shrinking; a handful of documents
 * through the real language server; and a coarse linearity check. The long run is `npm run fuzz` (run.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { caseSize, ROOT, type FuzzCase } from './case.js';
import { generateCase, soupArbitrary } from './generate.js';
import { CRASH_DIR, describe as describeFailure, loadRecords, minimize, REGRESSION_DIR, runCase, writeCrash } from './harness.js';
import { measureShape, SHAPES } from './linearity.js';
import { fuzzProtocol, SERVER } from './protocol.js';
import { caseRng } from './rng.js';
import { loadSeeds } from './seeds.js';

const SEED = 20_261_121;
const CASES = Number(process.env.HAPAIR_FUZZ_CASES ?? 400);

test('regression fixtures: every crash the fuzzer found stays fixed', () => {
  const records = loadRecords(REGRESSION_DIR);
  assert.ok(records.length > 0, 'no regression fixtures found');
  const failures: string[] = [];
  for (const { name, record } of records) {
    const f = runCase(record.case);
    if (f) failures.push(`${name} (${record.description}):\n  ${describeFailure(f, record.case)}\n${f.stack ?? ''}`);
  }
  assert.deepEqual(failures, []);
});

test(`mutation fuzzing: ${CASES} cases of seed ${SEED} through every target`, () => {
  const seeds = loadSeeds();
  for (let i = 0; i < CASES; i++) {
    const c = generateCase(caseRng(SEED, i), seeds);
    const f = runCase(c);
    if (f) {
      const small = minimize(c, f, {}, 20_000);
      const again = runCase(small) ?? f;
      const path = writeCrash(CRASH_DIR, { description: describeFailure(again, small), failure: again, found: `seed ${SEED} case ${i} (${c.origin})`, case: small });
      assert.fail(`case ${i} of seed ${SEED} fails (rerun: npm run fuzz -- --seed ${SEED} --case ${i}):\n${describeFailure(f, c)}\n${(f.stack ?? '').split('\n').slice(0, 8).join('\n')}\nshrunk to ${caseSize(small)} characters, written to ${path}`);
    }
  }
});

test('fast-check token soup (shrinks a failure to the fewest tokens)', () => {
  for (const language of ['haproxy', 'keepalived'] as const) {
    fc.assert(
      fc.property(soupArbitrary(language), fc.nat(), fc.boolean(), (text, cursor, discover) => {
        const main = language === 'haproxy' ? `${ROOT}/lb1/haproxy.cfg` : `${ROOT}/lb1/keepalived.conf`;
        const c: FuzzCase = { files: [{ path: main, text }], main, language, discover, cursor: cursor % (text.length + 1), peer: {}, origin: 'fast-check soup' };
        const f = runCase(c);
        if (f) throw new Error(describeFailure(f, c));
      }),
      { seed: SEED, numRuns: 150 },
    );
  }
});

test('the language server over stdio: random documents opened, changed and closed', { skip: existsSync(SERVER) ? false : 'dist/server.js not built' }, async () => {
  const problem = await fuzzProtocol({ seed: SEED, documents: 6, seeds: loadSeeds() });
  assert.equal(problem, undefined, problem && `${problem.description}\n${problem.found}\n${problem.failure.stack ?? ''}`);
});

// Timing in a unit test only as a ratio, with a wide margin: quadratic growth gives ~100x for 10x the input, and
// both sizes are measured interleaved in CPU time (median of 3, once more on failure), so machine load affects
// them alike.
// The strict check (ratio < 15, every input under 1 MB within 1 s, all shapes) is part of npm run fuzz.
test('linearity, coarse: 10x the input takes well under 100x the time', () => {
  for (const name of ['haproxy: many lines (proxies)', 'keepalived: many lines (instances)']) {
    const shape = SHAPES.find((s) => s.name === name)!;
    const options = { maxRatio: 40, maxMs: Infinity, repeats: 3, minMs: 20, collect: false };
    let r = measureShape(shape, options);
    if (!r.ok) r = measureShape(shape, options);
    assert.ok(r.ok, `${name}: ${r.problem} (${r.small.chars} chars: ${r.small.ms.toFixed(1)} ms, ${r.large.chars} chars: ${r.large.ms.toFixed(1)} ms)`);
  }
});
