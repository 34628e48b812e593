// Test-only extension: runs the bundled mocha suite (test/e2e/suite/*.test.ts, bundled into
// dist/suite/*.test.js next to this file's bundle) inside the editor's extension host, with the full
// `vscode` API, and writes the outcome as JSON to $HAPAIR_E2E_RESULT.
//
// Two ways in, one run per extension host:
// - code-server: the extension sits in code-server's extensions folder and activates on
//   onStartupFinished once the browser page has connected; activate() starts the run. It does
//   nothing at all when HAPAIR_E2E_RESULT is not set, so an accidental install is harmless.
// - @vscode/test-electron: this bundle is the extensionTestsPath; VS Code calls run(), which throws
//   when a test failed (so the editor exits non-zero) after writing the same result file.
//
// Environment (set by the launchers in test/e2e/harness and test/e2e/electron.ts):
//   HAPAIR_E2E_RESULT   where to write {passed, failed, failures:[{title, error}], durationMs} (required)
//   HAPAIR_E2E_LOG      file to append progress lines to (optional)
//   HAPAIR_E2E_SUITE    comma-separated suite names (`smoke` for suite/smoke.test.ts) or absolute
//                       paths of bundled .js suite files; default: every dist/suite/*.test.js
//   HAPAIR_E2E_GREP     only tests whose full title contains this text (optional)
//   HAPAIR_E2E_TEST_TIMEOUT_MS  mocha's per-test timeout (default 60000)

