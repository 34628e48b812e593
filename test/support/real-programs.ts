// Test support: runs the REAL haproxy and keepalived so tests can compare hapair's findings with
// what the programs themselves say.
//
// - haproxyCheck():    `haproxy -c -dr -f FILE`, output parsed into ProgramMessage[].
// - keepalivedTest():  `keepalived -l -D -t -f FILE` inside a private, uniquely named network
//                      namespace that has one link per interface name the config uses (keepalived -t
//                      reports missing interfaces), deleted again afterwards.
// - ensureRealPrograms(): whether the programs and network namespaces are usable (installs the
//                      programs with apt-get when missing and running as root). Memoized.
//
// Everything is synchronous. Program failures never throw: they show up in rc/timedOut/error.
//
// Facts verified here with haproxy 2.6.12 and keepalived 2.2.7 (Debian 12):
// - `keepalived -t` does not fork and writes no pid files (strace: the only file it creates is a
//   memfd holding the consolidated config), so concurrent runs only need distinct namespaces.
// - The `dummy` link type may be missing (kernels without CONFIG_DUMMY, e.g. Firecracker VMs);
//   keepalived -t only needs the name to exist, so `bridge` and then `ifb` are used as fallbacks.
// - Inside the namespace only `lo` and our links exist, so nothing can leave the namespace and DNS
//   lookups fail at once instead of stalling.

import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

export type Availability = { ok: true } | { ok: false; reason: string };

/**
 * One diagnostic printed by a program.
 * - haproxy: level is taken from the `[ALERT]`/`[WARNING]`/`[NOTICE]` tag.
 * - keepalived prints no severity: its messages have level 'unspecified' (use rc to judge).
 * `file` is the path exactly as the program printed it (as passed on the command line, or as written
 * in an `include`).
 */
export type ProgramMessageLevel = 'alert' | 'warning' | 'notice' | 'unspecified';
export interface ProgramMessage {
  level: ProgramMessageLevel;
  file?: string;
  line?: number;
  message: string;
}

export interface ProgramResult {
  /** Exit code; -1 when the program did not exit by itself (timeout, signal, could not start). */
  rc: number;
  timedOut: boolean;
  messages: ProgramMessage[];
  /** stdout and stderr interleaved, as printed. */
  raw: string;
  /** Argument vector that was run (for failure messages). */
  command?: string[];
  durationMs?: number;
  /** Set when rc is -1: why (spawn error, signal, timeout, no namespace...). */
  error?: string;
}

export interface KeepalivedResult extends ProgramResult {
  /** Network namespace the test ran in (already deleted). */
  namespace?: string;
  /** Links created in the namespace (besides lo). */
  interfaces: string[];
  /** Interface names found in the config that could not be created, with the reason. */
  skippedInterfaces: { name: string; reason: string }[];
}

export interface HaproxyCheckOptions {
  cwd?: string;
  timeoutMs?: number;
  /** Extra arguments placed before `-f FILE` (e.g. ['-dW']). */
  extraArgs?: string[];
  /** Extra environment variables (haproxy expands `"${NAME}"` in the config from the environment). */
  env?: Record<string, string>;
  /**
   * 'isolated' (default when network namespaces work): run in a fresh namespace with only `lo`, so
   * server-name lookups fail at once instead of waiting for DNS (a stalled resolver costs 5 s per
   * name) and no query leaves the host. 'host': run in the host's network namespace.
   */
  network?: 'isolated' | 'host';
}

export interface HaproxyResult extends ProgramResult {
  /** Whether the run was in a private network namespace. */
  isolated: boolean;
}

