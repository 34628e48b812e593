/**
 * The benchmark suite (issue 4): `npm run bench` (full, a few minutes) or `npm run bench -- --quick` (the short
 * version CI runs through test/bench-quick.test.ts). Prints a table (value, target, pass/FAIL per row), writes
 * the results as JSON and compares them with the committed baseline (bench/baseline.json or
 * bench/baseline-quick.json): a row that got 3x worse is a regression.
 *
 * The scaling suite (full mode only) times `hapair check` on generated shapes of input at n and 4n, where an
 * earlier version grew with the square of n: the time may grow less than 8x (lib/scaling.ts); and one-line edits
 * in workspaces of 2,000 and 8,000 LB pairs, whose time may grow less than 2x.
 *
 * Options:
 *   --quick             smaller inputs and fewer runs (24k lines, 1,000 keepalived instances, 50 pairs), no scaling
 *   --json OUT          where to write the results (default bench/results/latest[-quick].json)
 *   --only A,B          run only these suites: cli, keepalived, server, workspace, extension, size, scaling
 *   --baseline FILE     compare with this file instead of the default baseline
 *   --check             exit 1 on regressions against the baseline (errors always exit 1)
 *   --update-baseline   write the results to the baseline file as well
 *   --node V|PATH       run the CLI, the server and the probes on another Node.js: a path, or a version fetched
 *                       from the npm registry into the cache (lib/runtime.ts); VS Code and code-server run the
 *                       server on their own Node 24, whatever the machine has
 *
 * Inputs are generated into a cache outside the repository (see lib/inputs.ts). The bundles are the production
 * build that ships in the .vsix: when dist/hapair.vsix is missing or older than dist/*.js, `npm run package`
 * runs first; the bundles are then copied to a temporary folder so a rebuild of dist/ during the run cannot
 * disturb it.
 */
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir, totalmem, type } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANSIBLE_SEED, keepalivedInterfaces, pairMistake, PAIR_MISTAKE_CODES, SCALE_SHAPES } from './generators.js';
import { prng } from './lib/prng.js';
import { cacheDir, haproxyInput, keepalivedInput, pruneCache, workspaceInput } from './lib/inputs.js';
import { BenchLsp, type Publish } from './lib/lsp.js';
import { measure, Namespace, rssMethod, versionOf, which, type Measured } from './lib/proc.js';
import { CALIBRATION_ID, errors, findRegressions, judge, recheckRegressions, type Regression, type Results, type Row, type Status, type Target, type Unit } from './lib/results.js';
import { median, now, p95 } from './lib/stats.js';
import { formatTable, formatValue } from './lib/table.js';
import { applyEdit, contentChange, editPlan, withTypoNearEnd } from './lib/edits.js';
import { calibrate, calibrationSink, cpuTicks, stealPercent, type CpuTicks } from './lib/calibrate.js';
import { resolveRuntime, runtimeVersion } from './lib/runtime.js';
import { GROWTH, MAX_GROWTH, MAX_TYPING_GROWTH, SCALING, SCALING_RUNS, scalingInput, TYPING_EDITS, TYPING_PAIRS } from './lib/scaling.js';
import { chevrotainLexerOnly } from '../scripts/chevrotain-lexer-only.mjs';
import { v8FlagsFor } from '../scripts/v8-flags.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SUITES = ['cli', 'keepalived', 'server', 'workspace', 'extension', 'size', 'scaling'] as const;
type Suite = (typeof SUITES)[number];
/** Suites that --quick leaves out (and refuses with --only). */
const FULL_ONLY: readonly Suite[] = ['scaling'];
const suitesOf = (mode: Config['mode']): readonly Suite[] => (mode === 'full' ? SUITES : SUITES.filter((s) => !FULL_ONLY.includes(s)));

interface Config {
  mode: 'full' | 'quick';
  /** CLI comparison sizes, in lines. */
  cliLines: number[];
  /** Interleaved runs per command (median reported). */
  runs: number;
  kaInstances: number;
  serverLines: number[];
  /** Fresh servers per size for didOpen → diagnostics; and for spawn → diagnostics. */
  freshServers: number;
  coldServers: number;
  warmOpens: number;
  edits: number;
  featureRequests: number;
  pairs: number;
  workspaceServers: number;
  activationRuns: number;
}

const FULL: Config = {
  mode: 'full',
  cliLines: [24_000, 200_000, 1_000_000],
  runs: 5,
  kaInstances: 5_000,
  serverLines: [24_000, 200_000],
  freshServers: 5,
  coldServers: 3,
  warmOpens: 5,
  edits: 200,
  featureRequests: 100,
  pairs: 500,
  workspaceServers: 3,
  activationRuns: 10,
};

const QUICK: Config = {
  mode: 'quick',
  cliLines: [24_000],
  runs: 3,
  kaInstances: 1_000,
  serverLines: [24_000],
  freshServers: 3,
  coldServers: 1,
  warmOpens: 3,
  edits: 50,
  featureRequests: 30,
  pairs: 50,
  workspaceServers: 2,
  activationRuns: 3,
};

// ---------------------------------------------------------------------------------------------------------
// Options

interface Options {
  config: Config;
  json: string;
  only: Set<Suite>;
  baseline: string;
  check: boolean;
  updateBaseline: boolean;
  /** --node as given. */
  node: string | undefined;
}

function usage(message?: string): never {
  if (message) process.stderr.write(`bench: ${message}\n`);
  process.stderr.write('usage: node --import tsx bench/run.ts [--quick] [--json OUT] [--only cli,keepalived,server,workspace,extension,size,scaling] [--baseline FILE] [--check] [--update-baseline] [--node VERSION|PATH]\n');
  process.exit(2);
}

