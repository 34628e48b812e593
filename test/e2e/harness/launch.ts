// Starts code-server for one e2e run, with everything private to that run (under runDir in /tmp):
// user-data and extensions folders, its config file and XDG folders (code-server otherwise writes
// ~/.config/code-server/config.yaml and ~/.local/share/code-server), `--auth none`, bound to
// 127.0.0.1 on a port the kernel picks (read back from code-server's "HTTP server listening" line),
// telemetry, update checks and workspace trust off, and no extension gallery (EXTENSIONS_GALLERY={}),
// so neither code-server nor the page it serves tries to reach the network.

import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { E2EInstall } from './install.js';

/** User settings for the run: nothing that phones home, no welcome page, no AI panel. */
export const USER_SETTINGS: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'workbench.settings.enableNaturalLanguageSearch': false,
};

export interface RunDirs {
  root: string;
  /** TMPDIR of code-server and its children (IPC sockets, TypeScript server folders). */
  tmp: string;
  userDataDir: string;
  extensionsDir: string;
  config: string;
  xdg: string;
}

/** Creates the private folders of one run under root (which must exist and be empty). */
export function prepareRunDirs(root: string): RunDirs {
  const dirs: RunDirs = {
    root,
    tmp: join(root, 'tmp'),
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    config: join(root, 'code-server.yaml'),
    xdg: join(root, 'xdg'),
  };
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
  mkdirSync(dirs.extensionsDir, { recursive: true });
  mkdirSync(dirs.tmp, { recursive: true });
  for (const d of ['config', 'data', 'state', 'cache']) mkdirSync(join(dirs.xdg, d), { recursive: true });
  writeFileSync(dirs.config, '# hapair e2e (the command line says the same)\nauth: none\ncert: false\n');
  writeFileSync(join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
  return dirs;
}

/** Common arguments: private folders and no network features. */
function commonArgs(dirs: RunDirs): string[] {
  return ['--config', dirs.config, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** Environment for code-server and so for its extension host: private XDG and temp folders, no gallery. */
function codeServerEnv(dirs: RunDirs, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Nothing from an outer npm run or an editor this test may itself be running in.
    if (/^(npm_|VSCODE_|ELECTRON_)/i.test(k) || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return {
    ...env,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_STATE_HOME: join(dirs.xdg, 'state'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/**
 * Puts an unpacked extension folder (package.json + its files) into the run's extensions folder.
 * Must happen before any `--install-extension`: the first CLI or server start records the folder's
 * extensions in extensions.json, and later it only knows what that file lists.
 */
export function addUnpackedExtension(dirs: RunDirs, folder: string, id: { publisher: string; name: string; version: string }): string {
  const target = join(dirs.extensionsDir, `${id.publisher}.${id.name}-${id.version}`);
  cpSync(folder, target, { recursive: true, filter: (src) => !/[\\/](src|node_modules)$/.test(src) });
  return target;
}

/** `code-server --install-extension VSIX` into the run's extensions folder. */
export function installVsix(install: E2EInstall, dirs: RunDirs, vsix: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [install.codeServerEntry, ...commonArgs(dirs), '--force', '--install-extension', vsix];
    const child = spawn(install.node, args, { env: codeServerEnv(dirs, {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      for (const line of out.trimEnd().split('\n')) if (line.trim()) log(`install-extension: ${line}`);
      if (code === 0 && /successfully installed/i.test(out)) resolve();
      else reject(new Error(`code-server --install-extension ${vsix} failed (exit ${code}): ${out.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Everything code-server printed so far. */
  output(): string;
  /** Resolves when the process has exited (with a description of how). */
  exited: Promise<string>;
  /** SIGTERM to code-server's process group, SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of live) killGroup(c, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // code-server and its extension host, file watcher, pty host
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* gone */
    }
  }
}

/**
 * Starts code-server and resolves once it listens. `env` reaches the extension host (HAPAIR_E2E_*).
 */
export function startCodeServer(
  install: E2EInstall,
  dirs: RunDirs,
  opts: { env: Record<string, string>; log: (line: string) => void; timeoutMs?: number },
): Promise<CodeServer> {
  const args = [
    install.codeServerEntry,
    ...commonArgs(dirs),
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
  ];
  opts.log(`starting: ${install.node} ${args.join(' ')}`);
  const child = spawn(install.node, args, {
    env: codeServerEnv(dirs, opts.env),
    cwd: dirs.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() reaches the extension host too
  });
  live.add(child);
  let output = '';
  const exited = new Promise<string>((resolve) => {
    child.on('error', (err) => resolve(`could not start: ${err.message}`));
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve(signal ? `killed by ${signal}` : `exited with code ${code}`);
    });
  });

  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${(opts.timeoutMs ?? 60_000) / 1000} s:\n${output}`)), opts.timeoutMs ?? 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`code-server ${how} before listening:\n${output}`));
    });
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000).unref())]);
    if (!done) {
      killGroup(child, 'SIGKILL');
      await exited;
    }
    // Children that outlived code-server in its group (extension host mid-shutdown).
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* none left */
    }
  };

  return listening.then(
    (origin) => {
      opts.log(`code-server listening on ${origin}`);
      return { origin, output: () => output, exited, stop };
    },
    async (err: unknown) => {
      await stop();
      throw err;
    },
  );
}

/** Whether a path exists and is a vsix to install. */
export function vsixToInstall(path: string | undefined | null): string | undefined {
  return path && existsSync(path) ? path : undefined;
}