export interface KeepalivedTestOptions {
  /** Passed as `-i configId`; also decides which `@id` lines the interface scan reads. */
  configId?: string;
  /** Use exactly these interface names instead of scanning the config. */
  interfaces?: string[];
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const IP_TIMEOUT_MS = 10_000;
const IFNAME_MAX = 15; // IFNAMSIZ - 1
const LINK_TYPES = ['dummy', 'bridge', 'ifb'] as const;

// ---------------------------------------------------------------------------------------------
// Low-level process helpers
// ---------------------------------------------------------------------------------------------

interface RunResult {
  rc: number;
  timedOut: boolean;
  out: string;
  error?: string;
  durationMs: number;
}

/** Runs argv with stdout+stderr captured interleaved in a temp file; never throws on failure. */
function run(argv: string[], opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {}): RunResult {
  if (argv.length === 0) throw new Error('run(): empty argv');
  const dir = mkdtempSync(join(tmpdir(), 'hapair-run-'));
  const outPath = join(dir, 'out');
  const fd = openSync(outPath, 'w+');
  const started = Date.now();
  try {
    const spawnOpts: SpawnSyncOptions = {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', fd, fd],
      timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      input: opts.input,
    };
    const r = spawnSync(argv[0]!, argv.slice(1), spawnOpts);
    const durationMs = Date.now() - started;
    let out = '';
    try {
      out = readFileSync(outPath, 'utf8');
    } catch {
      /* leave empty */
    }
    const errCode = (r.error as NodeJS.ErrnoException | undefined)?.code;
    const timedOut = errCode === 'ETIMEDOUT';
    if (timedOut) {
      return { rc: -1, timedOut, out, durationMs, error: `timed out after ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms (killed with SIGKILL)` };
    }
    if (r.error) return { rc: -1, timedOut: false, out, durationMs, error: `${argv[0]}: ${r.error.message}` };
    if (r.status === null) return { rc: -1, timedOut: false, out, durationMs, error: `${argv[0]} killed by signal ${r.signal ?? '?'}` };
    return { rc: r.status, timedOut: false, out, durationMs };
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim() !== '') ?? '').trim();
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Binary to run for a program: $HAPAIR_HAPROXY / $HAPAIR_KEEPALIVED when set (e.g. a haproxy 3.x
 * build), else the one found on PATH (plus the sbin dirs, which non-login PATHs lack).
 */
function programPath(cmd: 'haproxy' | 'keepalived'): string | undefined {
  const override = process.env[`HAPAIR_${cmd.toUpperCase()}`];
  if (override) return override;
  return which(cmd);
}

/** Absolute path of an executable found on PATH (plus the sbin dirs, which non-login PATHs lack). */
export function which(cmd: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const d of dirs) {
    if (!d) continue;
    const p = join(d, cmd);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Availability
// ---------------------------------------------------------------------------------------------

export interface RealPrograms {
  haproxy: Availability;
  keepalived: Availability;
  netns: Availability;
}

let memo: RealPrograms | undefined;
let linkType: (typeof LINK_TYPES)[number] | undefined;
let ipPath: string | undefined;

function programAvailability(cmd: 'haproxy' | 'keepalived', versionArgs: string[]): Availability {
  const p = programPath(cmd);
  if (!p) return { ok: false, reason: `${cmd} not found on PATH` };
  const r = run([p, ...versionArgs], { timeoutMs: 10_000 });
  if (r.rc === -1) return { ok: false, reason: `${cmd} ${versionArgs.join(' ')} failed: ${r.error}` };
  if (!/version|v\d/i.test(r.out)) return { ok: false, reason: `${cmd} ${versionArgs.join(' ')} printed no version: ${firstLine(r.out)}` };
  return { ok: true };
}

/**
 * Installs Debian packages with `apt-get install -y --no-install-recommends` (running `apt-get update`
 * only if that fails), without starting any services they ship. Returns undefined on success, else a
 * one-line reason. Callers check isRoot() first. Shared with the editor tests (test/e2e/harness).
 */
export function aptInstall(packages: string[]): string | undefined {
  const apt = which('apt-get');
  if (!apt) return 'apt-get not available';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Keep maintainer scripts from starting the daemons (standard Debian policy-rc.d mechanism).
  const policy = '/usr/sbin/policy-rc.d';
  let wrotePolicy = false;
  try {
    if (!existsSync(policy)) {
      writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
      wrotePolicy = true;
    }
  } catch {
    /* best effort */
  }
  try {
    // Wait for a concurrent apt/dpkg run (another test file installing its packages) instead of failing.
    const install = [apt, '-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...packages];
    let r = run(install, { env, timeoutMs: 600_000 });
    if (r.rc === 0) return undefined;
    const upd = run([apt, 'update'], { env, timeoutMs: 600_000 });
    if (upd.rc !== 0) return `apt-get update failed (rc ${upd.rc}): ${firstLine(upd.error ?? upd.out.split('\n').slice(-3).join(' '))}`;
    r = run(install, { env, timeoutMs: 600_000 });
    if (r.rc === 0) return undefined;
    return `apt-get install ${packages.join(' ')} failed (rc ${r.rc}): ${r.error ?? r.out.trim().split('\n').slice(-1)[0] ?? ''}`;
  } finally {
    if (wrotePolicy) {
      try {
        unlinkSync(policy);
      } catch {
        /* ignore */
      }
    }
  }
}

function probeNetns(): Availability {
  if (!isRoot()) return { ok: false, reason: 'network namespaces need root (not running as uid 0)' };
  ipPath = which('ip');
  if (!ipPath) return { ok: false, reason: "'ip' (iproute2) not found; apt-get install iproute2" };
  sweepStaleNamespaces(ipPath);
  const ns = uniqueName('hapair-probe');
  const add = run([ipPath, 'netns', 'add', ns], { timeoutMs: IP_TIMEOUT_MS });
  if (add.rc !== 0) return { ok: false, reason: `ip netns add failed: ${firstLine(add.error ?? add.out)}` };
  live.add(ns);
  try {
    const ex = run([ipPath, 'netns', 'exec', ns, 'true'], { timeoutMs: IP_TIMEOUT_MS });
    if (ex.rc !== 0) return { ok: false, reason: `ip netns exec failed: ${firstLine(ex.error ?? ex.out)}` };
    const errors: string[] = [];
    for (const t of LINK_TYPES) {
      const r = run([ipPath, '-n', ns, 'link', 'add', 'hpprobe0', 'type', t], { timeoutMs: IP_TIMEOUT_MS });
      if (r.rc === 0) {
        linkType = t;
        return { ok: true };
      }
      errors.push(`${t}: ${firstLine(r.error ?? r.out)}`);
    }
    return { ok: false, reason: `cannot create links in a namespace (${errors.join('; ')})` };
  } finally {
    deleteNamespace(ns);
  }
}

/**
 * Whether haproxy, keepalived and network namespaces can be used. Installs the programs with
 * `apt-get install -y haproxy keepalived` (running `apt-get update` only if that fails) when they
 * are missing and we are root. Computed once per process.
 */
export function ensureRealPrograms(): RealPrograms {
  if (memo) return memo;
  let haproxy = programAvailability('haproxy', ['-v']);
  let keepalived = programAvailability('keepalived', ['-v']);
  const overridden = Boolean(process.env.HAPAIR_HAPROXY || process.env.HAPAIR_KEEPALIVED);
  if ((!haproxy.ok || !keepalived.ok) && !overridden) {
    if (!isRoot()) {
      const why = 'not root, cannot apt-get install haproxy keepalived';
      if (!haproxy.ok) haproxy = { ok: false, reason: `${haproxy.reason}; ${why}` };
      if (!keepalived.ok) keepalived = { ok: false, reason: `${keepalived.reason}; ${why}` };
    } else {
      const err = aptInstall(['haproxy', 'keepalived']);
      haproxy = programAvailability('haproxy', ['-v']);
      keepalived = programAvailability('keepalived', ['-v']);
      if (err) {
        if (!haproxy.ok) haproxy = { ok: false, reason: `${haproxy.reason}; ${err}` };
        if (!keepalived.ok) keepalived = { ok: false, reason: `${keepalived.reason}; ${err}` };
      }
    }
  }
  const netns = probeNetns();
  memo = { haproxy, keepalived, netns };
  return memo;
}

// ---------------------------------------------------------------------------------------------
// haproxy -c
// ---------------------------------------------------------------------------------------------

// `[ALERT]    (482886) : config : parsing [x.cfg:1] : msg`   (2.4+; also `parsing [x.cfg:1]: msg`)
// `[WARNING]  (3844) : config : [r.cfg:5] : 'server x/a' : msg` (location without `parsing`)
// `[NOTICE]   (3840) : haproxy version is 2.6.12`              (no context)
// `[ALERT] 123/456789 (1234) : parsing [x.cfg:1] : msg`        (1.x/2.0 style with date)
// `[ALERT] config : parsing [x.cfg:1]: msg`                    (pid stripped, as in LABELS.tsv)
const HAPROXY_TAG = /^\[(ALERT|WARNING|NOTICE)\]\s*(?:\d+\/\d+\s*)?(?:\(\d+\)\s*)?(?::\s*)?(.*)$/;
const HAPROXY_CONTEXT = /^config\s*:\s*/;
const HAPROXY_LOCATION = /^(?:parsing\s+)?\[([^\]\n]+):(\d+)\]\s*:?\s*/;

/** Parses haproxy's `[ALERT]`/`[WARNING]`/`[NOTICE]` lines; `   | ...` continuation lines are appended. */
type Need = 'haproxy' | 'keepalived' | 'netns';

/** The loud one-line reason why a test needing these real programs cannot run here, or undefined when it can. */
export function unavailable(...needs: Need[]): string | undefined {
  const avail = ensureRealPrograms();
  for (const n of needs) {
    const a = avail[n];
    if (!a.ok) return `SKIPPED (real ${n} unavailable): ${a.reason}`;
  }
  return undefined;
}

/** Skips the running test (with the reason) when the named requirements are not met; returns true then. */
export function skipUnless(t: { skip(message?: string): void }, ...needs: Need[]): boolean {
  const reason = unavailable(...needs);
  if (reason) t.skip(reason);
  return reason !== undefined;
}

export function parseHaproxyOutput(raw: string): ProgramMessage[] {
  const out: ProgramMessage[] = [];
  let last: ProgramMessage | undefined;
  for (const rawLine of raw.split(/\r?\n/)) {
    const m = HAPROXY_TAG.exec(rawLine);
    if (m) {
      let rest = m[2]!.replace(HAPROXY_CONTEXT, '');
      const msg: ProgramMessage = { level: m[1]!.toLowerCase() as ProgramMessageLevel, message: '' };
      const loc = HAPROXY_LOCATION.exec(rest);
      if (loc) {
        msg.file = loc[1]!;
        msg.line = Number(loc[2]);
        rest = rest.slice(loc[0].length);
      }
      msg.message = rest.trim();
      out.push(msg);
      last = msg;
      continue;
    }
    const cont = /^\s+\|\s?(.*)$/.exec(rawLine);
    if (cont && last) {
      last.message = `${last.message} ${cont[1]!.trim()}`.trim();
      continue;
    }
    last = undefined;
  }
  return out;
}

/**
 * Runs `haproxy -c -dr -f FILE` (-dr: unresolvable server names are warnings, not errors), by default
 * in a private network namespace (see HaproxyCheckOptions.network). Killed after timeoutMs
 * (default 20 s), reported as timedOut with rc -1.
 */
export function haproxyCheck(file: string, opts: HaproxyCheckOptions = {}): HaproxyResult {
  const bin = programPath('haproxy');
  const argv = [bin ?? 'haproxy', '-c', '-dr', ...(opts.extraArgs ?? []), '-f', file];
  if (!bin) return { rc: -1, timedOut: false, messages: [], raw: '', command: argv, isolated: false, error: 'haproxy not found on PATH' };
  const env = opts.env ? { ...process.env, ...opts.env } : process.env;
  const exec = (prefix: string[], isolated: boolean): HaproxyResult => {
    // Relative paths in a config (a ring's backing-file, a pidfile) are created by `haproxy -c` itself: keep
    // them next to the config, never in the repository.
    const r = run([...prefix, ...argv], { cwd: opts.cwd ?? dirname(file), env, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    return {
      rc: r.rc,
      timedOut: r.timedOut,
      messages: parseHaproxyOutput(r.out),
      raw: r.out,
      command: argv,
      durationMs: r.durationMs,
      isolated,
      ...(r.error ? { error: r.error } : {}),
    };
  };
  const wantIsolated = opts.network === 'isolated' || (opts.network === undefined && ensureRealPrograms().netns.ok);
  if (!wantIsolated) return exec([], false);
  const res = withNamespace([], (ns) => exec([ipPath!, 'netns', 'exec', ns], true));
  if ('setupError' in res) return { rc: -1, timedOut: false, messages: [], raw: '', command: argv, isolated: false, error: res.setupError };
  return res;
}

// ---------------------------------------------------------------------------------------------
// keepalived -t output
// ---------------------------------------------------------------------------------------------

/**
 * Parses `(FILE: Line N) message`, `(Line N) message` and bare lines, dropping exact duplicates
 * (same file, line and message; keepalived may print a message once per parsing process).
 */
export function parseKeepalivedOutput(raw: string): ProgramMessage[] {
  const out: ProgramMessage[] = [];
  const seen = new Set<string>();
  for (const rawLine of raw.split(/\r?\n/)) {
    if (rawLine.trim() === '') continue;
    const msg: ProgramMessage = { level: 'unspecified', message: '' };
    const withFile = /^\((.+): Line (\d+)\)\s?(.*)$/.exec(rawLine);
    const noFile = withFile ? null : /^\(Line (\d+)\)\s?(.*)$/.exec(rawLine);
    if (withFile) {
      msg.file = withFile[1]!;
      msg.line = Number(withFile[2]);
      msg.message = withFile[3]!.trim();
    } else if (noFile) {
      msg.line = Number(noFile[1]);
      msg.message = noFile[2]!.trim();
    } else {
      msg.message = rawLine.trim();
    }
    const key = `${msg.file ?? ''}\u0000${msg.line ?? ''}\u0000${msg.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(msg);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Interface names used by a keepalived config
// ---------------------------------------------------------------------------------------------

const INCLUDE_KEYWORDS = new Set(['include', 'includer', 'includem', 'includew', 'includeb', 'includea']);
/** Keywords whose next word is an interface name. */
const IFACE_AFTER = new Set(['interface', 'dev', 'oif', 'iif', 'lvs_sync_daemon', 'lvs_sync_daemon_interface', 'bind_if', 'default_interface', 'track_interface']);
/** Blocks whose entries start with an interface name (first word) or are all interface names. */
const IFACE_FIRST_WORD_BLOCKS = new Set(['track_interface']);
const IFACE_ALL_WORDS_BLOCKS = new Set(['linkbeat_interfaces', 'interfaces']);
const STATIC_BLOCKS = new Set(['static_ipaddress', 'static_routes', 'static_rules']);

/** keepalived's default config-id: the first part of the node name. */
function defaultConfigId(): string {
  return hostname().split('.')[0] ?? '';
}

/** Removes `#`/`!` comments outside double quotes (keepalived's decomment, simplified). */
function decomment(line: string): string {
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && !inQuote) {
      i++;
      continue;
    }
    if (c === '"') inQuote = !inQuote;
    else if (!inQuote && (c === '#' || c === '!')) return line.slice(0, i);
  }
  return line;
}

function substitute(line: string, defs: Map<string, string>, depth = 0): string {
  if (depth > 10 || !line.includes('$')) return line;
  const next = line
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (all, name: string) => defs.get(name) ?? all)
    .replace(/\$([A-Za-z_][A-Za-z0-9_]*)(?=[ \t,)]|$)/g, (all, name: string) => defs.get(name) ?? all);
  return next === line ? line : substitute(next, defs, depth + 1);
}

/** Words of a line, with `{` and `}` as words of their own and `"..."` unquoted. */
function tokenize(line: string): string[] {
  const out: string[] = [];
  // `${NAME}` left unsubstituted stays one word (an undefined name in a placeholder-style config).
  const re = /"([^"]*)"?|([{}])|((?:\$\{[^}\s]*\}|[^\s{}"])+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

