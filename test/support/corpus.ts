// Test support: the shared real-world corpus (../shared/corpus next to the repository, or
// $HAPAIR_CORPUS) and its LABELS.tsv (what the real programs said about each file).
// Tests that use it must skip cleanly when corpusAvailable() is false.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type CorpusKind = 'haproxy' | 'keepalived' | 'jinja';

/**
 * Directory of this file. tsx may load test files as CommonJS (`__dirname` defined) or as ES
 * modules (it is not, and `import.meta` is not allowed in this CommonJS package), so use the
 * stack trace, then `__dirname`, then the nearest package.json named "hapair" above the cwd.
 */
function thisDir(): string {
  const stack = new Error().stack ?? '';
  const m = /(file:\/\/\/[^\s)]*?|\/[^\s():]*?)\/corpus\.[cm]?[jt]s\b/.exec(stack);
  if (m) return m[1]!.startsWith('file:') ? fileURLToPath(m[1]!) : m[1]!;
  // `node -e` defines a global __dirname of '.', hence the isAbsolute check
  if (typeof __dirname === 'string' && isAbsolute(__dirname)) return __dirname;
  for (let d = process.cwd(); ; d = dirname(d)) {
    try {
      if ((JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { name?: string }).name === 'hapair') return join(d, 'test', 'support');
    } catch {
      /* keep looking */
    }
    if (dirname(d) === d) return join(process.cwd(), 'test', 'support');
  }
}

/** Repository root (this file is test/support/corpus.ts). */
export const REPO_ROOT = resolve(thisDir(), '..', '..');

/** $HAPAIR_CORPUS, else `../shared/corpus` relative to the repository root. */
export const CORPUS_DIR = process.env.HAPAIR_CORPUS ? resolve(process.env.HAPAIR_CORPUS) : resolve(REPO_ROOT, '..', 'shared', 'corpus');

export const LABELS_FILE = join(CORPUS_DIR, 'LABELS.tsv');

export function corpusAvailable(): boolean {
  try {
    return statSync(CORPUS_DIR).isDirectory() && existsSync(LABELS_FILE);
  } catch {
    return false;
  }
}

/** Why the corpus is unavailable (for t.skip), or undefined when it is there. */
export function corpusSkipReason(): string | undefined {
  return corpusAvailable() ? undefined : `corpus not found at ${CORPUS_DIR} (set HAPAIR_CORPUS to override)`;
}

/** One row of LABELS.tsv (one program run). */
export interface CorpusLabel {
  /** Path relative to CORPUS_DIR, e.g. `keepalived/foo.conf`. */
  localFile: string;
  kind: CorpusKind;
  /** Absolute path of the corpus file. */
  path: string;
  tool: string;
  exitCode: number;
  /** `ok`, `env`, `syntax`, `not-jinja`. */
  category: string;
  firstMessage: string;
  detail: string;
  notes: string;
}

/** What one program said about one file, with the line its first message names (if any). */
export interface Verdict {
  tool: string;
  exitCode: number;
  category: string;
  firstMessage: string;
  /** Line number named by firstMessage: `parsing [f:55]`, `[f:49]`, `(f: Line 12)`, `(Line 12)`, `line 27:`. */
  line?: number;
  detail: string;
  notes: string;
}

export interface HaproxyCorpusRecord {
  kind: 'haproxy';
  localFile: string;
  path: string;
  /** Debian haproxy 2.6.12 `-c -dr`. */
  v26?: Verdict;
  /** haproxy 3.5-dev5 `-c -dr`. */
  v35?: Verdict;
}

export interface KeepalivedCorpusRecord {
  kind: 'keepalived';
  localFile: string;
  path: string;
  /** keepalived 2.2.7 `-l -D -t -f` in a namespace with the interfaces the file uses. */
  verdict: Verdict;
  /** `dummy_ifaces=` from notes: the interfaces the labeller created. */
  labelInterfaces: string[];
  /** `rc_host_netns=` from notes: exit code without those interfaces, if recorded. */
  rcWithoutInterfaces?: number;
}

export interface JinjaCorpusRecord {
  kind: 'jinja';
  localFile: string;
  path: string;
  verdict: Verdict;
}

const HEADER = ['local_file', 'tool', 'exit_code', 'category', 'first_message', 'detail', 'notes'];

function kindOf(localFile: string): CorpusKind {
  const top = localFile.split('/')[0];
  if (top === 'haproxy' || top === 'keepalived' || top === 'jinja') return top;
  throw new Error(`LABELS.tsv: unexpected directory in '${localFile}'`);
}

let labelsMemo: CorpusLabel[] | undefined;

