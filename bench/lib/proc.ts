/**
 * Runs programs the way a user would, measuring whole-process wall time and peak RSS.
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`, kilobytes) when present, else from polling
 * VmHWM in /proc/PID/status (less exact for very short processes).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now } from './stats.js';
import { which } from '../../test/support/real-programs.js';

export interface Measured {
  /** Wall time from spawn to exit, ms. */
  ms: number;
  /** Peak resident set size, MB (null when it could not be read). */
  rssMB: number | null;
  /** Exit code; -1 when killed or not started. */
  rc: number;
  stdout: string;
  stderr: string;
  error?: string;
}

let gnuTime: string | null | undefined;
function gnuTimePath(): string | null {
  if (gnuTime !== undefined) return gnuTime;
  gnuTime = null;
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
    if (r.status === 0 && /^\d+\s*$/m.test(r.stderr)) gnuTime = '/usr/bin/time';
  }
  return gnuTime;
}

export const rssMethod = (): string => (gnuTimePath() ? 'GNU time %M' : '/proc VmHWM polling');

/** Peak RSS of a running process in MB, from /proc/PID/status (VmHWM), or null. */
export function vmHwmMB(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Runs argv to completion, measuring wall time and peak RSS. Never throws. */
export async function measure(argv: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<Measured> {
  const timeout = opts.timeoutMs ?? 600_000;
  const time = gnuTimePath();
  if (time) {
    const dir = mkdtempSync(join(tmpdir(), 'hapair-bench-time-'));
    const out = join(dir, 'rss');
    try {
      const t0 = now();
      const r = spawnSync(time, ['-f', '%M', '-o', out, ...argv], {
        cwd: opts.cwd,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
        timeout,
        killSignal: 'SIGKILL',
      });
      const ms = now() - t0;
      let rssMB: number | null = null;
      try {
        const lines = readFileSync(out, 'utf8').trim().split('\n');
        const kb = Number(lines[lines.length - 1]);
        if (Number.isFinite(kb) && kb > 0) rssMB = kb / 1024;
      } catch {
        /* no output: killed */
      }
      const error = r.error ? r.error.message : r.status === null ? `killed by ${r.signal}` : undefined;
      return { ms, rssMB, rc: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ...(error ? { error } : {}) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return new Promise((resolve) => {
    const t0 = now();
    const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak: number | null = null;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = setInterval(() => {
      const v = child.pid ? vmHwmMB(child.pid) : null;
      if (v !== null) peak = Math.max(peak ?? 0, v);
    }, 5);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (e) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ ms: now() - t0, rssMB: null, rc: -1, stdout, stderr, error: e.message });
    });
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ ms: now() - t0, rssMB: peak, rc: code ?? -1, stdout, stderr, ...(signal ? { error: `killed by ${signal}` } : {}) });
    });
  });
}

export { which };

/** First line of a program's version output, or undefined when it does not run. */
export function versionOf(bin: string, args: string[]): string | undefined {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return undefined;
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').find((l) => l.trim() !== '')?.trim();
}

/**
 * A private network namespace with a link per interface name (for `keepalived -t`, which checks that the
 * interfaces of the config exist). Needs root and iproute2; tries dummy, then bridge, then ifb links.
 */
export class Namespace {
  private constructor(
    readonly name: string,
    private readonly ip: string,
  ) {}

  static create(interfaces: string[]): Namespace | string {
    if (process.getuid?.() !== 0) return 'network namespaces need root';
    const ip = which('ip');
    if (!ip) return "'ip' (iproute2) not found";
    const name = `hapair-bench-${process.pid}`;
    const run = (...args: string[]) => spawnSync(ip, args, { encoding: 'utf8', timeout: 10_000 });
    run('netns', 'delete', name);
    const add = run('netns', 'add', name);
    if (add.status !== 0) return `ip netns add failed: ${(add.stderr || add.error?.message || '').trim()}`;
    const ns = new Namespace(name, ip);
    process.once('exit', () => ns.dispose());
    run('-n', name, 'link', 'set', 'lo', 'up');
    for (const iface of interfaces) {
      let ok = false;
      for (const type of ['dummy', 'bridge', 'ifb']) {
        if (run('-n', name, 'link', 'add', iface, 'type', type).status === 0) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        ns.dispose();
        return `cannot create link ${iface} in a namespace`;
      }
      run('-n', name, 'link', 'set', iface, 'up');
    }
    return ns;
  }

  /** argv prefix that runs a command inside the namespace. */
  prefix(): string[] {
    return [this.ip, 'netns', 'exec', this.name];
  }

  private disposed = false;
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    spawnSync(this.ip, ['netns', 'delete', this.name], { timeout: 10_000 });
  }
}
