/**
 * Runs every target on a case and reports the first failure; shrinks failing cases; writes crash files and
 * reads regression fixtures.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseHash, caseSize, mainText, type FuzzCase, type FuzzFile } from './case.js';
import { splitLines } from './mutate.js';
import { FEATURE_TARGETS } from './feature-targets.js';
import { CaseContext, cursorOf, TARGETS, type Target } from './targets.js';
import { TYPING_TARGET } from './typing-target.js';

/** Every target: the core (targets.ts) and the editor features (feature-targets.ts). */
export const ALL_TARGETS: readonly Target<never>[] = [...TARGETS, TYPING_TARGET as Target<never>, ...(FEATURE_TARGETS as unknown as Target<never>[])];

export interface Failure {
  readonly target: string;
  readonly kind: 'exception' | 'invalid' | 'slow';
  readonly message: string;
  readonly stack?: string;
}

export interface RunOptions {
  readonly targets?: readonly Target<never>[];
  /** A case below 1 MB that takes longer than this (twice in a row) fails as 'slow'. Off when undefined. */
  readonly slowMs?: number;
}

/**
 * CPU time of this process in milliseconds. Timing limits use it rather than the clock: on a shared machine a
 * busy neighbour slows the clock time of a case, not the CPU time it needs (each fuzz worker is its own process).
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function runTargets(c: FuzzCase, targets: readonly Target<never>[], timings?: Map<string, number>): Failure | undefined {
  const ctx = new CaseContext(c);
  const cursor = cursorOf(ctx);
  for (const t of targets as readonly Target<unknown>[]) {
    let result: unknown;
    const t0 = cpuMs();
    try {
      result = t.run(ctx, cursor);
    } catch (e) {
      if (t.expected?.(e)) continue;
      const err = e instanceof Error ? e : new Error(String(e));
      return { target: t.name, kind: 'exception', message: `${err.name}: ${err.message}`, stack: err.stack };
    } finally {
      timings?.set(t.name, (cpuMs() - t0) / (t.runs ?? 1));
    }
    let problem: string | undefined;
    try {
      problem = t.check?.(result, ctx, cursor);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      return { target: t.name, kind: 'exception', message: `${err.name} while checking the result: ${err.message}`, stack: err.stack };
    }
    if (problem) return { target: t.name, kind: 'invalid', message: problem };
  }
  return undefined;
}

/**
 * Runs every target on the case. With `slowMs`, a target whose run (per analysis it makes) takes more CPU time
 * than that on an input under 1 MB fails as 'slow', if it does so twice in a row (a GC pause is not a slow input).
 */
export function runCase(c: FuzzCase, options: RunOptions = {}): Failure | undefined {
  const targets = options.targets ?? ALL_TARGETS;
  if (options.slowMs === undefined || caseSize(c) >= 1_000_000) return runTargets(c, targets);
  const first = new Map<string, number>();
  const failure = runTargets(c, targets, first);
  if (failure) return failure;
  const slow = [...first].filter(([, ms]) => ms > options.slowMs!);
  if (slow.length === 0) return undefined;
  const again = new Map<string, number>();
  runTargets(c, targets, again);
  const still = slow.filter(([name]) => (again.get(name) ?? 0) > options.slowMs!);
  if (still.length === 0) return undefined;
  const [name, ms] = still[0]!;
  return { target: name, kind: 'slow', message: `${caseSize(c)} characters took ${ms.toFixed(0)} ms, then ${again.get(name)!.toFixed(0)} ms (limit ${options.slowMs} ms)` };
}

