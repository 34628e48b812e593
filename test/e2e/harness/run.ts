// One e2e run in code-server + headless Chromium:
//   bundle the runner and suites -> private copy of the workspace -> private code-server folders with
//   the runner extension (and the packaged hapair .vsix when there is one) -> code-server -> Chromium
//   opens the workbench on the folder -> the runner extension activates (onStartupFinished), runs the
//   mocha suite and writes the result file -> screenshot -> stop everything.
// Log, result and screenshots go to test-results/e2e/ (gitignored):
//   code-server.log           launcher steps, mocha's progress, code-server's output, browser errors
//   code-server-result.json   the runner's result file
//   code-server.png           the editor at the end of a green run
//   code-server-failure.png   the editor when a test failed or the run broke

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { E2EResultFile } from '../runner-extension/src/extension.js';
import { openEditor, type Editor } from './browser.js';
import { bundleE2E, REPO_ROOT, RUNNER_EXTENSION_DIR } from './bundle.js';
import type { E2EInstall } from './install.js';
import { addUnpackedExtension, installVsix, prepareRunDirs, startCodeServer, type CodeServer } from './launch.js';

export type { E2EResultFile } from '../runner-extension/src/extension.js';

export const DEFAULT_VSIX = join(REPO_ROOT, 'dist', 'hapair.vsix');
export const DEFAULT_WORKSPACE = join(REPO_ROOT, 'examples', 'k8s-api-pair');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');

export interface E2EOptions {
  /** Packaged extension to install. Default dist/hapair.vsix; when the file is missing only the runner is installed. */
  vsix?: string;
  /** Folder whose temporary copy is opened as the workspace. Default examples/k8s-api-pair. */
  workspace?: string;
  /** Suite names (`smoke` for test/e2e/suite/smoke.test.ts); default all. */
  suite?: string[];
  /** Only tests whose full title contains this. */
  grep?: string;
  /** Mocha's per-test timeout (default 60 s). */
  testTimeoutMs?: number;
  /** Overall limit for the suite once the workbench is up (default 10 min). */
  suiteTimeoutMs?: number;
  /** Where the log, result and screenshots go (default test-results/e2e). */
  outDir?: string;
  /** Keep the run's temporary folder (for debugging). */
  keep?: boolean;
  /** Progress lines (also written to the log file). */
  onLog?: (line: string) => void;
}

export interface E2ERun {
  result: E2EResultFile;
  logFile: string;
  resultFile: string;
  screenshot?: string;
  /** Text of the Problems panel at the end of the run ('' when it was not open). */
  problemsPanel?: string;
  /** Requests the page tried to make to other origins (blocked). */
  blocked: string[];
  /** Whether the hapair .vsix was installed (false: runner only). */
  vsixInstalled: boolean;
}

/** Settings for a run from the environment: HAPAIR_E2E_VSIX, _WORKSPACE, _SUITE, _GREP, _KEEP. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): E2EOptions {
  const o: E2EOptions = {};
  if (env.HAPAIR_E2E_VSIX) o.vsix = resolve(env.HAPAIR_E2E_VSIX);
  if (env.HAPAIR_E2E_WORKSPACE) o.workspace = resolve(env.HAPAIR_E2E_WORKSPACE);
  if (env.HAPAIR_E2E_SUITE) o.suite = env.HAPAIR_E2E_SUITE.split(',').map((s) => s.trim()).filter(Boolean);
  if (env.HAPAIR_E2E_GREP) o.grep = env.HAPAIR_E2E_GREP;
  if (env.HAPAIR_E2E_KEEP === '1') o.keep = true;
  return o;
}

/** A log that keeps its lines for the log file and passes them on. */
export class RunLog {
  readonly lines: string[] = [];
  private readonly started = Date.now();
  constructor(private readonly onLog?: (line: string) => void) {}
  line = (text: string): void => {
    const l = `[${((Date.now() - this.started) / 1000).toFixed(1).padStart(6)} s] ${text}`;
    this.lines.push(l);
    this.onLog?.(text);
  };
}

