// What the code-server e2e test needs, installed when missing:
// - Debian packages: chromium (the browser, driven by playwright-core) and, only while code-server is
//   not cached yet, the headers its native modules build against (libkrb5-dev libxkbfile-dev
//   libsecret-1-dev pkg-config). Installed with apt-get when root (aptInstall() of the real-program
//   harness), else the test is skipped with the reason.
// - Node 24 (code-server 4.x requires it): the npm package node-linux-<arch>@24, which ships the
//   binary and its headers (include/node) for node-gyp.
// - code-server from the npm registry, installed by that Node 24 with npm_config_nodedir pointing at
//   it and npm_config_unsafe_perm=true (its postinstall runs `npm install` in lib/vscode, building
//   the native modules).
// Both go to a cache outside the repository, ${XDG_CACHE_HOME:-~/.cache}/hapair-e2e (override:
// $HAPAIR_E2E_CACHE), each into a temporary folder renamed into place when complete, so a second run
// finds them at once and an interrupted install is never mistaken for a finished one.

import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { aptInstall, isRoot, which } from '../../support/real-programs.js';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Debian packages the browser needs at run time. */
export const APT_RUNTIME = ['chromium'];
/** Debian packages code-server's native modules need to build (only while installing it). */
export const APT_BUILD = ['libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];

const INSTALL_TIMEOUT_MS = 20 * 60_000;
const COMPLETE = '.hapair-e2e-complete';

export interface E2EInstall {
  cacheDir: string;
  /** The Node 24 binary that runs code-server (and its extension host). */
  node: string;
  /** code-server's entry script (run as `node ENTRY ...`). */
  codeServerEntry: string;
  codeServerVersion: string;
  chromium: string;
}

/**
 * ok: ready. Otherwise `skip` says whether this machine simply cannot run the test (not Linux, not
 * root with packages missing, no apt-get, HAPAIR_E2E_SKIP=1): the test is skipped with the reason.
 * Without `skip` an install was tried and failed: the test fails with the reason.
 */
export type E2EAvailability = { ok: true; install: E2EInstall } | { ok: false; skip: boolean; reason: string };

const fail = (reason: string): E2EAvailability => ({ ok: false, skip: false, reason });
const cannot = (reason: string): E2EAvailability => ({ ok: false, skip: true, reason });

export function cacheDir(): string {
  if (process.env.HAPAIR_E2E_CACHE) return process.env.HAPAIR_E2E_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'hapair-e2e');
}

function nodePackageName(): string {
  return `node-${process.platform}-${process.arch}`;
}

/** Folder of the installed node-<platform>-<arch> package (bin/node, include/node). */
function nodeHome(cache: string): string {
  return join(cache, `node-v${NODE_MAJOR}`, 'node_modules', nodePackageName());
}

function codeServerHome(cache: string): string {
  return join(cache, `code-server-${CODE_SERVER_VERSION}`);
}