/** What makes two failures "the same": target, kind, and for exceptions the error type and the innermost project frame. */
export function signature(f: Failure): string {
  if (f.kind === 'slow') return `${f.target}|slow`;
  if (f.kind === 'exception') {
    const frame = (f.stack ?? '').split('\n').find((l) => /server\/src\//.test(l))?.replace(/^.*?(server\/src\/[^:)]+:\d+).*$/, '$1') ?? '';
    return `${f.target}|exception|${f.message.replace(/:.*$/s, '')}|${frame}`;
  }
  // For invalid results: the shape of the message, without numbers and quoted text.
  return `${f.target}|invalid|${f.message.replace(/'[^']*'|"[^"]*"|\d+/g, '#').slice(0, 80)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Shrinking

/**
 * Greedy delta debugging: drops options, other files, then chunks of lines and of characters of each file
 * (halving the chunk size), keeping every removal after which the case still fails the same way.
 */
export function minimize(c: FuzzCase, failure: Failure, options: RunOptions = {}, budgetMs = 60_000): FuzzCase {
  const sig = signature(failure);
  const deadline = performance.now() + budgetMs;
  // Only the target that failed (another one failing first on a smaller input would change the signature).
  const only = ALL_TARGETS.filter((t) => t.name === failure.target);
  const focused: RunOptions = { ...options, targets: options.targets ?? (only.length > 0 ? only : undefined) };
  const fails = (x: FuzzCase): boolean => {
    const f = runCase(x, focused);
    return f !== undefined && signature(f) === sig;
  };
  let best = c;
  const attempt = (x: FuzzCase): boolean => {
    if (performance.now() > deadline) return false;
    const clamped = { ...x, cursor: Math.min(x.cursor, mainText(x).length) };
    if (!fails(clamped)) return false;
    best = clamped;
    return true;
  };

  attempt({ ...best, peer: {}, recheck: undefined, edits: undefined, versions: undefined });
  attempt({ ...best, discover: false });
  attempt({ ...best, cursor: 0 });
  for (const f of [...best.files]) {
    if (f.path !== best.main) attempt({ ...best, files: best.files.filter((x) => x !== f) });
  }
  /** The case with [from, to) of a file's text removed; in the main file the cursor keeps its place in the text. */
  const without = (path: string, parts: string[], i: number, chunk: number): FuzzCase => {
    const from = parts.slice(0, i).join('').length;
    const to = from + parts.slice(i, i + chunk).join('').length;
    const text = [...parts.slice(0, i), ...parts.slice(i + chunk)].join('');
    const cursor = path !== best.main || best.cursor < from ? best.cursor : best.cursor >= to ? best.cursor - (to - from) : from;
    return { ...best, cursor, files: best.files.map((f): FuzzFile => (f.path === path ? { ...f, text } : f)) };
  };
  const shrink = (path: string, units: (t: string) => string[]) => {
    let parts = units(best.files.find((f) => f.path === path)!.text);
    for (let chunk = Math.max(1, parts.length >> 1); chunk >= 1; chunk = chunk === 1 ? 0 : Math.max(1, chunk >> 1)) {
      for (let i = 0; i < parts.length && performance.now() < deadline; ) {
        if (attempt(without(path, parts, i, chunk))) parts = [...parts.slice(0, i), ...parts.slice(i + chunk)];
        else i += chunk;
      }
    }
  };
  const paths = [best.main, ...best.files.map((f) => f.path).filter((p) => p !== best.main)];
  for (const path of paths) {
    if (!best.files.some((f) => f.path === path)) continue;
    shrink(path, splitLines);
    shrink(path, (t) => t.split(''));
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Crash files and regressions

export const FUZZ_DIR = new URL('.', import.meta.url).pathname;
export const CRASH_DIR = join(FUZZ_DIR, 'crashes');
export const REGRESSION_DIR = join(FUZZ_DIR, 'regressions');

export interface CrashRecord {
  /** One line: what failed, where. */
  readonly description: string;
  readonly failure: Failure;
  /** How to regenerate the original (unshrunk) case. */
  readonly found?: string;
  readonly case: FuzzCase;
}

export function describe(f: Failure, c: FuzzCase): string {
  return `${f.target} ${f.kind}: ${f.message.split('\n')[0]!.slice(0, 300)} [${c.language} ${c.discover ? 'workspace' : 'file'}, ${caseSize(c)} chars; ${c.origin.slice(0, 200)}]`;
}

/** Writes `<hash>.json` (the exact case) and `<hash>.cfg|.conf` (the main file, for reading). Returns the json path. */
export function writeCrash(dir: string, record: CrashRecord): string {
  mkdirSync(dir, { recursive: true });
  const hash = caseHash(record.case);
  const ext = record.case.language === 'haproxy' ? 'cfg' : 'conf';
  writeFileSync(join(dir, `${hash}.${ext}`), mainText(record.case));
  const json = join(dir, `${hash}.json`);
  writeFileSync(json, JSON.stringify(record, null, 2) + '\n');
  return json;
}

export function loadRecords(dir: string): Array<{ name: string; record: CrashRecord }> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((name) => ({ name, record: JSON.parse(readFileSync(join(dir, name), 'utf8')) as CrashRecord }));
}
