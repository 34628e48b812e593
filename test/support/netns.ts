// Test support: a small network lab of Linux network namespaces, for tests that run real daemons
// (keepalived, haproxy) on several "machines" at once (test/failover).
//
// - A Lab owns a temp directory, namespaces named hapair-fo-<pid>-<seq>-<hex>, and every process it
//   starts. lab.close() kills them all and deletes the namespaces; call it from t.after()/finally.
// - A LabNode is a namespace with its own PID namespace and /proc (an `unshare --pid --fork
//   --mount-proc` init, then `nsenter` for every process): each node sees only its own processes,
//   like a real machine, so `killall -0 haproxy` / `pgrep haproxy` health checks see this node's
//   haproxy only, not the other node's nor the `haproxy -c` runs of concurrent test files.
//   The init is `cat` reading a pipe from this test process: if the test process dies without
//   cleaning up, cat reads EOF and exits, and the kernel kills every process of the node.
// - Namespaces left behind by test processes that no longer exist are deleted by the next Lab.
//
// Everything here is async (the labs of one test file run concurrently). Nothing is sent anywhere
// but inside the lab's namespaces: each has only `lo` and the links the test creates.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isRoot, which, type Availability } from './real-programs.js';

const IP_TIMEOUT_MS = 10_000;
const NS_PREFIX = 'hapair-fo';

export interface ExecResult {
  rc: number;
  out: string;
}

/** Runs argv to completion (stdout+stderr), never rejects; rc -1 when it could not run or timed out. */
export function exec(argv: string[], timeoutMs = IP_TIMEOUT_MS): Promise<ExecResult> {
  return new Promise((resolvePromise) => {
    execFile(argv[0]!, argv.slice(1), { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      if (!err) return resolvePromise({ rc: 0, out });
      const code = (err as NodeJS.ErrnoException & { code?: unknown }).code;
      resolvePromise({ rc: typeof code === 'number' ? code : -1, out: out || err.message });
    });
  });
}

/** Like exec but throws (with the command and its output) unless rc is 0. */
export async function mustExec(argv: string[], timeoutMs = IP_TIMEOUT_MS): Promise<string> {
  const r = await exec(argv, timeoutMs);
  if (r.rc !== 0) throw new Error(`${argv.join(' ')} -> rc ${r.rc}: ${r.out.trim()}`);
  return r.out;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls check() every intervalMs until it returns a value other than undefined/false, or throws after timeoutMs. */
export async function waitUntil<T>(what: string | (() => string), timeoutMs: number, check: () => T | undefined | false | Promise<T | undefined | false>, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------
// /proc helpers
// ---------------------------------------------------------------------------------------------

function ppidOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid ...; comm may contain spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
}

/** Host pids of the direct children of pid. */
export function childrenOf(pid: number): number[] {
  return allPids().filter((p) => ppidOf(p) === pid);
}

function pidNamespace(pid: number | 'self'): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return undefined;
  }
}

/** The pid a process has inside its own (innermost) PID namespace. */
function innerPid(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('NSpid:'));
    const ids = line?.split(/\s+/).slice(1).filter(Boolean).map(Number);
    return ids?.[ids.length - 1];
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killQuietly(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

// ---------------------------------------------------------------------------------------------
// Availability
// ---------------------------------------------------------------------------------------------

let availability: Promise<Availability> | undefined;

/**
 * Whether labs can be built here: root, `ip`, `unshare` and `nsenter` (util-linux), and a namespace
 * holding a veth pair and a bridge. Computed once per process. Also sweeps stale lab namespaces.
 */
export function labAvailability(): Promise<Availability> {
  availability ??= (async (): Promise<Availability> => {
    if (!isRoot()) return { ok: false, reason: 'network namespaces need root (not running as uid 0)' };
    for (const cmd of ['ip', 'unshare', 'nsenter']) if (!which(cmd)) return { ok: false, reason: `'${cmd}' not found (iproute2 / util-linux)` };
    await sweepStale();
    const ns = uniqueName();
    const add = await exec(['ip', 'netns', 'add', ns]);
    if (add.rc !== 0) return { ok: false, reason: `ip netns add failed: ${add.out.trim().split('\n')[0]}` };
    try {
      for (const argv of [
        ['ip', '-n', ns, 'link', 'add', 'probe0', 'type', 'veth', 'peer', 'name', 'probe1'],
        ['ip', '-n', ns, 'link', 'add', 'probebr', 'type', 'bridge'],
        ['ip', 'netns', 'exec', ns, 'unshare', '--pid', '--fork', '--mount-proc', 'true'],
      ]) {
        const r = await exec(argv);
        if (r.rc !== 0) return { ok: false, reason: `${argv.slice(3).join(' ')} failed in a namespace: ${r.out.trim().split('\n')[0]}` };
      }
      return { ok: true };
    } finally {
      await exec(['ip', 'netns', 'delete', ns]);
    }
  })();
  return availability;
}

let seq = 0;
function uniqueName(): string {
  seq += 1;
  return `${NS_PREFIX}-${process.pid}-${seq}-${randomBytes(2).toString('hex')}`;
}

const DIR_PREFIX = 'hapair-lab-';

/**
 * A new temp directory hapair-lab-<pid>-<label>-XXXXXX: the pid lets a later run remove it if this
 * process is killed before cleaning up.
 */
export function labTempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `${DIR_PREFIX}${process.pid}-${label}-`));
}