function expandBraces(pattern: string): string[] {
  const m = /\{([^{}]*,[^{}]*)\}/.exec(pattern);
  if (!m) return [pattern];
  const pre = pattern.slice(0, m.index);
  const post = pattern.slice(m.index + m[0].length);
  return m[1]!.split(',').flatMap((alt) => expandBraces(pre + alt + post));
}

function globToRegExp(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${seg.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Minimal glob(3): `*`, `?`, `[...]` per path segment and csh `{a,b}`; sorted like glob. */
function globFiles(pattern: string): string[] {
  const results: string[] = [];
  for (const pat of expandBraces(pattern)) {
    const segs = pat.split('/');
    let bases = [pat.startsWith('/') ? '/' : '.'];
    for (let i = pat.startsWith('/') ? 1 : 0; i < segs.length; i++) {
      const seg = segs[i]!;
      if (seg === '') continue;
      const next: string[] = [];
      for (const b of bases) {
        if (!/[*?[]/.test(seg)) {
          next.push(join(b, seg));
          continue;
        }
        const re = globToRegExp(seg);
        let names: string[] = [];
        try {
          names = readdirSync(b);
        } catch {
          /* unreadable */
        }
        for (const n of names.sort()) if (re.test(n) && (!n.startsWith('.') || seg.startsWith('.'))) next.push(join(b, n));
      }
      bases = next;
    }
    for (const b of bases) {
      try {
        if (statSync(b).isFile()) results.push(b);
      } catch {
        /* missing */
      }
    }
  }
  return results;
}

export interface InterfaceScan {
  /** Names in order of first use. */
  names: string[];
  /** Files read (main file first, then includes). */
  files: string[];
}

/**
 * Interface names a keepalived config refers to: after `interface`, `dev`, `oif`/`iif`,
 * `lvs_sync_daemon[_interface]`, `bind_if`, `default_interface`, the entries of
 * `track_interface { }`, `linkbeat_interfaces { }` and garp_group `interfaces { }`; follows `include`
 * (relative to the including file, with globs), applies `$NAME=value` definitions and `@id` lines.
 * When static_ipaddress/static_routes/static_rules are used and no `default_interface` is set,
 * keepalived's default interface `eth0` is added (static entries without `dev` need it).
 */
export function keepalivedInterfaces(file: string, configId: string = defaultConfigId()): InterfaceScan {
  const names: string[] = [];
  const files: string[] = [];
  const defs = new Map<string, string>();
  let usesStatic = false;
  let hasDefaultInterface = false;
  const add = (n: string | undefined): void => {
    if (n && !names.includes(n)) names.push(n);
  };

  const visit = (path: string, depth: number): void => {
    const abs = resolve(path);
    if (depth > 16 || files.includes(abs)) return;
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      return;
    }
    files.push(abs);
    const stack: string[] = [];
    let lastStmtKeyword: string | undefined;
    let pendingDef: { name: string; value: string } | undefined;

    const statement = (words: string[]): void => {
      if (words.length === 0) return;
      const block = stack[stack.length - 1];
      if (block && IFACE_FIRST_WORD_BLOCKS.has(block)) add(words[0]);
      if (block && IFACE_ALL_WORDS_BLOCKS.has(block)) words.forEach(add);
      for (let i = 0; i < words.length - 1; i++) {
        if (IFACE_AFTER.has(words[i]!)) {
          add(words[i + 1]);
          if (words[i] === 'default_interface') hasDefaultInterface = true;
        }
      }
    };

    for (const physical of text.split(/\r?\n/)) {
      // multi-line $NAME=value definitions (trailing backslash)
      if (pendingDef) {
        const cont = physical.trim();
        if (cont.endsWith('\\')) pendingDef.value += ` ${cont.slice(0, -1).trim()}`;
        else {
          pendingDef.value += ` ${cont}`;
          defs.set(pendingDef.name, pendingDef.value.trim());
          pendingDef = undefined;
        }
        continue;
      }
      let line = decomment(physical).trim();
      if (line === '') continue;
      const cond = /^@(\^?)(\S+)\s+(.*)$/.exec(line);
      if (cond) {
        const match = cond[2] === configId;
        if ((cond[1] === '^') === match) continue;
        line = cond[3]!;
      }
      const def = /^\$([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      if (def) {
        const value = def[2]!.trimStart();
        if (value.endsWith('\\')) pendingDef = { name: def[1]!, value: value.slice(0, -1) };
        else defs.set(def[1]!, value);
        continue;
      }
      const inc = /^(\S+)\s+(.+)$/.exec(line);
      if (inc && INCLUDE_KEYWORDS.has(inc[1]!)) {
        const target = inc[2]!.trim().replace(/^"(.*)"$/, '$1');
        const pattern = isAbsolute(target) ? target : join(dirname(abs), target);
        for (const f of globFiles(pattern)) visit(f, depth + 1);
        continue;
      }
      line = substitute(line, defs);
      let words: string[] = [];
      for (const tok of tokenize(line)) {
        if (tok === '{') {
          const kw = words[0] ?? lastStmtKeyword ?? '';
          if (STATIC_BLOCKS.has(kw)) usesStatic = true;
          statement(words);
          stack.push(kw);
          words = [];
        } else if (tok === '}') {
          statement(words);
          stack.pop();
          words = [];
        } else words.push(tok);
      }
      statement(words);
      if (words.length > 0) lastStmtKeyword = words[0];
    }
  };

  visit(file, 0);
  if (usesStatic && !hasDefaultInterface) add('eth0');
  return { names, files };
}

/** Why a name cannot be created as a link, or undefined when it can. */
function interfaceNameProblem(name: string): string | undefined {
  if (name.length > IFNAME_MAX) return `longer than ${IFNAME_MAX} characters`;
  if (name === '.' || name === '..') return 'not a valid interface name';
  // Linux also allows other characters, but names like `<--INTERFACE-->` or `${IF}` are
  // unsubstituted placeholders: a real host would not have them either.
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) return 'not a plausible interface name (placeholder?)';
  if (name === 'lo') return 'always present';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Network namespaces
// ---------------------------------------------------------------------------------------------

let seq = 0;
const live = new Set<string>();

function uniqueName(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid}-${seq}-${randomBytes(3).toString('hex')}`;
}

/**
 * Deletes namespaces this harness left behind in processes that no longer exist (killed by a signal
 * mid-run). Only names of the form hapair[-probe]-<pid>-<seq>-<hex> with a dead <pid> are touched.
 */
function sweepStaleNamespaces(ip: string): void {
  const list = run([ip, 'netns', 'list'], { timeoutMs: IP_TIMEOUT_MS });
  if (list.rc !== 0) return;
  for (const line of list.out.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const m = /^hapair(?:-probe)?-(\d+)-\d+-[0-9a-f]+$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) run([ip, 'netns', 'delete', name], { timeoutMs: IP_TIMEOUT_MS });
  }
}

/** Link type used for the interfaces in test namespaces ('dummy', or 'bridge'/'ifb' as fallback). */
export function netnsLinkType(): string | undefined {
  ensureRealPrograms();
  return linkType;
}

function deleteNamespace(ns: string): void {
  if (!ipPath) return;
  run([ipPath, 'netns', 'delete', ns], { timeoutMs: IP_TIMEOUT_MS });
  live.delete(ns);
}

// Namespaces left over when the process exits early (uncaught exception, process.exit in a test).
process.once('exit', () => {
  for (const ns of [...live]) deleteNamespace(ns);
});

/** Creates a namespace with lo up and one link per name, runs fn inside, and always deletes it. */
function withNamespace<T>(
  ifaces: string[],
  fn: (ns: string, created: string[], skipped: { name: string; reason: string }[]) => T,
): T | { setupError: string } {
  const avail = ensureRealPrograms().netns;
  if (!avail.ok || !ipPath || !linkType) return { setupError: `network namespace unavailable: ${avail.ok ? 'no link type' : avail.reason}` };
  const ip = ipPath;
  const ns = uniqueName('hapair');
  const add = run([ip, 'netns', 'add', ns], { timeoutMs: IP_TIMEOUT_MS });
  if (add.rc !== 0) return { setupError: `ip netns add ${ns} failed: ${firstLine(add.error ?? add.out)}` };
  live.add(ns);
  try {
    run([ip, '-n', ns, 'link', 'set', 'lo', 'up'], { timeoutMs: IP_TIMEOUT_MS });
    const created: string[] = [];
    const skipped: { name: string; reason: string }[] = [];
    for (const name of ifaces) {
      const problem = interfaceNameProblem(name);
      if (problem) {
        skipped.push({ name, reason: problem });
        continue;
      }
      const r = run([ip, '-n', ns, 'link', 'add', name, 'type', linkType], { timeoutMs: IP_TIMEOUT_MS });
      if (r.rc !== 0) {
        skipped.push({ name, reason: `ip link add failed: ${firstLine(r.error ?? r.out)}` });
        continue;
      }
      run([ip, '-n', ns, 'link', 'set', name, 'up'], { timeoutMs: IP_TIMEOUT_MS });
      created.push(name);
    }
    return fn(ns, created, skipped);
  } finally {
    deleteNamespace(ns);
  }
}

// ---------------------------------------------------------------------------------------------
// keepalived -t
// ---------------------------------------------------------------------------------------------

/**
 * Runs `keepalived -l -D -t -f FILE [-i configId]` inside a fresh network namespace holding a link
 * for each interface name the config uses (or opts.interfaces). Exit codes (2.2.7): 0 ok,
 * 4/5 config problems (5 also for warnings only), 6 script security / includea missing, 2 fatal
 * parse error (missing parameter); -1 when it did not run or did not finish.
 */
export function keepalivedTest(file: string, opts: KeepalivedTestOptions = {}): KeepalivedResult {
  const bin = programPath('keepalived');
  const argv = [bin ?? 'keepalived', '-l', '-D', '-t', '-f', file, ...(opts.configId !== undefined ? ['-i', opts.configId] : [])];
  const base = { messages: [] as ProgramMessage[], raw: '', command: argv, interfaces: [] as string[], skippedInterfaces: [] as { name: string; reason: string }[] };
  if (!bin) return { ...base, rc: -1, timedOut: false, error: 'keepalived not found on PATH' };
  const ifaces = opts.interfaces ?? keepalivedInterfaces(file, opts.configId ?? defaultConfigId()).names;
  const res = withNamespace(ifaces, (ns, created, skipped): KeepalivedResult => {
    const r = run([ipPath!, 'netns', 'exec', ns, ...argv], { timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    return {
      rc: r.rc,
      timedOut: r.timedOut,
      messages: parseKeepalivedOutput(r.out),
      raw: r.out,
      command: argv,
      durationMs: r.durationMs,
      namespace: ns,
      interfaces: created,
      skippedInterfaces: skipped,
      ...(r.error ? { error: r.error } : {}),
    };
  });
  if ('setupError' in res) return { ...base, rc: -1, timedOut: false, error: res.setupError };
  return res;
}

/** Short human summary of a result, for assertion messages. */
export function describeResult(r: ProgramResult): string {
  const head = `${(r.command ?? []).join(' ')} -> rc=${r.rc}${r.timedOut ? ' (timed out)' : ''}${r.error ? ` [${r.error}]` : ''}`;
  return `${head}\n${r.raw.trimEnd()}`;
}