/** Copies the workspace folder into runDir (the suite may change files); returns the copy's path. */
export function copyWorkspace(source: string, runDir: string): string {
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new Error(`workspace folder ${source} does not exist`);
  const target = join(runDir, 'workspace', basename(source));
  cpSync(source, target, { recursive: true });
  return target;
}

/** Env variables that tell the runner extension what to run and where to write. */
export function runnerEnv(resultFile: string, logFile: string, o: E2EOptions): Record<string, string> {
  const env: Record<string, string> = { HAPAIR_E2E_RESULT: resultFile, HAPAIR_E2E_LOG: logFile };
  if (o.suite?.length) env.HAPAIR_E2E_SUITE = o.suite.join(',');
  if (o.grep) env.HAPAIR_E2E_GREP = o.grep;
  if (o.testTimeoutMs) env.HAPAIR_E2E_TEST_TIMEOUT_MS = String(o.testTimeoutMs);
  return env;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Waits for the runner's result file: polls every 200 ms, fails fast when one of `aborts` resolves
 * (code-server exited, page crashed), when the runner has not started (no progress log) within
 * activationTimeoutMs, or when the whole suite takes longer than timeoutMs.
 */
export async function waitForResult(opts: {
  resultFile: string;
  progressLog: string;
  aborts: Promise<string>[];
  activationTimeoutMs: number;
  timeoutMs: number;
}): Promise<E2EResultFile> {
  let aborted: string | undefined;
  for (const a of opts.aborts) void a.then((why) => (aborted ??= why));
  const started = Date.now();
  for (;;) {
    if (existsSync(opts.resultFile)) return JSON.parse(readFileSync(opts.resultFile, 'utf8')) as E2EResultFile;
    const tail = () => readText(opts.progressLog).trimEnd().split('\n').slice(-5).join('\n');
    if (aborted) throw new Error(`${aborted} before the runner wrote its result. Last progress:\n${tail()}`);
    const waited = Date.now() - started;
    if (!existsSync(opts.progressLog) && waited > opts.activationTimeoutMs) {
      throw new Error(`the runner extension did not start within ${opts.activationTimeoutMs / 1000} s after the workbench appeared (not installed, or the extension host did not come up)`);
    }
    if (waited > opts.timeoutMs) throw new Error(`no result after ${opts.timeoutMs / 1000} s. Last progress:\n${tail()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The extension host's log files under a user-data folder (for failure reports). */
function extensionHostLogs(userDataDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 5 || !existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, depth + 1);
      else if (/exthost.*\.log$/i.test(name) && !/telemetry/i.test(name) && statSync(p).size > 0) out.push(p);
    }
  };
  walk(join(userDataDir, 'logs'), 0);
  return out;
}

export function formatFailures(result: E2EResultFile): string {
  return result.failures.map((f, i) => `${i + 1}) ${f.title}\n${f.error.replace(/^/gm, '   ')}`).join('\n\n');
}

/** Runs the e2e suite once in code-server + headless Chromium. Throws when the run itself breaks. */
export async function runInCodeServer(install: E2EInstall, o: E2EOptions = {}): Promise<E2ERun> {
  const name = 'code-server';
  const outDir = o.outDir ?? RESULTS_DIR;
  mkdirSync(outDir, { recursive: true });
  const logFile = join(outDir, `${name}.log`);
  const resultCopy = join(outDir, `${name}-result.json`);
  const greenShot = join(outDir, `${name}.png`);
  const failShot = join(outDir, `${name}-failure.png`);
  for (const f of [logFile, resultCopy, greenShot, failShot]) rmSync(f, { force: true });

  const log = new RunLog(o.onLog);
  const runDir = mkdtempSync(join(tmpdir(), 'hapair-e2e-'));
  const resultFile = join(runDir, 'result.json');
  const progressLog = join(runDir, 'mocha.log');
  let server: CodeServer | undefined;
  let editor: Editor | undefined;
  let screenshot: string | undefined;
  let vsixInstalled = false;
  let failed = true;
  let userDataDir = '';
  try {
    log.line(`run folder ${runDir}; code-server ${install.codeServerVersion}, node ${install.node}`);
    const bundle = await bundleE2E();
    log.line(`bundled the runner and ${bundle.suites.length} suite file(s): ${bundle.suites.map((s) => basename(s)).join(', ')}`);
    const folder = copyWorkspace(o.workspace ?? DEFAULT_WORKSPACE, runDir);
    log.line(`workspace: ${folder} (copy of ${o.workspace ?? DEFAULT_WORKSPACE})`);

    const dirs = prepareRunDirs(join(runDir, 'code-server'));
    userDataDir = dirs.userDataDir;
    const manifest = JSON.parse(readFileSync(join(RUNNER_EXTENSION_DIR, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    const runnerCopy = addUnpackedExtension(dirs, RUNNER_EXTENSION_DIR, manifest);
    log.line(`runner extension copied to ${runnerCopy}`);
    const vsix = o.vsix ?? DEFAULT_VSIX;
    if (existsSync(vsix)) {
      await installVsix(install, dirs, vsix, log.line);
      vsixInstalled = true;
      log.line(`installed ${vsix}`);
    } else {
      log.line(`NOTE: ${vsix} not found: only the runner extension is installed (run \`npm run package\` first to test hapair itself)`);
    }

    server = await startCodeServer(install, dirs, { env: runnerEnv(resultFile, progressLog, o), log: log.line });
    editor = await openEditor({
      chromium: install.chromium,
      origin: server.origin,
      folder,
      log: log.line,
      failureScreenshot: failShot,
      homeDir: join(runDir, 'chromium'),
    });
    const result = await waitForResult({
      resultFile,
      progressLog,
      aborts: [server.exited.then((how) => `code-server ${how}`), editor.gone],
      activationTimeoutMs: 120_000,
      timeoutMs: o.suiteTimeoutMs ?? 10 * 60_000,
    });
    writeFileSync(resultCopy, JSON.stringify(result, null, 2) + '\n');
    failed = result.failed > 0 || result.passed === 0;
    screenshot = failed ? failShot : greenShot;
    await editor.screenshot(screenshot);
    // What the Problems panel shows on screen (the suite leaves it open), for the launcher to assert on.
    const problemsPanel = await editor.page.evaluate(() => {
      // Runs in the page; the repository's TypeScript has no DOM types.
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { innerText: string } | null } }).document;
      return doc.querySelector('.markers-panel')?.innerText ?? '';
    }).catch(() => '');
    log.line(`problems panel: ${problemsPanel.replace(/\s+/g, ' ').slice(0, 400)}`);
    log.line(`result: ${result.passed} passed, ${result.failed} failed in ${result.durationMs} ms; screenshot ${screenshot}`);
    return { result, logFile, resultFile: resultCopy, screenshot, blocked: editor.blocked, vsixInstalled, problemsPanel };
  } catch (err) {
    log.line(`ERROR: ${(err as Error).message}`);
    if (editor && !existsSync(failShot)) {
      await editor.screenshot(failShot).then(
        () => log.line(`screenshot ${failShot}`),
        () => undefined,
      );
    }
    const shot = existsSync(failShot) ? `; screenshot ${failShot}` : '';
    throw new Error(`e2e run in code-server failed: ${(err as Error).message}\n(log ${logFile}${shot})`);
  } finally {
    await editor?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    const sections = [
      log.lines.join('\n'),
      `--- mocha (runner extension) ---\n${readText(progressLog).trimEnd()}`,
      `--- code-server output ---\n${server?.output().trimEnd() ?? '(not started)'}`,
    ];
    if (editor) sections.push(`--- browser console errors (${editor.consoleErrors.length}) ---\n${editor.consoleErrors.join('\n')}`);
    if (editor?.blocked.length) sections.push(`--- blocked requests to other origins (${editor.blocked.length}) ---\n${editor.blocked.join('\n')}`);
    if (failed && userDataDir) {
      for (const f of extensionHostLogs(userDataDir)) sections.push(`--- ${f} ---\n${readText(f).trimEnd()}`);
    }
    writeFileSync(logFile, sections.join('\n\n') + '\n');
    if (o.keep) log.line(`kept ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  }
}
