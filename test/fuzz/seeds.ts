/**
 * Seed inputs for the mutation fuzzer: the shared real-world corpus (../shared/corpus, when it is there), every
 * test fixture and seed workspace, the example, and every snippet expanded. Single files seed single-file cases;
 * folders with several configs (fixtures with lb1/lb2, test/seeds/*, examples/*) seed workspace cases.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { languageFromContent, languageFromName } from '../../server/src/workspace/detect.js';
import type { Language } from '../../server/src/workspace/types.js';
import { CORPUS_DIR, corpusAvailable } from '../support/corpus.js';
import { expandSnippet } from '../support/snippet-expander.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface SeedFile {
  readonly name: string;
  readonly text: string;
  readonly language: Language;
}

export interface SeedWorkspace {
  readonly name: string;
  /** Paths relative to the workspace folder. */
  readonly files: ReadonlyArray<{ readonly rel: string; readonly text: string }>;
}

export interface Seeds {
  readonly files: SeedFile[];
  readonly workspaces: SeedWorkspace[];
  readonly corpus: boolean;
}

/** Corpus files above this size are left out: mutating them costs time and finds nothing smaller ones do not. */
const MAX_SEED = 64 * 1024;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

function languageOf(path: string, text: string, hint?: Language): Language | undefined {
  return languageFromName(path) ?? languageFromContent(text) ?? hint ?? (/\.cfg(\.j2)?$/.test(path) ? 'haproxy' : /\.conf(\.j2)?$/.test(path) ? 'keepalived' : undefined);
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

let cached: Seeds | undefined;

export function loadSeeds(): Seeds {
  if (cached) return cached;
  const files: SeedFile[] = [];
  const workspaces: SeedWorkspace[] = [];
  const addFile = (name: string, text: string, hint?: Language) => {
    if (text.length > MAX_SEED) return;
    const language = languageOf(name, text, hint);
    if (language) files.push({ name, text, language });
  };

  const corpus = corpusAvailable();
  if (corpus) {
    for (const kind of ['haproxy', 'keepalived', 'jinja'] as const) {
      const dir = join(CORPUS_DIR, kind);
      if (!existsSync(dir)) continue;
      for (const path of walk(dir)) addFile(`corpus/${kind}/${relative(dir, path)}`, read(path), kind === 'jinja' ? undefined : kind);
    }
  }

  // Fixtures, seed workspaces and examples: every file on its own, and every folder holding two or more configs
  // as a workspace (the deepest folder that has node subfolders or several configs).
  for (const base of ['test/fixtures', 'test/seeds', 'examples']) {
    const abs = join(REPO, base);
    if (!existsSync(abs)) continue;
    const all = walk(abs).filter((p) => /\.(cfg|conf|j2|json)$/.test(p) || p.endsWith('hapair.json'));
    for (const path of all) if (!path.endsWith('.json')) addFile(relative(REPO, path), read(path));
    const groups = new Map<string, string[]>();
    for (const path of all) {
      const rel = relative(abs, path).split('/');
      // test/fixtures/<rule>/<case>/…, test/seeds/<seed>/…, examples/<example>/…
      const depth = base === 'test/fixtures' ? 2 : 1;
      if (rel.length <= depth) continue;
      const key = join(abs, ...rel.slice(0, depth));
      groups.set(key, [...(groups.get(key) ?? []), path]);
    }
    for (const [dir, paths] of groups) {
      if (paths.length < 2) continue;
      workspaces.push({ name: relative(REPO, dir), files: paths.map((p) => ({ rel: relative(dir, p), text: read(p) })) });
    }
  }

  // Snippets: the default expansion, and the raw body (tab stops and all) as a stress input.
  for (const language of ['haproxy', 'keepalived'] as const) {
    const snippets = JSON.parse(read(join(REPO, 'snippets', `${language}.json`))) as Record<string, { body: string | string[] }>;
    for (const [name, s] of Object.entries(snippets)) {
      const body = typeof s.body === 'string' ? s.body : s.body.join('\n');
      files.push({ name: `snippet:${language}:${name}`, text: `${expandSnippet(s.body)}\n`, language });
      files.push({ name: `snippet-raw:${language}:${name}`, text: `${body}\n`, language });
    }
  }
  cached = { files, workspaces, corpus };
  return cached;
}