/** All rows of LABELS.tsv. Throws if the corpus is missing (check corpusAvailable() first). */
export function loadLabels(): CorpusLabel[] {
  if (labelsMemo) return labelsMemo;
  const text = readFileSync(LABELS_FILE, 'utf8');
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  if (HEADER.some((h, i) => header[i] !== h)) throw new Error(`LABELS.tsv: unexpected header ${JSON.stringify(header)}`);
  const rows: CorpusLabel[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const c = line.split('\t');
    if (c.length < 4) throw new Error(`LABELS.tsv:${i + 1}: expected ${HEADER.length} columns, got ${c.length}`);
    const exitCode = Number(c[2]);
    if (!Number.isInteger(exitCode)) throw new Error(`LABELS.tsv:${i + 1}: bad exit_code '${c[2]}'`);
    const localFile = c[0]!;
    rows.push({
      localFile,
      kind: kindOf(localFile),
      path: join(CORPUS_DIR, localFile),
      tool: c[1]!,
      exitCode,
      category: c[3]!,
      firstMessage: c[4] ?? '',
      detail: c[5] ?? '',
      // notes may itself contain tabs in principle: keep everything after column 6
      notes: c.slice(6).join('\t'),
    });
  }
  labelsMemo = rows;
  return rows;
}

/** Line number named by a program message, if any. */
export function messageLine(message: string): number | undefined {
  const patterns = [
    /parsing \[[^\]]*:(\d+)\]/, // haproxy: parsing [file:55]
    /\[[^\]\s]+:(\d+)\]/, // haproxy: [file:49] : 'server ...'
    /\([^()]*: Line (\d+)\)/, // keepalived: (file: Line 12)
    /\(Line (\d+)\)/, // keepalived: (Line 12)
    /^line (\d+):/, // jinja2: line 27: unexpected '.'
  ];
  for (const re of patterns) {
    const m = re.exec(message);
    if (m) return Number(m[1]);
  }
  return undefined;
}

function verdictOf(l: CorpusLabel): Verdict {
  const v: Verdict = { tool: l.tool, exitCode: l.exitCode, category: l.category, firstMessage: l.firstMessage, detail: l.detail, notes: l.notes };
  const line = messageLine(l.firstMessage);
  if (line !== undefined) v.line = line;
  return v;
}

/** One record per corpus file of that kind, with the programs' verdicts. */
export function labelsFor(kind: 'haproxy'): HaproxyCorpusRecord[];
export function labelsFor(kind: 'keepalived'): KeepalivedCorpusRecord[];
export function labelsFor(kind: 'jinja'): JinjaCorpusRecord[];
export function labelsFor(kind: CorpusKind): HaproxyCorpusRecord[] | KeepalivedCorpusRecord[] | JinjaCorpusRecord[] {
  const rows = loadLabels().filter((l) => l.kind === kind);
  if (kind === 'haproxy') {
    const byFile = new Map<string, HaproxyCorpusRecord>();
    for (const l of rows) {
      let rec = byFile.get(l.localFile);
      if (!rec) {
        rec = { kind: 'haproxy', localFile: l.localFile, path: l.path };
        byFile.set(l.localFile, rec);
      }
      if (/haproxy-2\.6/.test(l.tool)) rec.v26 = verdictOf(l);
      else if (/haproxy-3\.5/.test(l.tool)) rec.v35 = verdictOf(l);
      else throw new Error(`LABELS.tsv: unknown haproxy tool '${l.tool}' for ${l.localFile}`);
    }
    return [...byFile.values()];
  }
  if (kind === 'keepalived') {
    return rows.map((l): KeepalivedCorpusRecord => {
      const ifs = /(?:^|;\s*)dummy_ifaces=([^;\s]*)/.exec(l.notes)?.[1];
      const rcHost = /(?:^|;\s*)rc_host_netns=(\d+)/.exec(l.notes)?.[1];
      const rec: KeepalivedCorpusRecord = {
        kind: 'keepalived',
        localFile: l.localFile,
        path: l.path,
        verdict: verdictOf(l),
        labelInterfaces: !ifs || ifs === '-' ? [] : ifs.split(','),
      };
      if (rcHost !== undefined) rec.rcWithoutInterfaces = Number(rcHost);
      return rec;
    });
  }
  return rows.map((l): JinjaCorpusRecord => ({ kind: 'jinja', localFile: l.localFile, path: l.path, verdict: verdictOf(l) }));
}

/** Absolute paths of the regular files under CORPUS_DIR/<kind>/ (sorted); [] when absent. */
export function corpusFiles(kind: CorpusKind): string[] {
  const dir = join(CORPUS_DIR, kind);
  const out: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names.sort()) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}