function codeServerEntry(cache: string): string {
  return join(codeServerHome(cache), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Whether a Debian package is installed; undefined when dpkg-query is not there (not Debian). */
function debInstalled(pkg: string): boolean | undefined {
  const dpkg = which('dpkg-query');
  if (!dpkg) return undefined;
  const r = spawnSync(dpkg, ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

function lastLines(file: string, n: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join(' | ');
  } catch {
    return '';
  }
}

/**
 * The environment for npm: without what an outer `npm test` sets for its scripts (its user agent,
 * which names Node 20, its prefix, node-gyp and nodedir), but keeping the user's own npm settings
 * (registry, cache, proxy, certificates).
 */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(lifecycle_|package_|command$|execpath$|node_execpath$)/i.test(k)) continue;
    if (/^npm_config_(user_agent|local_prefix|prefix|global_prefix|node_gyp|npm_version|nodedir)$/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** npm's own CLI script, to run with another Node. */
function npmCli(): string | undefined {
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/local/lib/node_modules/npm/bin/npm-cli.js',
  ];
  return candidates.find((c): c is string => Boolean(c && /npm-cli\.js$/.test(c) && existsSync(c)));
}

/** Runs a command with its output appended to logFile; resolves with a reason on failure. */
function runLogged(argv: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeoutMs: number }): Promise<string | undefined> {
  return new Promise((resolve) => {
    const out = createWriteStream(opts.logFile, { flags: 'a' });
    out.write(`\n$ ${argv.join(' ')}\n`);
    const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      out.end(() => resolve(`${argv[0]}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      out.end(() => {
        if (code === 0) resolve(undefined);
        else if (signal) resolve(`${argv.slice(0, 3).join(' ')} killed by ${signal}${signal === 'SIGKILL' ? ` (timeout ${opts.timeoutMs / 60_000} min?)` : ''}; see ${opts.logFile}`);
        else resolve(`${argv.slice(0, 3).join(' ')} exited with ${code}: ${lastLines(opts.logFile, 3)}; see ${opts.logFile}`);
      });
    });
  });
}

/** The version in a package's package.json. */
function installedVersion(pkgDir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

function versionOf(node: string): string | undefined {
  const r = spawnSync(node, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * npm-installs SPEC into finalDir via a temporary prefix renamed into place, and leaves a marker
 * file when complete.
 */
async function npmInstallInto(
  finalDir: string,
  spec: string,
  npm: { node: string; cli: string; env: NodeJS.ProcessEnv },
  logFile: string,
  say: (line: string) => void,
): Promise<string | undefined> {
  if (existsSync(join(finalDir, COMPLETE))) return undefined;
  const partial = `${finalDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  // allowScripts: npm 11 runs unreviewed install scripts with a notice, and says a later release will
  // block them; code-server's postinstall (which builds VS Code's native modules) and argon2 must run.
  const allowScripts = Object.fromEntries(['code-server', 'argon2'].map((n) => [n, true]));
  writeFileSync(join(partial, 'package.json'), JSON.stringify({ name: 'hapair-e2e-cache', private: true, allowScripts }, null, 2) + '\n');
  const started = Date.now();
  say(`installing ${spec} into ${finalDir} (log: ${logFile})`);
  const err = await runLogged(
    [npm.node, npm.cli, 'install', '--no-audit', '--no-fund', '--foreground-scripts', '--no-package-lock', '--omit=dev', spec],
    { cwd: partial, env: npm.env, logFile, timeoutMs: INSTALL_TIMEOUT_MS },
  );
  if (err) {
    rmSync(partial, { recursive: true, force: true });
    return `npm install ${spec} failed: ${err}`;
  }
  writeFileSync(join(partial, COMPLETE), JSON.stringify({ spec, installedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000 }) + '\n');
  if (existsSync(join(finalDir, COMPLETE))) {
    // Another process finished the same install meanwhile (and may be using it): keep theirs.
    rmSync(partial, { recursive: true, force: true });
    return undefined;
  }
  rmSync(finalDir, { recursive: true, force: true }); // an interrupted install's leftovers
  try {
    renameSync(partial, finalDir);
  } catch (e) {
    // Another process finished the same install first: keep theirs.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(finalDir, COMPLETE))) return `cannot move ${partial} to ${finalDir}: ${(e as Error).message}`;
  }
  say(`installed ${spec} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return undefined;
}

let memo: Promise<E2EAvailability> | undefined;

/**
 * Makes sure Chromium, Node 24 and code-server are there, installing what is missing (apt-get only
 * when root). Resolves to the paths, or to a one-line reason why the e2e test cannot run here.
 * Memoized per process. `say` reports the slow steps (cold installs take a few minutes).
 */
export function ensureE2E(say: (line: string) => void = (l) => console.error(`[e2e] ${l}`)): Promise<E2EAvailability> {
  memo ??= ensure(say).catch((err: unknown) => fail(`e2e setup crashed: ${(err as Error).stack ?? String(err)}`));
  return memo;
}

async function ensure(say: (line: string) => void): Promise<E2EAvailability> {
  if (process.env.HAPAIR_E2E_SKIP === '1') return cannot('HAPAIR_E2E_SKIP=1');
  if (process.platform !== 'linux') return cannot(`code-server e2e runs on Linux only (this is ${process.platform})`);
  const cache = cacheDir();
  mkdirSync(cache, { recursive: true });
  const logFile = join(cache, 'install.log');
  const codeServerCached = existsSync(join(codeServerHome(cache), COMPLETE));

  // Debian packages.
  const wanted = codeServerCached ? APT_RUNTIME : [...APT_RUNTIME, ...APT_BUILD];
  const missing = wanted.filter((p) => (p === 'chromium' ? !existsSync(CHROMIUM_PATH) : debInstalled(p) === false));
  if (missing.length > 0) {
    if (!isRoot()) return cannot(`missing Debian packages ${missing.join(' ')}; not root, cannot apt-get install them`);
    if (!which('apt-get')) return cannot(`missing ${missing.join(' ')} and no apt-get to install them`);
    say(`apt-get install ${missing.join(' ')}`);
    const started = Date.now();
    const err = aptInstall(missing);
    if (err) return fail(err);
    say(`apt-get install done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if (!existsSync(CHROMIUM_PATH)) return fail(`${CHROMIUM_PATH} not found after installing chromium`);

  const cli = npmCli();
  if (!cli) return fail('cannot find npm-cli.js to run npm with Node 24');

  // Node 24 (installed by the current Node's npm).
  const nodeDir = join(cache, `node-v${NODE_MAJOR}`);
  const baseEnv = cleanEnv({ npm_config_update_notifier: 'false' });
  let err = await npmInstallInto(nodeDir, `${nodePackageName()}@${NODE_MAJOR}`, { node: process.execPath, cli, env: baseEnv }, logFile, say);
  if (err) return fail(err);
  const node = join(nodeHome(cache), 'bin', 'node');
  const nodeVersion = versionOf(node);
  if (!nodeVersion?.startsWith(`v${NODE_MAJOR}.`)) return fail(`${node} --version gave ${nodeVersion ?? 'nothing'}, not v${NODE_MAJOR}`);

  // code-server, installed and built by Node 24 (its postinstall insists on it and reads the version
  // from npm's user agent). Node 24's bin comes first on PATH for the nested `npm install` and node-gyp.
  const csEnv = cleanEnv({
    PATH: `${join(nodeHome(cache), 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    npm_config_unsafe_perm: 'true',
    npm_config_nodedir: nodeHome(cache),
    npm_config_update_notifier: 'false',
  });
  err = await npmInstallInto(codeServerHome(cache), `code-server@${CODE_SERVER_VERSION}`, { node, cli, env: csEnv }, logFile, say);
  if (err) return fail(err);
  const entry = codeServerEntry(cache);
  const csVersion = installedVersion(join(codeServerHome(cache), 'node_modules', 'code-server'));
  if (csVersion !== CODE_SERVER_VERSION || !existsSync(entry) || !existsSync(join(dirname(entry), '..', '..', 'lib', 'vscode', 'node_modules'))) {
    return fail(`code-server in ${codeServerHome(cache)} is incomplete (version ${csVersion ?? 'unknown'}, expected ${CODE_SERVER_VERSION}); remove that folder to reinstall`);
  }
  return { ok: true, install: { cacheDir: cache, node, codeServerEntry: entry, codeServerVersion: CODE_SERVER_VERSION, chromium: CHROMIUM_PATH } };
}
