/**
 * The Node.js that runs what the benchmark measures (the CLI, the language server, the probes). By default the one
 * running the benchmark; `--node 24` measures under another major version, which matters because editors bring
 * their own: VS Code starts the server on its Electron's Node (Node 22 from VS Code 1.101, Node 24 from 1.125),
 * code-server on the Node it runs on (24 for the releases our e2e test installs), other editors and the CLI on
 * whatever `node` the user has.
 *
 * A version is fetched once from the npm registry (the `node-<platform>-<arch>` packages hold the official
 * binaries; `npm install node@24` uses them too) into the benchmark cache, outside the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './inputs.js';

/** What `--node` accepts: a path to a node executable, or a version (`24`, `22.23.3`). */
export function resolveRuntime(spec: string | undefined): string {
  if (spec === undefined) return process.execPath;
  if (spec.includes('/') || spec.includes('\\')) {
    if (!existsSync(spec)) throw new Error(`--node ${spec}: no such file`);
    return spec;
  }
  if (!/^\d+(\.\d+){0,2}$/.test(spec)) throw new Error(`--node ${spec}: give a path to node or a version such as 24`);
  return fetchNode(spec);
}

/** `v24.11.1` of a node executable. */
export function runtimeVersion(node: string): string {
  const r = spawnSync(node, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`${node} --version failed: ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout.trim();
}

const npm = (args: string[], cwd?: string) => {
  const r = spawnSync('npm', args, { encoding: 'utf8', cwd, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-2).join(' ')}`);
  return r.stdout.trim();
};

const bySemver = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x![0]! - y![0]! || x![1]! - y![1]! || x![2]! - y![2]!;
};

function fetchNode(range: string): string {
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const dir = cacheDir();
  // A full version is found in the cache without asking the registry.
  const exact = /^\d+\.\d+\.\d+$/.test(range) ? range : undefined;
  const versions = exact ? [exact] : (JSON.parse(npm(['view', `${pkg}@${range}`, 'version', '--json']) || '[]') as string | string[]);
  // The registry lists versions in no useful order.
  const version = [versions].flat().sort(bySemver).at(-1);
  if (!version) throw new Error(`no ${pkg} release matches ${range} on the npm registry`);
  const home = join(dir, `node-${version}`);
  const binary = join(home, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(binary)) return binary;
  process.stderr.write(`bench: fetching Node.js ${version} (${pkg}) from the npm registry into ${home}\n`);
  const work = mkdtempSync(join(dir, '.node-fetch-'));
  try {
    npm(['pack', `${pkg}@${version}`, '--pack-destination', work, '--silent'], work);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${pkg}@${version} left no tarball`);
    const tar = spawnSync('tar', ['-xzf', tarball], { cwd: work, encoding: 'utf8' });
    if (tar.status !== 0) throw new Error(`tar -xzf ${tarball} failed: ${tar.stderr.trim()}`);
    mkdirSync(dir, { recursive: true });
    // Renamed into place whole, so a concurrent run never sees half an installation.
    renameSync(join(work, 'package'), home);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}
