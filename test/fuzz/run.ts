/**
 * The long fuzz run (`npm run fuzz`): generated and mutated cases through every target, on worker threads,
 * then the language server over stdio, then the linearity check.
 *
 *   npm run fuzz -- [--cases N] [--seed S] [--workers W] [--lsp-docs D] [--slow-ms MS] [--slow record] [--no-linearity]
 *                   [--only-linearity] [--replay FILE.json] [--case I]
 *
 * Case i of seed S is always the same input, whatever the number of workers: `--case I` reruns one. A feature
 * that takes more than --slow-ms (default 1000) of CPU time on one case (all of which are under 1 MB) fails the
 * run; with `--slow record` such cases are written to crashes/ (five per target) and counted, and the run goes on
 * (and still exits 1 at the end).
 * A progress line every 10,000 cases. On the first failure the case is shrunk, written to
 * test/fuzz/crashes/<hash>.json (exact input) and <hash>.cfg|.conf (the main file), and the run exits 1.
 */
import { availableParallelism } from 'node:os';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { caseSize, type FuzzCase } from './case.js';
import { generateCase } from './generate.js';
import { CRASH_DIR, describe, loadRecords, minimize, REGRESSION_DIR, runCase, writeCrash, type CrashRecord, type Failure } from './harness.js';
import { runLinearity, SHAPES } from './linearity.js';
import { fuzzProtocol } from './protocol.js';
import { caseRng } from './rng.js';
import { loadSeeds } from './seeds.js';

const PROGRESS_EVERY = 10_000;

interface WorkerInput {
  seed: number;
  slowMs: number;
  /** Slow cases are recorded and the run goes on (other failures still stop it). */
  recordSlow: boolean;
  from: number;
  to: number;
  stride: number;
}

type WorkerMessage =
  | { type: 'progress'; done: number; slowest: number; slowestIndex: number }
  | { type: 'failure'; index: number; record: CrashRecord }
  | { type: 'slow'; index: number; record: CrashRecord }
  | { type: 'done'; done: number };

const send = (m: WorkerMessage) => process.send!(m);

/**
 * A worker (a child process, so that its CPU time is its own) runs cases from, from + stride, … below to.
 */
function workerMain(input: WorkerInput): void {
  const seeds = loadSeeds();
  let done = 0;
  let slowest = 0;
  let slowestIndex = -1;
  for (let i = input.from; i < input.to; i += input.stride) {
    // The run was stopped (or died): do not go on alone.
    if (!process.connected) process.exit(2);
    const c = generateCase(caseRng(input.seed, i), seeds);
    const t0 = performance.now();
    const failure = runCase(c, { slowMs: input.slowMs });
    const ms = performance.now() - t0;
    if (ms > slowest) {
      slowest = ms;
      slowestIndex = i;
    }
    if (failure?.kind === 'slow' && input.recordSlow) {
      send({ type: 'slow', index: i, record: shrink(c, failure, `seed ${input.seed} case ${i}`) });
    } else if (failure) {
      send({ type: 'failure', index: i, record: shrink(c, failure, `seed ${input.seed} case ${i}`) });
      return;
    }
    done++;
    if (done % 1000 === 0) {
      send({ type: 'progress', done: 1000, slowest, slowestIndex });
      done = 0;
    }
  }
  send({ type: 'done', done });
}

function shrink(c: FuzzCase, failure: Failure, found: string): CrashRecord {
  const small = failure.kind === 'slow' ? c : minimize(c, failure, {}, 60_000);
  const again = failure.kind === 'slow' ? failure : (runCase(small) ?? failure);
  return { description: describe(again, small), failure: again, found: `${found} (${c.origin})`, case: small };
}

function args(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  return {
    cases: Number(get('cases') ?? 1_000_000),
    seed: Number(get('seed') ?? 1),
    workers: Number(get('workers') ?? Math.max(1, Math.min(availableParallelism(), 8))),
    lspDocs: Number(get('lsp-docs') ?? 200),
    slowMs: Number(get('slow-ms') ?? 1000),
    recordSlow: get('slow') === 'record',
    linearity: !argv.includes('--no-linearity'),
    onlyLinearity: argv.includes('--only-linearity'),
    replay: get('replay'),
    one: get('case'),
  };
}

function report(record: CrashRecord): never {
  const path = writeCrash(CRASH_DIR, record);
  console.error(`\nFAILURE: ${record.description}`);
  console.error(`  found as: ${record.found}`);
  if (record.failure.stack) console.error(record.failure.stack.split('\n').slice(0, 12).join('\n'));
  console.error(`  written to ${path} (and the main file next to it)`);
  console.error('  to keep it as a regression fixture: move both files to test/fuzz/regressions/');
  process.exit(1);
}