function parseOptions(argv: string[]): Options {
  let quick = false;
  let json: string | undefined;
  let only: Set<Suite> | undefined;
  let baseline: string | undefined;
  let check = false;
  let updateBaseline = false;
  let node: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--quick') quick = true;
    else if (a === '--json') json = value();
    else if (a === '--only') {
      const names = value().split(',').map((s) => s.trim()).filter(Boolean);
      for (const n of names) if (!(SUITES as readonly string[]).includes(n)) usage(`unknown suite '${n}' (use ${SUITES.join(', ')})`);
      only = new Set(names as Suite[]);
    } else if (a === '--baseline') baseline = value();
    else if (a === '--check') check = true;
    else if (a === '--update-baseline') updateBaseline = true;
    else if (a === '--node') node = value();
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown option '${a}'`);
  }
  const config = quick ? QUICK : FULL;
  const outOfMode = [...(only ?? [])].filter((name) => !suitesOf(config.mode).includes(name));
  if (outOfMode.length > 0) usage(`the ${outOfMode.join(', ')} suite runs in full mode only (without --quick)`);
  return {
    config,
    json: resolve(json ?? join(ROOT, 'bench', 'results', quick ? 'latest-quick.json' : 'latest.json')),
    only: only ?? new Set(suitesOf(config.mode)),
    baseline: resolve(baseline ?? join(ROOT, 'bench', quick ? 'baseline-quick.json' : 'baseline.json')),
    check,
    updateBaseline,
    node,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Rows

const rows: Row[] = [];
/** The Node.js that runs the measured programs (--node); the bench's own tooling keeps process.execPath. */
let node = process.execPath;
const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

interface RowSpec {
  id: string;
  group: string;
  label: string;
  unit: Unit;
  compare?: Row['compare'];
  target?: Target;
  display?: string;
  note?: string;
  details?: Record<string, unknown>;
}

function add(spec: RowSpec, value: number | null, status?: Status): Row {
  const row = judge({ ...spec, compare: spec.compare ?? 'absolute', value, ...(status ? { status } : {}) });
  rows.push(row);
  return row;
}
const notAvailable = (spec: RowSpec, note: string) => add({ ...spec, note }, null, 'n/a');
const failed = (spec: RowSpec, e: unknown) => add({ ...spec, note: e instanceof Error ? e.message : String(e) }, null, 'error');
/** Peak RSS over runs; n/a when it could not be read (polling can miss a very short process). */
function addRss(spec: RowSpec, values: Array<number | null>): void {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);
  if (known.length === 0) notAvailable(spec, 'peak RSS not measurable here');
  else add(spec, Math.max(...known));
}

const lt = (max: number, unit: string, strict = true): Target => ({ max, text: `${strict ? '<' : '<='} ${max}${unit === 'x' ? 'x' : ` ${unit}`}` });
const size = (lines: number) => (lines >= 1_000_000 ? `${lines / 1_000_000}M` : `${Math.round(lines / 1000)}k`);
const percentiles = (samples: number[]) => ({ p50: median(samples), p95: p95(samples), n: samples.length });
const pDisplay = (samples: number[]) => `p50 ${formatValue(median(samples), 'ms')} / p95 ${formatValue(p95(samples), 'ms')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (xs: number[]) => xs.map((x) => Math.round(x * 100) / 100);

/** Adds a row of latencies: p95 is its value, p50 and p95 are shown. */
function addLatencies(spec: RowSpec, samples: number[], note?: string): void {
  add({ ...spec, display: pDisplay(samples), ...(note ? { note } : {}), details: { ...percentiles(samples), samples: round(samples) } }, p95(samples));
}

// ---------------------------------------------------------------------------------------------------------
// Setup: production bundles, snapshot

/**
 * Makes sure dist/ holds the production bundles and a .vsix made from them: runs `npm run package` when the
 * .vsix is missing or older than a bundle. Returns why packaging failed (the run then goes on with a
 * production build of the bundles, and the .vsix row reports the failure), or undefined.
 */
function ensurePackaged(): string | undefined {
  const dist = join(ROOT, 'dist');
  const vsix = join(dist, 'hapair.vsix');
  const bundles = ['cli-bundle.js', 'server-bundle.js', 'client.js', 'language-client.js'].map((f) => join(dist, f));
  const stale = !existsSync(vsix) || bundles.some((b) => !existsSync(b) || statSync(b).mtimeMs > statSync(vsix).mtimeMs);
  if (!stale) return undefined;
  log('dist/hapair.vsix is missing or older than the bundles: running npm run package (production build)');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0) return undefined;
  const why = `npm run package failed: ${`${r.stdout}${r.stderr}`.replace(/\s+/g, ' ').trim().slice(0, 300)}`;
  log(why);
  const build = spawnSync(process.execPath, [join(ROOT, 'build.mjs'), '--production'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`${why}; node build.mjs --production failed too: ${build.stderr.trim().slice(0, 300)}`);
  return why;
}

/** Copies the bundles and the .vsix to a private folder (dist/ may be rebuilt by someone else meanwhile). */
function snapshotDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hapair-bench-dist-'));
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (const f of ['cli.js', 'cli-bundle.js', 'server.js', 'server-bundle.js', 'client.js', 'language-client.js', 'package.json', 'hapair.vsix']) if (existsSync(join(ROOT, 'dist', f))) copyFileSync(join(ROOT, 'dist', f), join(dist, f));
  return dist;
}

/**
 * The in-process probe, bundled and minified as the shipped server is (run from source, the loader's helpers would
 * be timed too), into a private folder; bundled once per run, for every suite that uses it.
 */
let probeBundle: Promise<string> | undefined;
const bundledProbe = (): Promise<string> => (probeBundle ??= bundleProbe());

async function bundleProbe(): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'hapair-bench-probe-')), 'analysis-probe.mjs');
  process.once('exit', () => rmSync(dirname(out), { recursive: true, force: true }));
  // The asynchronous API: esbuild runs plugins only there.
  await build({ entryPoints: [join(ROOT, 'bench', 'lib', 'analysis-probe.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', minify: true, logLevel: 'error', plugins: [chevrotainLexerOnly] });
  return out;
}

/** Runs the in-process probe with `args`, and the V8 flags the launchers set, and returns what it printed; throws with its last error lines. */
async function runProbe<T>(args: string[]): Promise<T> {
  const flags = v8FlagsFor(spawnSync(node, ['-p', 'process.versions.v8'], { encoding: 'utf8' }).stdout.trim());
  const probe = spawnSync(node, [...flags, await bundledProbe(), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (probe.status !== 0) throw new Error((probe.stderr || probe.error?.message || '').trim().split('\n').slice(-3).join(' '));
  return JSON.parse(probe.stdout) as T;
}

// ---------------------------------------------------------------------------------------------------------
// CLI vs haproxy -c / keepalived -t

/** Interleaved runs of two commands; the second may be absent. */
async function interleaved(a: string[], b: string[] | undefined, runs: number, prefix: string[] = []): Promise<{ a: Measured[]; b: Measured[] }> {
  const out = { a: [] as Measured[], b: [] as Measured[] };
  for (let i = 0; i < runs; i++) {
    out.a.push(await measure([...prefix, ...a]));
    if (b) out.b.push(await measure([...prefix, ...b]));
  }
  return out;
}

/**
 * The ratio of two interleaved commands: the median of the per-run ratios (each pair ran back to back, so a
 * change in machine load affects both), with the ratio of the medians kept in the details.
 */
function pairedRatio(spec: RowSpec, r: { a: Measured[]; b: Measured[] }, ofMedians: number): [RowSpec, number] {
  const ratios = r.a.map((m, i) => m.ms / r.b[i]!.ms);
  return [{ ...spec, details: { samples: round(ratios), ratioOfMedians: Math.round(ofMedians * 1000) / 1000, note: 'median of the per-run ratios' } }, median(ratios)];
}

function checkHapairRuns(ms: Measured[], what: string): void {
  const bad = ms.find((m) => m.rc !== 0 && m.rc !== 1);
  if (bad) throw new Error(`hapair check ${what} exited ${bad.rc}${bad.error ? ` (${bad.error})` : ''}: ${bad.stderr.trim().slice(0, 300)}`);
}

async function suiteCli(cfg: Config, dist: string): Promise<void> {
  const haproxy = process.env.HAPAIR_HAPROXY ?? which('haproxy');
  const group = `CLI vs haproxy -c (whole process, median of ${cfg.runs} interleaved runs)`;
  for (const lines of cfg.cliLines) {
    const s = size(lines);
    const spec = (id: string, label: string, unit: Unit, extra: Partial<RowSpec> = {}): RowSpec => ({ id: `cli.${s}.${id}`, group, label: `${s} lines: ${label}`, unit, ...extra });
    const specs = {
      hapair: spec('hapair', 'hapair check', 'ms'),
      haproxy: spec('haproxy', 'haproxy -c', 'ms'),
      ratio: spec('ratio', 'ratio hapair / haproxy -c', 'x', { compare: 'ratio', ...(lines === 200_000 ? { target: lt(0.5, 'x', false) } : {}) }),
      rss: spec('rss', 'peak RSS, hapair check', 'MB', lines >= 1_000_000 ? { target: lt(1024, 'MB') } : {}),
      haproxyRss: spec('haproxyRss', 'peak RSS, haproxy -c', 'MB', { compare: 'none' }),
    };
    try {
      log(`cli: generating/reading the ${s}-line haproxy.cfg`);
      const file = haproxyInput(lines);
      readFileSync(file); // into the page cache
      log(`cli: ${cfg.runs} interleaved runs of hapair check and haproxy -c on ${s} lines`);
      const r = await interleaved([node, join(dist, 'cli.js'), 'check', file, '--format', 'json'], haproxy ? [haproxy, '-c', '-f', file] : undefined, cfg.runs);
      checkHapairRuns(r.a, `on ${s} lines`);
      const findings = (JSON.parse(r.a[0]!.stdout) as { diagnostics: unknown[] }).diagnostics.length;
      const hapairMs = median(r.a.map((m) => m.ms));
      add({ ...specs.hapair, details: { samples: round(r.a.map((m) => m.ms)), findings, bytes: statSync(file).size } }, hapairMs);
      if (!haproxy) {
        notAvailable(specs.haproxy, 'haproxy not installed');
        notAvailable(specs.ratio, 'haproxy not installed');
      } else {
        const bad = r.b.find((m) => m.rc !== 0 || /\[(ALERT|WARNING)\]/.test(m.stdout + m.stderr));
        if (bad) {
          const why = bad.rc === -1 ? bad.error : `exit ${bad.rc}: ${(bad.stdout + bad.stderr).trim().split('\n')[0]}`;
          failed(specs.haproxy, `haproxy -c did not accept the generated file (${why})`);
          failed(specs.ratio, 'no haproxy -c time');
        } else {
          const haproxyMs = median(r.b.map((m) => m.ms));
          add({ ...specs.haproxy, details: { samples: round(r.b.map((m) => m.ms)) } }, haproxyMs);
          add(...pairedRatio(specs.ratio, r, hapairMs / haproxyMs));
        }
      }
      addRss(specs.rss, r.a.map((m) => m.rssMB));
      if (haproxy && r.b.length > 0 && r.b.every((m) => m.rc === 0)) addRss(specs.haproxyRss, r.b.map((m) => m.rssMB));
      else notAvailable(specs.haproxyRss, haproxy ? 'haproxy -c failed' : 'haproxy not installed');
    } catch (e) {
      for (const sp of Object.values(specs)) if (!rows.some((r) => r.id === sp.id)) failed(sp, e);
    }
  }
}

async function suiteKeepalived(cfg: Config, dist: string): Promise<void> {
  const n = cfg.kaInstances;
  const group = `CLI vs keepalived -t (${n.toLocaleString('en')} vrrp_instances, median of ${cfg.runs} interleaved runs)`;
  const specs = {
    hapair: { id: 'keepalived.hapair', group, label: 'hapair check', unit: 'ms' as Unit },
    keepalived: { id: 'keepalived.keepalived', group, label: 'keepalived -t', unit: 'ms' as Unit },
    ratio: { id: 'keepalived.ratio', group, label: 'ratio hapair / keepalived -t', unit: 'x' as Unit, compare: 'ratio' as const },
    rss: { id: 'keepalived.rss', group, label: 'peak RSS, hapair check', unit: 'MB' as Unit },
  };
  let ns: Namespace | string | undefined;
  try {
    const file = keepalivedInput(n);
    readFileSync(file);
    const keepalived = process.env.HAPAIR_KEEPALIVED ?? which('keepalived');
    ns = keepalived ? Namespace.create(keepalivedInterfaces(n)) : 'keepalived not installed';
    // Both commands run inside the namespace (when there is one), so both pay `ip netns exec`.
    const prefix = typeof ns === 'string' ? [] : ns.prefix();
    log(`keepalived: ${cfg.runs} interleaved runs on ${n} instances${typeof ns === 'string' ? ` (keepalived -t: ${ns})` : ''}`);
    const r = await interleaved(
      [node, join(dist, 'cli.js'), 'check', file, '--format', 'json'],
      typeof ns === 'string' ? undefined : [keepalived!, '-t', '-l', '-f', file],
      cfg.runs,
      prefix,
    );
    checkHapairRuns(r.a, `on ${n} keepalived instances`);
    const hapairMs = median(r.a.map((m) => m.ms));
    const findings = (JSON.parse(r.a[0]!.stdout) as { diagnostics: unknown[] }).diagnostics.length;
    add({ ...specs.hapair, details: { samples: round(r.a.map((m) => m.ms)), findings } }, hapairMs);
    if (typeof ns === 'string') {
      notAvailable(specs.keepalived, ns);
      notAvailable(specs.ratio, ns);
    } else {
      const bad = r.b.find((m) => m.rc !== 0);
      if (bad) {
        failed(specs.keepalived, `keepalived -t did not accept the generated file (exit ${bad.rc}): ${(bad.stdout + bad.stderr).trim().split('\n').slice(0, 2).join(' ')}`);
        failed(specs.ratio, 'no keepalived -t time');
      } else {
        const kaMs = median(r.b.map((m) => m.ms));
        add({ ...specs.keepalived, details: { samples: round(r.b.map((m) => m.ms)) } }, kaMs);
        add(...pairedRatio(specs.ratio, r, hapairMs / kaMs));
      }
    }
    addRss(specs.rss, r.a.map((m) => m.rssMB));
  } catch (e) {
    for (const sp of Object.values(specs)) if (!rows.some((r) => r.id === sp.id)) failed(sp, e);
  } finally {
    if (ns && typeof ns !== 'string') ns.dispose();
  }

  // Typing in the big file: only the touched block is parsed and checked again (analysis/blocks.ts), and the model
  // keeps the instances the edit did not reach.
  const editSpec: RowSpec = {
    id: 'keepalived.edit',
    group: `Language server, keepalived.conf of ${n.toLocaleString('en')} vrrp_instances`,
    label: `one-line edit, analysis time (in-process, ${cfg.edits} edits)`,
    unit: 'ms',
  };
  log(`keepalived: in-process analysis time of ${cfg.edits} edits`);
  try {
    const { samples } = await runProbe<{ samples: number[] }>(['--keepalived', keepalivedInput(n), String(cfg.edits)]);
    addLatencies(editSpec, samples, 'a keyword at a random line misspelt, then put right, Session.change + Session.run in one process (bench/lib/analysis-probe.ts)');
  } catch (e) {
    failed(editSpec, e);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Language server

const fileUri = (path: string) => `file://${path}`;

function openDoc(lsp: BenchLsp, uri: string, text: string): number {
  return lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'haproxy', version: 1, text } });
}

/** didOpen → the first publishDiagnostics for that document. */
async function timedOpen(lsp: BenchLsp, uri: string, text: string): Promise<{ ms: number; publish: Publish }> {
  const next = lsp.nextPublish(uri);
  const t0 = openDoc(lsp, uri, text);
  const publish = await next;
  return { ms: publish.at - t0, publish };
}

async function suiteServer(cfg: Config, dist: string): Promise<void> {
  const server = join(dist, 'server.js');
  const group = 'Language server over stdio (node dist/server.js --stdio)';
  const virtualDir = join(cacheDir(), 'open');
  const startupMs: number[] = [];
  const firstRow = rows.length;
  for (const lines of cfg.serverLines) {
    const s = size(lines);
    const is24k = lines === 24_000;
    const spec = (id: string, label: string, unit: Unit, extra: Partial<RowSpec> = {}): RowSpec => ({ id: `server.${s}.${id}`, group, label: `${s} lines: ${label}`, unit, ...extra });
    const specs = {
      fresh: spec('fresh', 'didOpen → first diagnostics, fresh server', 'ms', is24k ? { target: lt(100, 'ms') } : {}),
      cold: spec('cold', 'spawn + initialize + didOpen → first diagnostics', 'ms'),
      warm: spec('warm', 'didOpen → diagnostics, warm server', 'ms', is24k ? { target: lt(40, 'ms') } : {}),
      complete: spec('complete', 'diagnosed to the last line (no cut-off)', 'count', { compare: 'none', target: { max: 0, text: 'no cut-off' } }),
      rss: spec('rss', 'peak RSS, server', 'MB'),
      analysis: spec('analysis', 'one-line edit, analysis time (in-process)', 'ms', is24k ? { target: lt(3, 'ms') } : {}),
    };
    let lsp: BenchLsp | undefined;
    try {
      const file = haproxyInput(lines);
      const { text, line: typoLine } = withTypoNearEnd(readFileSync(file, 'utf8'));
      const totalLines = text.split('\n').length;
      let doc = 0;
      const nextUri = () => fileUri(join(virtualDir, `haproxy-${s}-${++doc}.cfg`));

      // spawn → first diagnostics: didOpen right after initialized, as an editor does when it opens a file.
      const cold: number[] = [];
      for (let i = 0; i < cfg.coldServers; i++) {
        log(`server: ${s} lines, cold start ${i + 1}/${cfg.coldServers}`);
        const l = BenchLsp.spawn(server, node);
        try {
          const init = await l.initialize(null);
          startupMs.push(init.ms);
          const uri = nextUri();
          const next = l.nextPublish(uri);
          openDoc(l, uri, text);
          cold.push((await next).at - l.startedAt);
        } finally {
          await l.stop();
        }
      }

      // didOpen on a fresh (idle) server.
      const fresh: number[] = [];
      let lastPublish: Publish | undefined;
      let capabilities: Record<string, unknown> = {};
      for (let i = 0; i < cfg.freshServers; i++) {
        log(`server: ${s} lines, fresh server ${i + 1}/${cfg.freshServers}`);
        lsp = BenchLsp.spawn(server, node);
        const init = await lsp.initialize(null);
        capabilities = init.capabilities;
        startupMs.push(init.ms);
        await sleep(300); // settings round trip and the (empty) first analysis
        const { ms, publish } = await timedOpen(lsp, nextUri(), text);
        fresh.push(ms);
        lastPublish = publish;
        if (i < cfg.freshServers - 1) {
          await lsp.stop();
          lsp = undefined;
        }
      }
      add({ ...specs.fresh, details: { samples: round(fresh) } }, median(fresh));
      add({ ...specs.cold, details: { samples: round(cold) } }, median(cold));
      const lastLine = Math.max(-1, ...lastPublish!.diagnostics.map((d) => d.range.start.line));
      const complete = lastPublish!.diagnostics.some((d) => d.range.start.line === typoLine);
      add(
        { ...specs.complete, display: complete ? `yes: finding on line ${typoLine + 1} of ${totalLines}` : `NO: last finding on line ${lastLine + 1} of ${totalLines}` },
        complete ? 0 : 1,
      );

      // Warm: the same server opens the document again under new names (closing the previous one first).
      const l = lsp!;
      let uri = lastPublish!.uri;
      const warm: number[] = [];
      for (let i = 0; i < cfg.warmOpens; i++) {
        const cleared = l.nextPublish(uri, (p) => p.diagnostics.length === 0);
        l.notify('textDocument/didClose', { textDocument: { uri } });
        await cleared;
        uri = nextUri();
        warm.push((await timedOpen(l, uri, text)).ms);
      }
      add({ ...specs.warm, details: { samples: round(warm) } }, median(warm));

      if (is24k) await editsAndFeatures(cfg, l, uri, text, typoLine, capabilities, group, file, specs.analysis);
      // No target: the issue sets one for 24k lines; this row shows what of an edit still grows with the file.
      else await probeEdits(specs.analysis, file, cfg.edits);
      addRss(specs.rss, [l.peakRssMB()]);
    } catch (e) {
      for (const sp of Object.values(specs)) if (!rows.some((r) => r.id === sp.id)) failed(sp, e);
      if (is24k) for (const id of ['edit', 'analysis', ...FEATURE_NAMES]) if (!rows.some((r) => r.id === `server.24k.${id}`)) failed({ id: `server.24k.${id}`, group, label: `24k lines: ${id}`, unit: 'ms' }, e);
    } finally {
      await lsp?.stop();
    }
  }
  if (startupMs.length > 0) {
    add({ id: 'server.initialize', group, label: 'server start: spawn → initialize response', unit: 'ms', details: { samples: round(startupMs) } }, median(startupMs));
    rows.splice(firstRow, 0, rows.pop()!);
  }
}

/** The editor features timed on the 24k file, by the id of their row (`server.24k.<name>`). */
const FEATURE_NAMES = ['completion', 'hover', 'definition', 'references', 'highlight', 'selection', 'symbols', 'folding', 'workspace-symbols'] as const;

/** The in-process analysis time of `edits` one-line edits of a haproxy.cfg (lib/analysis-probe.ts), as a row. */
async function probeEdits(spec: RowSpec, file: string, edits: number): Promise<void> {
  log(`server: in-process analysis time of ${edits} edits (${basename(file)})`);
  try {
    const { samples } = await runProbe<{ samples: number[] }>([file, String(edits)]);
    addLatencies(spec, samples, 'Session.change + Session.run in one process (bench/lib/analysis-probe.ts, bundled like the shipped server): no transport, no quiet period; each edit\'s text made as the server\'s document store makes it');
  } catch (e) {
    // The probe uses the server's internals (lsp/session.ts): when they change it needs updating, and the row says so.
    failed(spec, e);
  }
}

async function editsAndFeatures(cfg: Config, lsp: BenchLsp, uri: string, text: string, typoLine: number, capabilities: Record<string, unknown>, group: string, file: string, analysisSpec: RowSpec): Promise<void> {
  const lines = text.split('\n');
  const editSpec: RowSpec = { id: 'server.24k.edit', group, label: `24k lines: one-line edit → diagnostics, end to end (${cfg.edits} edits)`, unit: 'ms', target: lt(30, 'ms') };
  log(`server: ${cfg.edits} one-line edits`);
  try {
    const samples: number[] = [];
    let version = 1;
    let undiagnosed = 0;
    for (const e of editPlan(lines, cfg.edits, typoLine)) {
      applyEdit(lines, e);
      const next = lsp.nextPublish(uri, () => true, 30_000);
      const t0 = lsp.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [contentChange(e)] });
      const p = await next;
      samples.push(p.at - t0);
      if (e.insert !== null && !p.diagnostics.some((d) => d.range.start.line === e.line)) undiagnosed++;
    }
    if (undiagnosed > 0) throw new Error(`${undiagnosed} of the misspelt keywords got no diagnostic`);
    addLatencies(editSpec, samples, 'includes the server\'s 15 ms quiet period before each analysis (QUIET_MS in server/src/lsp/session.ts)');
  } catch (e) {
    failed(editSpec, e);
  }

  await probeEdits(analysisSpec, file, cfg.edits);

  const rnd = prng(11);
  type Position = { line: number; character: number };
  /** A random word of the file: its middle, or its end for completion. */
  const randomWord = (atEnd: boolean): Position => {
    let line = 0;
    let words: RegExpExecArray[] = [];
    while (words.length === 0) {
      line = Math.floor(rnd() * lines.length);
      words = [...lines[line]!.matchAll(/\S+/g)];
    }
    const w = words[Math.floor(rnd() * words.length)]!;
    return { line, character: w.index! + (atEnd ? w[0].length : Math.floor(w[0].length / 2)) };
  };
  const textDocument = { uri };
  type Feature = { name: (typeof FEATURE_NAMES)[number]; capability: string; method: string; where: string; count: number; params: () => unknown };
  /** A request at a random word; `params` builds it around the position. */
  const atWord = (name: Feature['name'], capability: string, method: string, params: (position: Position) => unknown, atEnd = false): Feature => ({
    name, capability, method, where: 'at random words', count: cfg.featureRequests, params: () => params(randomWord(atEnd)),
  });
  /** A request about the whole file: fewer of them, since each answers for all 24k lines. */
  const forFile = (name: Feature['name'], capability: string, method: string, params: unknown): Feature => ({
    name, capability, method, where: 'for the whole file', count: Math.max(5, Math.round(cfg.featureRequests / 5)), params: () => params,
  });
  const features: Feature[] = [
    atWord('completion', 'completionProvider', 'textDocument/completion', (position) => ({ textDocument, position }), true),
    atWord('hover', 'hoverProvider', 'textDocument/hover', (position) => ({ textDocument, position })),
    atWord('definition', 'definitionProvider', 'textDocument/definition', (position) => ({ textDocument, position })),
    atWord('references', 'referencesProvider', 'textDocument/references', (position) => ({ textDocument, position, context: { includeDeclaration: true } })),
    atWord('highlight', 'documentHighlightProvider', 'textDocument/documentHighlight', (position) => ({ textDocument, position })),
    atWord('selection', 'selectionRangeProvider', 'textDocument/selectionRange', (position) => ({ textDocument, positions: [position] })),
    forFile('symbols', 'documentSymbolProvider', 'textDocument/documentSymbol', { textDocument }),
    forFile('folding', 'foldingRangeProvider', 'textDocument/foldingRange', { textDocument }),
    forFile('workspace-symbols', 'workspaceSymbolProvider', 'workspace/symbol', { query: 'api' }),
  ];
  for (const { name, capability, method, where, count, params } of features) {
    const spec: RowSpec = { id: `server.24k.${name}`, group, label: `24k lines: ${name} ${where} (${count} requests)`, unit: 'ms' };
    if (!capabilities[capability]) {
      notAvailable(spec, 'not implemented');
      continue;
    }
    log(`server: ${count} ${name} requests`);
    try {
      const samples: number[] = [];
      for (let i = 0; i < count; i++) samples.push((await lsp.request(method, params())).ms);
      addLatencies(spec, samples);
    } catch (e) {
      failed(spec, e);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Workspace of LB pairs

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Files that must carry each deliberate mistake's finding (the mistake's node lb2, which every mistake touches). */
function expectedFindings(dir: string, pairs: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let p = 0; p < pairs; p++) {
    const m = pairMistake(p);
    if (!m) continue;
    const file = m === 'bind' ? 'haproxy.cfg' : 'keepalived.conf';
    out.set(join(dir, `pair-${String(p).padStart(3, '0')}`, 'lb2', file), PAIR_MISTAKE_CODES[m]);
  }
  return out;
}

/**
 * The files the workspace probe types into (lib/analysis-probe.ts --workspace): one node's two, a copy open outside
 * the folder, and a template of the Ansible role open beside the workspace.
 */
type TypedFile = 'haproxy' | 'keepalived' | 'outside' | 'template';

/** The probe's arguments for a workspace of pairs, with the Ansible seed as a second folder and its keepalived template typed into. */
const workspaceProbe = (dir: string, edits: number): string[] => ['--workspace', dir, String(edits), ANSIBLE_SEED, join(ANSIBLE_SEED, 'roles', 'loadbalancer', 'templates', 'keepalived-conf.j2')];

async function suiteWorkspace(cfg: Config, dist: string): Promise<void> {
  const n = cfg.pairs;
  const dir = workspaceInput(n);
  const files = listFiles(dir);
  const group = `Workspace of ${n} LB pairs (${files.length} files, cross-file checks)`;
  const expected = expectedFindings(dir, n);
  const serverSpec: RowSpec = { id: 'workspace.server', group, label: 'server: initialize → every file\'s diagnostics published', unit: 'ms', ...(n >= 500 ? { target: lt(3000, 'ms') } : {}) };
  const rssSpec: RowSpec = { id: 'workspace.serverRss', group, label: 'peak RSS, server', unit: 'MB' };
  try {
    const samples: number[] = [];
    let peak = 0;
    for (let i = 0; i < cfg.workspaceServers; i++) {
      log(`workspace: server run ${i + 1}/${cfg.workspaceServers} on ${n} pairs`);
      const lsp = BenchLsp.spawn(join(dist, 'server.js'), node);
      try {
        const t0 = now();
        await lsp.initialize(dir);
        const all = await lsp.allPublished(new Set(files.map(fileUri)));
        // Cross-file findings of the deliberate mistakes may come in a later round: wait for them too.
        for (const [path, code] of expected) {
          const uri = fileUri(path);
          if (!lsp.latest.get(uri)?.diagnostics.some((d) => d.code === code)) await lsp.nextPublish(uri, (p) => p.diagnostics.some((d) => d.code === code), 30_000);
        }
        const last = Math.max(all, ...[...expected.keys()].map((p) => lsp.latest.get(fileUri(p))!.at));
        samples.push(last - t0);
        peak = Math.max(peak, lsp.peakRssMB() ?? 0);
      } finally {
        await lsp.stop();
      }
    }
    add({ ...serverSpec, note: 'from the initialize request, written right after spawn, to the last file\'s diagnostics (including those of the deliberate mistakes)', details: { samples: round(samples) } }, median(samples));
    addRss(rssSpec, [peak]);
  } catch (e) {
    failed(serverSpec, e);
    failed(rssSpec, e);
  }

  // Typing in one node's files: the run after a keystroke must not grow with the workspace (analysis/patch.ts).
  const editSpecs: Record<TypedFile, RowSpec> = {
    haproxy: { id: 'workspace.editHaproxy', group, label: 'one-line edit of a node\'s haproxy.cfg, analysis time (in-process)', unit: 'ms' },
    keepalived: { id: 'workspace.editKeepalived', group, label: 'one-line edit of its keepalived.conf, analysis time (in-process)', unit: 'ms' },
    outside: { id: 'workspace.editOutside', group, label: 'one-line edit of a copy open outside the folder, analysis time (in-process)', unit: 'ms' },
    template: { id: 'workspace.editTemplate', group, label: 'one-line edit of an Ansible template beside it, analysis time (in-process)', unit: 'ms' },
  };
  log(`workspace: in-process analysis time of ${cfg.edits} edits of each file of one node, of a copy outside, and of an Ansible template beside the workspace`);
  try {
    const measured = await runProbe<Record<TypedFile, number[]>>(workspaceProbe(dir, cfg.edits));
    for (const [file, spec] of Object.entries(editSpecs) as Array<[TypedFile, RowSpec]>) {
      addLatencies(spec, measured[file], 'the files of pair-007/lb1, a copy of its haproxy.cfg checked on its own, and the keepalived template of an Ansible role (test/seeds/001-ansible-role) open as a second folder, edited in turn; Session.change + Session.run in one process (bench/lib/analysis-probe.ts)');
    }
  } catch (e) {
    for (const spec of Object.values(editSpecs)) failed(spec, e);
  }

  const cliSpec: RowSpec = { id: 'workspace.cli', group, label: `hapair check on the folder (median of ${cfg.runs})`, unit: 'ms' };
  const cliRss: RowSpec = { id: 'workspace.cliRss', group, label: 'peak RSS, hapair check', unit: 'MB' };
  const findingsSpec: RowSpec = { id: 'workspace.findings', group, label: 'findings reported', unit: 'count', compare: 'none' };
  try {
    log(`workspace: ${cfg.runs} runs of hapair check on ${n} pairs`);
    const runs: Measured[] = [];
    for (let i = 0; i < cfg.runs; i++) runs.push(await measure([node, join(dist, 'cli.js'), 'check', dir, '--format', 'json']));
    checkHapairRuns(runs, `on the ${n}-pair workspace`);
    const diags = (JSON.parse(runs[0]!.stdout) as { diagnostics: Array<{ file: string; code: string }> }).diagnostics;
    const missing = [...expected].filter(([path, code]) => !diags.some((d) => resolve(d.file) === path && d.code === code));
    if (missing.length > 0) throw new Error(`hapair check missed ${missing.length} deliberate mistakes, e.g. ${missing[0]![1]} in ${missing[0]![0]}`);
    add({ ...cliSpec, details: { samples: round(runs.map((m) => m.ms)) } }, median(runs.map((m) => m.ms)));
    addRss(cliRss, runs.map((m) => m.rssMB));
    add({ ...findingsSpec, display: `${diags.length} (in ${expected.size} pairs with a deliberate mistake)` }, diags.length);
  } catch (e) {
    for (const sp of [cliSpec, cliRss, findingsSpec]) if (!rows.some((r) => r.id === sp.id)) failed(sp, e);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Extension and sizes

async function suiteExtension(cfg: Config, dist: string): Promise<void> {
  const group = 'VS Code extension';
  const spec: RowSpec = { id: 'extension.activation', group, label: `activation: require(client.js) + activate() (median of ${cfg.activationRuns})`, unit: 'ms', target: lt(50, 'ms') };
  try {
    log(`extension: ${cfg.activationRuns} activations with a stub vscode module`);
    const results: Array<{ requireMs: number; activateMs: number; totalMs: number; clientLoadMs: number }> = [];
    for (let i = 0; i < cfg.activationRuns; i++) {
      const r = spawnSync(node, [join(ROOT, 'bench', 'lib', 'activation.cjs'), dist], { encoding: 'utf8', timeout: 60_000 });
      const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { requireMs: number; activateMs: number; totalMs: number; clientLoadMs: number; error?: string };
      if (out.error || r.status !== 0) throw new Error(out.error ?? `activation probe exited ${r.status}: ${r.stderr.trim().slice(0, 200)}`);
      results.push(out);
    }
    const total = median(results.map((r) => r.totalMs));
    const req = median(results.map((r) => r.requireMs));
    const act = median(results.map((r) => r.activateMs));
    add(
      {
        ...spec,
        display: `${formatValue(total, 'ms')} (require ${formatValue(req, 'ms')} + activate ${formatValue(act, 'ms')})`,
        note: 'in a fresh node process with a stub vscode module (bench/lib/activation.cjs); the language server start is not awaited, as in VS Code',
        details: { requireMs: req, activateMs: act, samples: round(results.map((r) => r.totalMs)) },
      },
      total,
    );
    add(
      {
        id: 'extension.client-load',
        group,
        label: 'language client library, loaded right after activation (median)',
        unit: 'ms',
        note: 'dist/language-client.js (vscode-languageclient) is required in the turn after activate() returns; it is off the activation path but still runs in the extension host',
      },
      median(results.map((r) => r.clientLoadMs)),
    );
  } catch (e) {
    failed(spec, e);
  }
}

function suiteSize(dist: string, packageError: string | undefined): void {
  const group = 'Bundle sizes (production build)';
  for (const f of ['client.js', 'language-client.js', 'server-bundle.js', 'cli-bundle.js']) {
    add({ id: `size.${f.replace(/(-bundle)?\.js$/, '')}`, group, label: `dist/${f}`, unit: 'KB' }, statSync(join(dist, f)).size / 1024);
  }
  const vsix: RowSpec = { id: 'size.vsix', group, label: 'dist/hapair.vsix', unit: 'KB', target: lt(1024, 'KB') };
  if (packageError) failed(vsix, packageError);
  else add(vsix, statSync(join(dist, 'hapair.vsix')).size / 1024);
}

// ---------------------------------------------------------------------------------------------------------
// Scaling

/**
 * Per shape of lib/scaling.ts, interleaved runs of `hapair check` at n and GROWTH n, and the ratio of their medians
 * (the findings reported at each size are kept in the details: a shape that stopped producing them may no longer
 * reach the code it was made for).
 */
async function suiteScaling(dist: string): Promise<void> {
  const group = `Scaling: hapair check at n and ${GROWTH}n (whole process, median of ${SCALING_RUNS} interleaved runs each)`;
  const check = (input: string) => [node, join(dist, 'cli.js'), 'check', input, '--format', 'json'];
  const findings = (m: Measured) => (JSON.parse(m.stdout) as { diagnostics: unknown[] }).diagnostics.length;
  for (const { shape, n } of SCALING) {
    const large = GROWTH * n;
    const spec: RowSpec = {
      id: `scaling.${shape}`,
      group,
      label: `${shape}: ${n.toLocaleString('en')} → ${large.toLocaleString('en')}, time ratio`,
      unit: 'x',
      compare: 'ratio',
      target: lt(MAX_GROWTH, 'x'),
    };
    try {
      log(`scaling: ${SCALING_RUNS} interleaved runs of hapair check on ${shape} at n = ${n} and ${large}`);
      const r = await interleaved(check(scalingInput(shape, n)), check(scalingInput(shape, large)), SCALING_RUNS);
      checkHapairRuns(r.a, `on ${shape} at n = ${n}`);
      checkHapairRuns(r.b, `on ${shape} at n = ${large}`);
      const [small, big] = [median(r.a.map((m) => m.ms)), median(r.b.map((m) => m.ms))];
      add(
        {
          ...spec,
          display: `${formatValue(big / small, 'x')} (${formatValue(small, 'ms')} → ${formatValue(big, 'ms')})`,
          details: {
            what: SCALE_SHAPES[shape]?.what,
            n,
            samples: round(r.a.map((m) => m.ms)),
            [`samples${GROWTH}n`]: round(r.b.map((m) => m.ms)),
            findings: [findings(r.a[0]!), findings(r.b[0]!)],
          },
        },
        big / small,
      );
    } catch (e) {
      failed(spec, e);
    }
  }
  await typingScaling();
}

/** One-line edits of one node's files in workspaces of n and GROWTH n pairs: the p50 of each size, and their ratio. */
async function typingScaling(): Promise<void> {
  const [n, large] = [TYPING_PAIRS, GROWTH * TYPING_PAIRS];
  const group = `Scaling: one-line edits in a workspace of n and ${GROWTH}n LB pairs (in-process analysis time, p50 of ${TYPING_EDITS} edits)`;
  const names: Record<TypedFile, string> = { haproxy: 'haproxy.cfg', keepalived: 'keepalived.conf', outside: 'haproxy.cfg open outside the folder', template: 'the Ansible role\'s keepalived template' };
  const specs = Object.entries(names).map(([file, name]): [TypedFile, RowSpec] => [
    file as TypedFile,
    { id: `scaling.typing_${file}`, group, label: `${name}: ${n.toLocaleString('en')} → ${large.toLocaleString('en')} pairs, time ratio`, unit: 'x', compare: 'ratio', target: lt(MAX_TYPING_GROWTH, 'x') },
  ]);
  try {
    const measured: Array<Record<TypedFile, number[]>> = [];
    for (const pairs of [n, large]) {
      log(`scaling: in-process analysis time of ${TYPING_EDITS} edits of each file of one node, of a copy outside, and of an Ansible template, in a workspace of ${pairs} pairs beside the role`);
      measured.push(await runProbe(workspaceProbe(workspaceInput(pairs), TYPING_EDITS)));
    }
    for (const [file, spec] of specs) {
      const [small, big] = measured.map((m) => median(m[file]));
      add({ ...spec, display: `${formatValue(big! / small!, 'x')} (${formatValue(small!, 'ms')} → ${formatValue(big!, 'ms')})`, details: { n, samples: round(measured[0]![file]), [`samples${GROWTH}n`]: round(measured[1]![file]) } }, big! / small!);
    }
  } catch (e) {
    for (const [, spec] of specs) failed(spec, e);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Running suites

/** How many times the suites of rows 3x worse than the baseline are run again before those rows count. */
const RECHECKS = 2;
/** The suite that measured each row. */
const suiteOf = new Map<string, Suite>();

/**
 * Runs the named suites in order and returns their rows, the calibration row last: the fixed workload is timed
 * before the first suite and after each one, so each run of suites is judged by how fast the machine was then.
 */
async function runSuites(names: readonly Suite[], suites: Record<Suite, () => Promise<void> | void>): Promise<Row[]> {
  const first = rows.length;
  const cal = calibrate();
  for (const name of names) {
    const before = rows.length;
    await suites[name]();
    for (const row of rows.slice(before)) suiteOf.set(row.id, name);
    cal.push(...calibrate());
  }
  add(
    {
      id: CALIBRATION_ID,
      group: 'Machine',
      label: 'calibration: fixed CPU workload between suites (median)',
      unit: 'ms',
      compare: 'none',
      note: 'how fast this machine was during the run; absolute figures may grow by 3x times the slowdown against the baseline before they count as a regression',
      details: { samples: round(cal), sink: calibrationSink() },
    },
    median(cal),
  );
  return rows.splice(first);
}

function machine(since: CpuTicks | undefined): Results['machine'] {
  const steal = stealPercent(since);
  const haproxy = process.env.HAPAIR_HAPROXY ?? which('haproxy');
  const keepalived = process.env.HAPAIR_KEEPALIVED ?? which('keepalived');
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryMB: Math.round(totalmem() / 1024 / 1024),
    node: runtimeVersion(node),
    os: `${type()} ${release()}`,
    ...(haproxy ? { haproxy: versionOf(haproxy, ['-v']) } : {}),
    ...(keepalived ? { keepalived: versionOf(keepalived, ['-v']) } : {}),
    ...(steal !== undefined ? { stealPercent: steal } : {}),
  };
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const cfg = opts.config;
  const started = now();
  const ticks = cpuTicks();
  pruneCache();
  try {
    node = resolveRuntime(opts.node);
  } catch (e) {
    usage((e as Error).message);
  }
  let dist: string | undefined;
  let packageError: string | undefined;
  try {
    packageError = ensurePackaged();
    dist = snapshotDist();
  } catch (e) {
    failed({ id: 'setup', group: 'Setup', label: 'production build and .vsix', unit: 'count', compare: 'none' }, e);
  }
  let run: ((names: readonly Suite[]) => Promise<Row[]>) | undefined;
  if (dist) {
    const suites: Record<Suite, () => Promise<void> | void> = {
      cli: () => suiteCli(cfg, dist),
      keepalived: () => suiteKeepalived(cfg, dist),
      server: () => suiteServer(cfg, dist),
      workspace: () => suiteWorkspace(cfg, dist),
      extension: () => suiteExtension(cfg, dist),
      size: () => suiteSize(dist, packageError),
      scaling: () => suiteScaling(dist),
    };
    run = (names) => runSuites(names, suites);
    rows.push(...(await run(SUITES.filter((name) => opts.only.has(name)))));
    if (!opts.only.has('size') && packageError) failed({ id: 'setup', group: 'Setup', label: 'npm run package', unit: 'count', compare: 'none' }, packageError);
  }

  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();
  const results: Results = { schema: 1, mode: cfg.mode, date: new Date().toISOString(), ...(git ? { git } : {}), machine: machine(ticks), durationS: Math.round((now() - started) / 100) / 10, rows };
  const m = results.machine;
  process.stdout.write(`\nhapair benchmark (${cfg.mode}) on ${m.cpu}, ${m.cores} cores, ${Math.round(m.memoryMB / 1024)} GB, Node ${m.node}${m.haproxy ? `; ${m.haproxy.split(' - ')[0]}` : ''}${m.keepalived ? `; ${m.keepalived}` : ''}${m.stealPercent ? `; CPU steal ${m.stealPercent}% of busy time` : ''}\n\n`);
  process.stdout.write(formatTable(rows) + '\n\n');
  const notes = rows.filter((r) => r.note && r.status !== 'n/a' && r.status !== 'error');
  for (const r of notes) process.stdout.write(`* ${r.label.replace(/ \(.*\)$/, '')}: ${r.note}\n`);
  process.stdout.write(`* peak RSS: CLI processes by ${rssMethod()}, servers by VmHWM in /proc/PID/status; inputs cached in ${cacheDir()}\n\n`);
  const failing = rows.filter((r) => r.status === 'FAIL');
  process.stdout.write(`${rows.filter((r) => r.status === 'pass').length} targets met, ${failing.length} missed${failing.length ? ` (${failing.map((r) => r.id).join(', ')})` : ''}; ${results.durationS} s\n`);

  if (existsSync(opts.baseline)) {
    const baseline = JSON.parse(readFileSync(opts.baseline, 'utf8')) as Results;
    if (baseline.machine.node !== m.node) process.stdout.write(`the baseline ran on Node ${baseline.machine.node}, this run on ${m.node}: absolute figures differ by runtime too\n`);
    let regressions = findRegressions(baseline, results);
    const dismissed: Regression[] = [];
    // A regression counts when re-runs of its suite show it too (recheckRegressions says why).
    for (let attempt = 1; run && !opts.updateBaseline && regressions.length > 0 && attempt <= RECHECKS; attempt++) {
      const again = SUITES.filter((name) => regressions.some((r) => suiteOf.get(r.id) === name));
      log(`${regressions.length} row(s) 3x worse than the baseline: re-running ${again.join(', ')} (${attempt}/${RECHECKS})`);
      const rerun = await run(again);
      const split = recheckRegressions(baseline, regressions, { rows: rerun });
      regressions = split.confirmed;
      dismissed.push(...split.dismissed);
    }
    results.regressions = regressions;
    results.dismissed = dismissed;
    const where = relative(process.cwd(), opts.baseline);
    const figures = (r: Regression) => `${r.baseline.toFixed(2)} → ${[r.value, ...(r.reruns ?? [])].map((v) => v.toFixed(2)).join(', then ')}`;
    for (const r of dismissed) process.stdout.write(`not a regression: ${r.label}: ${figures(r)} (3x worse at first, within bounds when re-run)\n`);
    if (regressions.length === 0) process.stdout.write(`no 3x regression against ${where} (${baseline.date.slice(0, 10)}, ${baseline.git ?? 'unknown commit'})\n`);
    else {
      process.stdout.write(`${regressions.length} regression(s) against ${where}, in every run:\n`);
      for (const r of regressions) process.stdout.write(`  ${r.label}: ${figures(r)} (${r.factor.toFixed(1)}x)\n`);
    }
  }

  mkdirSync(dirname(opts.json), { recursive: true });
  writeFileSync(opts.json, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`wrote ${relative(process.cwd(), opts.json) || opts.json}\n`);

  const errs = errors(results);
  if (opts.updateBaseline) {
    if (errs.length > 0) process.stdout.write(`not updating ${relative(process.cwd(), opts.baseline)}: some measurements failed\n`);
    else {
      // With --only, the other suites' rows of the existing baseline are kept.
      let merged: Results = { ...results, regressions: undefined, dismissed: undefined };
      if (opts.only.size < suitesOf(cfg.mode).length && existsSync(opts.baseline)) {
        const old = JSON.parse(readFileSync(opts.baseline, 'utf8')) as Results;
        const fresh = new Set(results.rows.map((r) => r.id));
        merged = { ...merged, rows: [...old.rows.filter((r) => !fresh.has(r.id)), ...results.rows] };
      }
      writeFileSync(opts.baseline, JSON.stringify(merged, null, 2) + '\n');
      process.stdout.write(`updated ${relative(process.cwd(), opts.baseline)}\n`);
    }
  }
  if (errs.length > 0) process.stdout.write(`${errs.length} measurement(s) failed: ${errs.map((r) => r.id).join(', ')}\n`);
  process.exitCode = errs.length > 0 || (opts.check && (results.regressions?.length ?? 0) > 0) ? 1 : 0;
}

await main();