/** Deletes lab namespaces and temp directories of test processes that no longer exist (killed mid-run). */
async function sweepStale(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    const m = new RegExp(`^${DIR_PREFIX}(\\d+)-`).exec(name);
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
  const list = await exec(['ip', 'netns', 'list']);
  if (list.rc !== 0) return;
  for (const line of list.out.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const m = new RegExp(`^${NS_PREFIX}-(\\d+)-\\d+-[0-9a-f]+$`).exec(name);
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) await exec(['ip', 'netns', 'delete', name]);
  }
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

export interface OutputLine {
  /** Date.now() when the line arrived. */
  at: number;
  text: string;
}

/** A process started by a lab, with its output kept line by line (stdout and stderr interleaved). */
export class LabProcess {
  readonly lines: OutputLine[] = [];
  exitCode: number | null | undefined = undefined;
  exitSignal: NodeJS.Signals | null = null;
  readonly exited: Promise<void>;
  private partial = { stdout: '', stderr: '' };
  private listeners: (() => void)[] = [];

  constructor(
    readonly label: string,
    readonly child: ChildProcess,
  ) {
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]?.setEncoding('utf8');
      child[stream]?.on('data', (chunk: string) => this.onData(stream, chunk));
    }
    this.exited = new Promise((resolvePromise) => {
      child.on('error', (e) => {
        this.lines.push({ at: Date.now(), text: `[spawn error] ${e.message}` });
        this.exitCode ??= -1;
        this.notify();
        resolvePromise();
      });
      child.on('close', (code, signal) => {
        for (const s of ['stdout', 'stderr'] as const) if (this.partial[s]) this.pushLine(this.partial[s]);
        this.exitCode = code;
        this.exitSignal = signal;
        this.notify();
        resolvePromise();
      });
    });
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  private onData(stream: 'stdout' | 'stderr', chunk: string): void {
    const parts = (this.partial[stream] + chunk).split('\n');
    this.partial[stream] = parts.pop()!;
    for (const p of parts) this.pushLine(p);
    this.notify();
  }

  private pushLine(text: string): void {
    this.lines.push({ at: Date.now(), text: text.replace(/\r$/, '') });
  }

  private notify(): void {
    const l = this.listeners;
    this.listeners = [];
    for (const f of l) f();
  }

  /** Resolves at the next output line or exit. */
  private changed(): Promise<void> {
    return new Promise((r) => this.listeners.push(r));
  }

  /** First line at index >= from matching re; waits for it up to timeoutMs (rejects with the output so far). */
  async waitForLine(re: RegExp, timeoutMs: number, from = 0): Promise<OutputLine & { index: number }> {
    const deadline = Date.now() + timeoutMs;
    let i = from;
    for (;;) {
      for (; i < this.lines.length; i++) if (re.test(this.lines[i]!.text)) return { ...this.lines[i]!, index: i };
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.label}: timed out after ${timeoutMs} ms waiting for ${re} (${this.whereNow()})\n${this.tail()}`);
      if (!this.running) throw new Error(`${this.label}: exited (code ${this.exitCode}, signal ${this.exitSignal}) before printing ${re}\n${this.tail()}`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.changed(), new Promise<void>((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
  }

  /** For a timeout message: the process's pid, its state and what the kernel has it waiting in (/proc). */
  whereNow(): string {
    const pid = this.child.pid;
    if (pid === undefined) return 'never started';
    if (!this.running) return `pid ${pid}, exited`;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      const wchan = readFileSync(`/proc/${pid}/wchan`, 'utf8').trim() || '-';
      return `pid ${pid}, state ${state}, waiting in ${wchan}`;
    } catch {
      return `pid ${pid}, gone from /proc`;
    }
  }

  /** Last n output lines, for failure messages. */
  tail(n = 40): string {
    return this.lines
      .slice(-n)
      .map((l) => `  | ${l.text}`)
      .join('\n');
  }
}

// ---------------------------------------------------------------------------------------------
// Lab and nodes
// ---------------------------------------------------------------------------------------------

export class Lab {
  readonly dir: string;
  private readonly namespaces: string[] = [];
  private readonly processes: LabProcess[] = [];
  private readonly nodes: LabNode[] = [];
  private closed = false;

  constructor(label: string) {
    this.dir = labTempDir(label);
  }

  /** A new namespace with `lo` up. */
  async namespace(): Promise<string> {
    if (this.closed) throw new Error('lab closed');
    const ns = uniqueName();
    await mustExec(['ip', 'netns', 'add', ns]);
    this.namespaces.push(ns);
    await mustExec(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
    return ns;
  }

  /** A namespace with its own PID namespace (see the file comment), named `name` in messages. */
  async node(name: string): Promise<LabNode> {
    const ns = await this.namespace();
    const init = this.spawn(`${name} init`, ['ip', 'netns', 'exec', ns, 'unshare', '--pid', '--fork', '--mount-proc', '--kill-child=SIGKILL', 'sh', '-c', 'echo ready; exec cat >/dev/null'], { stdin: 'pipe' });
    await init.waitForLine(/^ready$/, IP_TIMEOUT_MS);
    const unsharePid = init.child.pid!;
    const own = pidNamespace('self');
    // `ip netns exec` execs unshare in place; unshare's child is the init (pid 1 of the new namespace).
    const initPid = await waitUntil(`${name}: the init of its PID namespace`, IP_TIMEOUT_MS, () => {
      const queue = [unsharePid];
      while (queue.length > 0) {
        const p = queue.shift()!;
        if (pidNamespace(p) !== own && innerPid(p) === 1) return p;
        queue.push(...childrenOf(p));
      }
      return undefined;
    });
    const node = new LabNode(this, name, ns, initPid, init);
    this.nodes.push(node);
    return node;
  }

  spawn(label: string, argv: string[], opts: { stdin?: 'pipe' | 'ignore' } = {}): LabProcess {
    if (this.closed) throw new Error('lab closed');
    const child = spawn(argv[0]!, argv.slice(1), { stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'] });
    const p = new LabProcess(label, child);
    this.processes.push(p);
    return p;
  }

  /** Kills every process of the lab and deletes its namespaces and temp directory. Never throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Killing a node's init kills every process in its PID namespace.
    for (const n of this.nodes) killQuietly(n.initPid);
    for (const p of this.processes) if (p.running) killQuietly(p.child.pid);
    await Promise.race([Promise.all(this.processes.map((p) => p.exited)), sleep(5000)]);
    for (const ns of this.namespaces) await exec(['ip', 'netns', 'delete', ns]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class LabNode {
  constructor(
    readonly lab: Lab,
    readonly name: string,
    readonly ns: string,
    /** Host pid of the init of the node's PID namespace. */
    readonly initPid: number,
    private readonly init: LabProcess,
  ) {}

  /** Starts argv inside the node (its network, mount and PID namespaces). */
  spawn(label: string, argv: string[]): LabProcess {
    if (!this.init.running) throw new Error(`${this.name}: its init is gone`);
    return this.lab.spawn(`${this.name} ${label}`, ['nsenter', '-t', String(this.initPid), '-n', '-m', '-p', '--', ...argv]);
  }

  /** Runs argv to completion inside the node's network namespace. */
  exec(argv: string[], timeoutMs = IP_TIMEOUT_MS): Promise<ExecResult> {
    return exec(['ip', 'netns', 'exec', this.ns, ...argv], timeoutMs);
  }

  /** `ip -n NS ARGS`, throwing on failure. */
  ip(...args: string[]): Promise<string> {
    return mustExec(['ip', '-n', this.ns, ...args]);
  }

  /** Host pid of the process that has pid `innerPid` in this node's PID namespace. */
  hostPid(inner: number): number | undefined {
    const ns = pidNamespace(this.initPid);
    if (!ns) return undefined;
    return allPids().find((p) => innerPid(p) === inner && pidNamespace(p) === ns);
  }

  /** IPv4 addresses (without prefix) currently on dev, or on any link when dev is undefined. */
  async addresses(dev?: string): Promise<string[]> {
    const out = await mustExec(['ip', '-n', this.ns, '-o', '-4', 'addr', 'show', ...(dev ? ['dev', dev] : [])]);
    return [...out.matchAll(/\binet (\d+\.\d+\.\d+\.\d+)\//g)].map((m) => m[1]!);
  }
}

// ---------------------------------------------------------------------------------------------
// Address events
// ---------------------------------------------------------------------------------------------

export interface AddressEvent {
  /** Wall-clock time in ms (fractional: microsecond resolution) from `ip -ts monitor`. */
  at: number;
  kind: 'add' | 'del';
  dev: string;
  address: string;
  prefix: number;
}

// [2026-11-21T15:39:35.613784] 2: eth0    inet 192.0.2.100/24 scope global secondary eth0:1
// [2026-11-21T15:39:32.074354] Deleted 2: eth0    inet 192.0.2.100/24 ...
const MONITOR_LINE = /^\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{1,9})\]\s+(Deleted\s+)?\d+:\s+(\S+)\s+inet\s+(\d+\.\d+\.\d+\.\d+)\/(\d+)/;

/**
 * The IPv4 address changes of one node as the kernel reports them (`ip -ts monitor address`, run
 * inside the node), with timestamps: exact ordering and sub-millisecond timing of VIP moves between
 * nodes, which polling cannot give. start() resolves once the monitor is known to be listening.
 */
export class AddressMonitor {
  private proc: LabProcess | undefined;

  constructor(readonly node: LabNode) {}

  /**
   * Starts the monitor and resolves once it is known to be listening: a marker address on `lo`
   * (127.0.0.127/32) is added until the monitor reports it, then removed. No event is missed after.
   */
  async start(): Promise<void> {
    const proc = this.node.spawn('ip monitor', ['ip', '-ts', 'monitor', 'address']);
    this.proc = proc;
    const marker = '127.0.0.127';
    await waitUntil(`${this.node.name}: ip monitor listening`, IP_TIMEOUT_MS, async () => {
      if (!proc.running) throw new Error(`${this.node.name}: ip monitor exited\n${proc.tail()}`);
      await this.node.ip('addr', 'add', `${marker}/32`, 'dev', 'lo');
      const seen = await waitUntil('marker', 200, () => this.eventsFor(marker).length > 0, 10).catch(() => false);
      await this.node.ip('addr', 'del', `${marker}/32`, 'dev', 'lo');
      return seen;
    }, 0);
  }

  events(): AddressEvent[] {
    const out: AddressEvent[] = [];
    for (const l of this.proc?.lines ?? []) {
      const m = MONITOR_LINE.exec(l.text);
      if (!m) continue;
      const at = new Date(m[1]!).getTime() + Number(`0.${m[2]}`) * 1000;
      out.push({ at, kind: m[3] ? 'del' : 'add', dev: m[4]!, address: m[5]!, prefix: Number(m[6]) });
    }
    return out;
  }

  /** Events for one address, in order. */
  eventsFor(address: string): AddressEvent[] {
    return this.events().filter((e) => e.address === address);
  }

  /** Waits for the first event of `kind` for address at or after `since` (ms, wall clock). */
  async waitFor(kind: 'add' | 'del', address: string, since: number, timeoutMs: number): Promise<AddressEvent> {
    return waitUntil(`${this.node.name}: address ${address} ${kind === 'add' ? 'added' : 'deleted'}`, timeoutMs, () =>
      this.eventsFor(address).find((e) => e.kind === kind && e.at >= since),
    10);
  }
}
