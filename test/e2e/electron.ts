// The same e2e suite under @vscode/test-electron, for machines that can download VS Code:
//   node --import tsx test/e2e/electron.ts [--vsix FILE] [--workspace DIR] [--suite a,b] [--grep TEXT]
//                                          [--vscode-version stable|1.91.0] [--keep]
// (also HAPAIR_E2E_VSIX, _WORKSPACE, _SUITE, _GREP, _KEEP=1 and HAPAIR_E2E_VSCODE_VERSION).
//
// - Without --vsix: builds the product (build.mjs) and loads the repository as the extension under
//   development (--extensionDevelopmentPath). With --vsix: installs that package into a private
//   extensions folder first (the runner extension folder stands in as the development extension).
// - The runner bundle is the extensionTestsPath: VS Code calls its run(), which runs the mocha suite,
//   writes the result file and throws on failures.
// - VS Code is downloaded into the e2e cache (${XDG_CACHE_HOME:-~/.cache}/hapair-e2e/vscode), user
//   data and extensions go to a temporary folder, the workspace is a temporary copy.
// - Linux without a display: re-runs itself under xvfb-run when that is installed (apt-get install xvfb).
// Output: test-results/e2e/electron.log and electron-result.json. Exit status 0 only when green.

import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { which } from '../support/real-programs.js';
import { bundleE2E, REPO_ROOT, RUNNER_EXTENSION_DIR } from './harness/bundle.js';
import { cacheDir } from './harness/install.js';
import { USER_SETTINGS } from './harness/launch.js';
import { copyWorkspace, DEFAULT_VSIX, DEFAULT_WORKSPACE, formatFailures, optionsFromEnv, RESULTS_DIR, RunLog, runnerEnv, type E2EResultFile } from './harness/run.js';

const { values: args } = parseArgs({
  options: {
    vsix: { type: 'string' },
    workspace: { type: 'string' },
    suite: { type: 'string' },
    grep: { type: 'string' },
    'vscode-version': { type: 'string' },
    keep: { type: 'boolean' },
  },
});

function xvfbReexec(): void {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.env.HAPAIR_E2E_XVFB === '1') return;
  const xvfb = which('xvfb-run');
  if (!xvfb) {
    console.error('electron e2e: no DISPLAY and no xvfb-run; VS Code needs a display (apt-get install xvfb)');
    return;
  }
  const r = spawnSync(xvfb, ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, HAPAIR_E2E_XVFB: '1' },
  });
  process.exit(r.status ?? 1);
}

async function main(): Promise<number> {
  xvfbReexec();
  const o = optionsFromEnv();
  if (args.vsix) o.vsix = resolve(args.vsix);
  if (args.workspace) o.workspace = resolve(args.workspace);
  if (args.suite) o.suite = args.suite.split(',').map((s) => s.trim()).filter(Boolean);
  if (args.grep) o.grep = args.grep;
  if (args.keep) o.keep = true;
  const version = args['vscode-version'] ?? process.env.HAPAIR_E2E_VSCODE_VERSION ?? 'stable';

  mkdirSync(RESULTS_DIR, { recursive: true });
  const logFile = join(RESULTS_DIR, 'electron.log');
  const resultCopy = join(RESULTS_DIR, 'electron-result.json');
  for (const f of [logFile, resultCopy]) rmSync(f, { force: true });
  const log = new RunLog((l) => console.log(`[e2e] ${l}`));
  const runDir = mkdtempSync(join(tmpdir(), 'hapair-e2e-electron-'));
  const resultFile = join(runDir, 'result.json');
  const progressLog = join(runDir, 'mocha.log');
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');

  let result: E2EResultFile | undefined;
  try {
    const bundle = await bundleE2E();
    log.line(`bundled the runner and ${bundle.suites.length} suite file(s)`);
    const folder = copyWorkspace(o.workspace ?? DEFAULT_WORKSPACE, runDir);
    log.line(`workspace: ${folder}`);

    const vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: join(cacheDir(), 'vscode') });
    log.line(`VS Code ${version}: ${vscodeExecutablePath}`);
    const profile = [`--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`];

    let developmentPath: string;
    const vsix = o.vsix ?? DEFAULT_VSIX;
    if (existsSync(vsix)) {
      const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true });
      const r = spawnSync(cli!, [...cliArgs, ...profile, '--force', '--install-extension', vsix], { encoding: 'utf8' });
      log.line(`install-extension ${vsix}: exit ${r.status}\n${(r.stdout + r.stderr).trim()}`);
      if (r.status !== 0) throw new Error(`installing ${vsix} failed`);
      developmentPath = RUNNER_EXTENSION_DIR;
    } else {
      log.line(`NOTE: ${vsix} not found: testing the repository as the extension under development`);
      const b = spawnSync(process.execPath, ['build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
      if (b.status !== 0) throw new Error(`node build.mjs failed: ${b.stderr}`);
      developmentPath = REPO_ROOT;
    }

    try {
      await runTests({
        version,
        cachePath: join(cacheDir(), 'vscode'),
        vscodeExecutablePath,
        extensionDevelopmentPath: developmentPath,
        extensionTestsPath: bundle.main,
        launchArgs: [folder, ...profile, '--disable-telemetry', '--disable-chromium-sandbox'],
        extensionTestsEnv: runnerEnv(resultFile, progressLog, o),
      });
    } catch (err) {
      log.line(`VS Code exited with an error: ${(err as Error).message}`);
    }
    if (!existsSync(resultFile)) throw new Error('the runner wrote no result file (see the log)');
    result = JSON.parse(readFileSync(resultFile, 'utf8')) as E2EResultFile;
    writeFileSync(resultCopy, JSON.stringify(result, null, 2) + '\n');
  } catch (err) {
    log.line(`ERROR: ${(err as Error).stack ?? String(err)}`);
  } finally {
    const progress = existsSync(progressLog) ? readFileSync(progressLog, 'utf8').trimEnd() : '';
    writeFileSync(logFile, `${log.lines.join('\n')}\n\n--- mocha (runner) ---\n${progress}\n`);
    if (!o.keep) rmSync(runDir, { recursive: true, force: true });
  }
  if (!result) {
    console.log(`electron e2e: broken run (log ${logFile})\n0 passed, 1 failed`);
    return 1;
  }
  if (result.failed > 0) console.log(formatFailures(result));
  console.log(`electron e2e (log ${logFile}):\n${result.passed} passed, ${result.failed} failed`);
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
}

process.exit(await main());
