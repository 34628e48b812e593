/**
 * Ansible projects for the tests: files written to a temporary folder (or seed 001 copied and edited), then
 * analysed the way `hapair check <folder>` does it, with findings printed as `file:line code: message`.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer, type AnalysisResult } from '../../server/src/analysis/analyze.js';
import type { Finding } from '../../server/src/rules/rule.js';
import type { FileSystem } from '../../server/src/workspace/fs.js';
import { nodeFileSystem } from '../../server/src/workspace/node-fs.js';
import { Workspace } from '../../server/src/workspace/workspace.js';

export const SEED_001 = fileURLToPath(new URL('../seeds/001-ansible-role', import.meta.url));

export interface Project {
  readonly root: string;
  write(rel: string, text: string): void;
  /** A fresh analysis of the folder. */
  check(): Checked;
  dispose(): void;
}

export interface Checked {
  readonly result: AnalysisResult;
  /** `rel/path:line code: message`, sorted. */
  readonly lines: string[];
  /** The related locations of each finding, as `rel/path:line message`. */
  related(f: Finding): string[];
}

export function project(files: Record<string, string>, from?: string): Project {
  const root = mkdtempSync(join(tmpdir(), 'hapair-ansible-'));
  if (from) cpSync(from, root, { recursive: true });
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return {
    root,
    write,
    check: () => check(root),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function check(root: string, analyzer = new Analyzer()): Checked {
  const ws = new Workspace(nodeFileSystem, [root]);
  ws.discover(root);
  const rel = (p: string) => (p.startsWith(root + '/') ? p.slice(root.length + 1) : p);
  const result = analyzer.run(ws, undefined, rel);
  const at = (file: Finding['file'], start: number) => `${rel(file.uri)}:${file.lines().lineOf(start) + 1}`;
  return {
    result,
    lines: result.findings.map((f) => `${at(f.file, f.span.start)} ${f.code}: ${f.message}`),
    related: (f) => (f.related ?? []).map((r) => `${at(r.file, r.span.start)} ${r.message}`),
  };
}

/** An in-memory tree under `/p` (paths relative to it), for tests that need no disk. */
export function memoryFs(files: Record<string, string>): FileSystem {
  const all = new Map(Object.entries(files).map(([rel, text]) => [`/p/${rel}`, text]));
  const isDir = (path: string) => [...all.keys()].some((f) => f.startsWith(`${path}/`));
  return {
    readFile: (path) => (all.has(path) ? { text: all.get(path)!, binary: false } : undefined),
    kind: (path) => (all.has(path) ? 'file' : isDir(path) ? 'dir' : undefined),
    readDir: (path) => (isDir(path) ? [...new Set([...all.keys()].filter((f) => f.startsWith(`${path}/`)).map((f) => f.slice(path.length + 1).split('/')[0]!))].sort() : undefined),
  };
}