import * as vscode from 'vscode';
import Mocha from 'mocha';
import { appendFileSync, existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface E2EFailure {
  title: string;
  error: string;
}

/** The result file's content. */
export interface E2EResultFile {
  passed: number;
  failed: number;
  failures: E2EFailure[];
  durationMs: number;
}

const SUITE_DIR = join(__dirname, 'suite');
const MAX_ERROR_CHARS = 8000;

let running: Promise<E2EResultFile> | undefined;

export function activate(_context: vscode.ExtensionContext): void {
  if (!process.env.HAPAIR_E2E_RESULT) return;
  void runOnce();
}

export function deactivate(): void {
  /* nothing to clean up */
}

/** Entry point for @vscode/test-electron (extensionTestsPath). */
export async function run(): Promise<void> {
  if (!process.env.HAPAIR_E2E_RESULT) throw new Error('HAPAIR_E2E_RESULT is not set: nowhere to write the e2e result');
  const result = await runOnce();
  if (result.failed > 0) throw new Error(`${result.failed} e2e test(s) failed: ${result.failures.map((f) => f.title).join('; ')}`);
  if (result.passed === 0) throw new Error('no e2e test ran');
}

/** Starts the suite the first time it is called; later calls get the same run. */
function runOnce(): Promise<E2EResultFile> {
  running ??= runSuite();
  return running;
}

function log(line: string): void {
  const logFile = process.env.HAPAIR_E2E_LOG;
  console.log(`[hapair-e2e] ${line}`);
  if (!logFile) return;
  try {
    appendFileSync(logFile, line + '\n');
  } catch {
    /* the log is best effort; the result file is what counts */
  }
}

let bundleInfo: { suiteDir: string; repoRoot: string } | null | undefined;

/** A source path from a suite's map, as it is in the repository (the bundle may have been copied). */
function sourcePath(resolved: string): string {
  if (bundleInfo === undefined) {
    try {
      bundleInfo = JSON.parse(readFileSync(join(__dirname, 'bundle-info.json'), 'utf8')) as { suiteDir: string; repoRoot: string };
    } catch {
      bundleInfo = null;
    }
  }
  if (!bundleInfo) return resolved;
  const original = resolve(bundleInfo.suiteDir, relative(SUITE_DIR, resolved));
  const inRepo = relative(bundleInfo.repoRoot, original);
  return inRepo.startsWith('..') ? original : inRepo;
}

/**
 * Rewrites stack frames in the bundled suites to their .ts source lines (test/e2e/suite/x.test.ts:12:5).
 * The extension host formats stacks itself, so Node's own source-map support does not apply; the
 * inline maps are read with node:module's findSourceMap (suites load after setSourceMapsEnabled).
 */
function mapStack(text: string): string {
  return text.replace(/(?:[^\s()]*[\\/])?dist[\\/]suite[\\/]([\w.-]+\.js):(\d+):(\d+)/g, (whole, file: string, line: string, col: string) => {
    try {
      const map = findSourceMap(join(SUITE_DIR, file));
      const entry = map?.findEntry(Number(line) - 1, Number(col) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
      if (!entry?.originalSource || entry.originalLine === undefined) return whole;
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : entry.originalSource;
      return `${sourcePath(source)}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
    } catch {
      return whole;
    }
  });
}

function describeError(err: unknown): string {
  let text: string;
  if (err instanceof Error) {
    text = err.stack ?? `${err.name}: ${err.message}`;
    // Node's assert puts the diff in the message; make sure it is kept even when the stack omits it.
    if (!text.includes(err.message)) text = `${err.message}\n${text}`;
  } else {
    text = String(err);
  }
  text = mapStack(text);
  return text.length > MAX_ERROR_CHARS ? text.slice(0, MAX_ERROR_CHARS) + '\n…(truncated)' : text;
}

function writeResult(result: E2EResultFile): void {
  const path = process.env.HAPAIR_E2E_RESULT;
  if (!path) return;
  // Write then rename, so the launcher polling for the file never reads half of it.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(result, null, 2) + '\n');
  renameSync(tmp, path);
}

/** Bundled suite files selected by $HAPAIR_E2E_SUITE (all of them by default). */
function suiteFiles(): string[] {
  const available = existsSync(SUITE_DIR)
    ? readdirSync(SUITE_DIR)
        .filter((f) => f.endsWith('.test.js'))
        .sort()
        .map((f) => join(SUITE_DIR, f))
    : [];
  const wanted = (process.env.HAPAIR_E2E_SUITE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (wanted.length === 0) return available;
  const files: string[] = [];
  for (const w of wanted) {
    if (isAbsolute(w)) {
      if (!existsSync(w)) throw new Error(`suite file ${w} does not exist`);
      files.push(w);
      continue;
    }
    const name = w.replace(/\.test\.(ts|js)$/, '');
    const match = available.find((f) => basename(f) === `${name}.test.js`);
    if (!match) throw new Error(`no suite named '${w}' in ${SUITE_DIR} (have: ${available.map((f) => basename(f, '.test.js')).join(', ') || 'none'})`);
    files.push(match);
  }
  return files;
}

async function runSuite(): Promise<E2EResultFile> {
  const started = Date.now();
  const failures: E2EFailure[] = [];
  let passed = 0;
  try {
    process.setSourceMapsEnabled?.(true);
    log(`runner: started in ${vscode.env.appName} ${vscode.version} (${vscode.env.appHost}), node ${process.version}, pid ${process.pid}`);
    const files = suiteFiles();
    if (files.length === 0) throw new Error(`no suite files (*.test.js) in ${SUITE_DIR}: run the e2e bundle step first`);
    log(`runner: suite files: ${files.map((f) => basename(f)).join(', ')}`);

    const mocha = new Mocha({
      ui: 'tdd',
      color: false,
      timeout: Number(process.env.HAPAIR_E2E_TEST_TIMEOUT_MS ?? 60_000),
      reporter: Mocha.reporters.Base,
    });
    const grep = process.env.HAPAIR_E2E_GREP;
    if (grep) mocha.grep(grep);
    for (const f of files) mocha.addFile(f);

    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('suite', (s) => {
        if (s.title) log(`${'  '.repeat(depth(s))}${s.title}`);
      });
      runner.on('pass', (t) => {
        passed++;
        log(`${'  '.repeat(depth(t))}ok ${t.title} (${t.duration ?? 0} ms)`);
      });
      runner.on('fail', (t, err) => {
        failures.push({ title: t.fullTitle(), error: describeError(err) });
        log(`${'  '.repeat(depth(t))}FAILED ${t.title}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      });
      runner.on('pending', (t) => log(`${'  '.repeat(depth(t))}skipped ${t.title}`));
    });
  } catch (err) {
    // A suite file that does not load, a bad suite name, or a runner bug: still a result, never a hang.
    failures.push({ title: 'hapair e2e runner', error: describeError(err) });
    log(`runner: error: ${describeError(err)}`);
  }
  const result: E2EResultFile = { passed, failed: failures.length, failures, durationMs: Date.now() - started };
  log(`runner: ${result.passed} passed, ${result.failed} failed in ${result.durationMs} ms`);
  try {
    writeResult(result);
  } catch (err) {
    log(`runner: cannot write the result file: ${describeError(err)}`);
  }
  return result;
}

function depth(r: { parent?: Mocha.Suite | undefined }): number {
  let n = 0;
  for (let p = r.parent; p && !p.root; p = p.parent) n++;
  return n;
}