async function fuzzCases(o: ReturnType<typeof args>): Promise<void> {
  const started = performance.now();
  let done = 0;
  let nextReport = PROGRESS_EVERY;
  let slowest = 0;
  let slowestIndex = -1;
  const line = () => {
    const s = (performance.now() - started) / 1000;
    return `${done.toLocaleString('en')} cases, ${s.toFixed(0)} s, ${(done / s).toFixed(0)} cases/s, slowest case ${slowest.toFixed(0)} ms (#${slowestIndex})`;
  };
  const workers = Math.min(o.workers, o.cases);
  console.log(`fuzzing ${o.cases.toLocaleString('en')} cases, seed ${o.seed}, ${workers} worker(s)`);
  const children: ReturnType<typeof fork>[] = [];
  const slow: number[] = [];
  const slowByTarget = new Map<string, number>();
  let finished = false;
  await new Promise<void>((resolve) => {
    let running = workers;
    for (let w = 0; w < workers; w++) {
      const worker = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, HAPAIR_FUZZ_WORKER: JSON.stringify({ seed: o.seed, slowMs: o.slowMs, recordSlow: o.recordSlow, from: w, to: o.cases, stride: workers } satisfies WorkerInput) } });
      children.push(worker);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'slow') {
          slow.push(m.index);
          // The first few of each target are kept as crash files; the rest only counted.
          const target = m.record.failure.target;
          slowByTarget.set(target, (slowByTarget.get(target) ?? 0) + 1);
          if (slowByTarget.get(target)! <= 5) console.log(`slow case #${m.index}: ${m.record.description.slice(0, 200)} → ${writeCrash(CRASH_DIR, m.record)}`);
        }
        if (m.type === 'failure') {
          finished = true;
          for (const c of children) c.kill();
          report(m.record);
        }
        if (m.type === 'progress') {
          done += m.done;
          if (m.slowest > slowest) {
            slowest = m.slowest;
            slowestIndex = m.slowestIndex;
          }
          if (done >= nextReport) {
            console.log(line());
            nextReport += PROGRESS_EVERY;
          }
        } else if (m.type === 'done') {
          done += m.done;
          if (--running === 0) {
            finished = true;
            resolve();
          }
        }
      });
      worker.on('exit', (code, signal) => {
        if (code !== 0 && !finished) {
          console.error(`worker ${w} died (exit code ${code}, signal ${signal}): see its output above`);
          process.exit(1);
        }
      });
    }
  });
  console.log(`done: ${line()}`);
  if (slow.length > 0) {
    console.log(`slow cases (over ${o.slowMs} ms of CPU for one feature): ${slow.length} (${[...slowByTarget].map(([t, n]) => `${t} ${n}`).join(', ')})`);
    slowCases = slow.length;
  }
}

/** Slow cases recorded with --slow record: the run goes on, and fails at the end. */
let slowCases = 0;

async function main(): Promise<void> {
  const o = args(process.argv.slice(2));
  if (o.replay) {
    const record = JSON.parse(readFileSync(o.replay, 'utf8')) as CrashRecord;
    const f = runCase(record.case, { slowMs: o.slowMs });
    console.log(f ? `fails: ${describe(f, record.case)}\n${f.stack ?? ''}` : `passes: ${record.description}`);
    process.exit(f ? 1 : 0);
  }
  if (o.one !== undefined) {
    const c = generateCase(caseRng(o.seed, Number(o.one)), loadSeeds());
    const f = runCase(c, { slowMs: o.slowMs });
    console.log(`case ${o.one} of seed ${o.seed}: ${c.origin}, ${caseSize(c)} characters`);
    if (f) report(shrink(c, f, `seed ${o.seed} case ${o.one}`));
    console.log('passes');
    return;
  }
  if (!o.onlyLinearity) {
    // The regression fixtures first, with the time limit the short run leaves out.
    for (const { name, record } of loadRecords(REGRESSION_DIR)) {
      const f = runCase(record.case, { slowMs: o.slowMs });
      if (f) report({ ...record, description: `regression ${name} fails again: ${describe(f, record.case)}`, failure: f });
    }
    console.log(`regression fixtures: ${loadRecords(REGRESSION_DIR).length} pass`);
    await fuzzCases(o);
    if (o.lspDocs > 0) {
      const t0 = performance.now();
      const problem = await fuzzProtocol({ seed: o.seed, documents: o.lspDocs, seeds: loadSeeds() });
      if (problem) report(problem);
      console.log(`language server over stdio: ${o.lspDocs} documents, ${((performance.now() - t0) / 1000).toFixed(0)} s, clean`);
    }
  }
  if (slowCases > 0) process.exitCode = 1;
  if (o.linearity || o.onlyLinearity) {
    const results = runLinearity(SHAPES, { log: (s) => console.log(s) });
    const bad = results.filter((r) => !r.ok);
    if (bad.length) {
      console.error(`\nLINEARITY: ${bad.map((r) => `${r.shape}: ${r.problem}`).join('\n            ')}`);
      process.exit(1);
    }
  }
}

if (process.env.HAPAIR_FUZZ_WORKER) {
  workerMain(JSON.parse(process.env.HAPAIR_FUZZ_WORKER) as WorkerInput);
  process.disconnect?.();
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
