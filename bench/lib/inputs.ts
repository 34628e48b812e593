/**
 * Generated benchmark inputs, cached outside the repository in $HAPAIR_BENCH_CACHE or
 * ${XDG_CACHE_HOME:-~/.cache}/hapair-bench. File names carry a hash of the generator's source, so
 * changing bench/generators.ts regenerates them; inputs of older generator versions are deleted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { haproxyConfig, keepalivedConfig, writePairWorkspace } from '../generators.js';

const GENERATOR = new URL('../generators.ts', import.meta.url);

export function cacheDir(): string {
  const base = process.env.HAPAIR_BENCH_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'hapair-bench');
  mkdirSync(base, { recursive: true });
  return base;
}

let hash: string | undefined;
export function generatorHash(): string {
  hash ??= createHash('sha256').update(readFileSync(GENERATOR)).digest('hex').slice(0, 10);
  return hash;
}

/** Deletes cached inputs made by other generator versions (names end in -<hash> or -<hash>.<ext>). */
export function pruneCache(): void {
  const dir = cacheDir();
  const current = generatorHash();
  for (const name of readdirSync(dir)) {
    const m = /^(?:haproxy|keepalived|workspace)-\d+-([0-9a-f]{10})(?:\.\w+)?$/.exec(name);
    if (m && m[1] !== current) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * `path`, a file or a folder, made first when it does not exist: `write` makes it under a temporary name, then it is
 * renamed, so that concurrent runs never see half an input.
 */
export function cachedPath(path: string, write: (tmp: string) => void): string {
  if (!existsSync(path)) {
    const tmp = `${path}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    write(tmp);
    try {
      renameSync(tmp, path);
    } catch (e) {
      // Another run finished the same input first.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(path)) throw e;
    }
  }
  return path;
}

const cachedFile = (name: string, make: () => string): string => cachedPath(join(cacheDir(), name), (tmp) => writeFileSync(tmp, make()));

export const haproxyInput = (lines: number): string => cachedFile(`haproxy-${lines}-${generatorHash()}.cfg`, () => haproxyConfig(lines));
export const keepalivedInput = (instances: number): string => cachedFile(`keepalived-${instances}-${generatorHash()}.conf`, () => keepalivedConfig(instances));
export const workspaceInput = (pairs: number): string => cachedPath(join(cacheDir(), `workspace-${pairs}-${generatorHash()}`), (tmp) => writePairWorkspace(tmp, pairs));
