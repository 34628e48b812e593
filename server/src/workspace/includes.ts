/**
 * keepalived `include` resolution: glob patterns (with csh-style `{a,b}`) relative to the including file's
 * folder, as keepalived itself does. Bounded: at most MAX_MATCHES files per include, never outside the allowed
 * roots, and cycles are cut by the caller.
 */
import type { FileSystem } from './fs.js';
import { dirname, isInside, join } from './paths.js';

export const MAX_MATCHES = 1000;
/** One more than is read, to tell "exactly MAX_MATCHES files" from "more". */
const COLLECTED = MAX_MATCHES + 1;

/** Expands `{a,b}` alternatives (nested allowed) into plain patterns. */
export function expandBraces(pattern: string, limit = MAX_MATCHES): string[] {
  const open = pattern.indexOf('{');
  if (open === -1) return [pattern];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = i;
      break;
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close === -1) return [pattern];
  const cuts = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < cuts.length && out.length < limit; k++) {
    const alt = pattern.slice(0, open) + pattern.slice(cuts[k]! + 1, cuts[k + 1]) + pattern.slice(close + 1);
    out.push(...expandBraces(alt, limit - out.length));
  }
  return out.slice(0, limit);
}

function segmentRegex(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        const body = segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const hasWildcard = (s: string) => /[*?[]/.test(s);

/** The folder a glob starts from: its path up to the first segment with a wildcard (the file itself if none). */
function staticPrefix(pattern: string): string {
  const segments = pattern.split('/');
  const wild = segments.findIndex(hasWildcard);
  return wild === -1 ? pattern : segments.slice(0, wild).join('/') || '/';
}

/** `dir` (normalized) and one name in it. Normalizing the whole path again per segment made a path of n segments cost n². */
function child(dir: string, name: string): string {
  if (name === '.' || name === '..') return join(dir, name);
  return dir === '/' ? `/${name}` : dir === '.' ? name : `${dir}/${name}`;
}

/** Expands one brace-free glob into existing paths, in sorted order (as glob(3) returns them). */
function globOne(fs: FileSystem, pattern: string, out: string[]): void {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter(Boolean);
  let current = [absolute ? '/' : '.'];
  for (const seg of segments) {
    const next: string[] = [];
    for (const dir of current) {
      if (!hasWildcard(seg)) {
        next.push(child(dir, seg));
        continue;
      }
      const re = segmentRegex(seg);
      for (const name of fs.readDir(dir) ?? []) {
        if (name.startsWith('.') && !seg.startsWith('.')) continue;
        if (re.test(name)) next.push(child(dir, name));
        if (next.length >= COLLECTED) break;
      }
    }
    current = next;
  }
  for (const p of current) {
    if (out.length >= COLLECTED) return;
    if (fs.kind(p) === 'file') out.push(p);
  }
}

export interface IncludeMatch {
  readonly paths: string[];
  readonly problem?: string;
}

/** Resolves an include pattern written in `fromFile`. `roots` bounds where includes may lead. */
export function resolveInclude(fs: FileSystem, fromFile: string, pattern: string, roots: readonly string[]): IncludeMatch {
  if (pattern.includes('$') || pattern.includes('{{')) return { paths: [], problem: 'the include path uses a parameter or template and cannot be followed' };
  const full = join(dirname(fromFile), pattern);
  const candidates: string[] = [];
  let outside = false;
  for (const alt of expandBraces(full)) {
    // Nothing outside the checked folders is read, not even a directory listing for a glob.
    if (!roots.some((r) => isInside(staticPrefix(alt), r))) {
      outside = true;
      continue;
    }
    globOne(fs, alt, candidates);
    if (candidates.length >= COLLECTED) break;
  }
  const unique = [...new Set(candidates)];
  const inside = unique.filter((p) => roots.some((r) => isInside(p, r)));
  // Said even for a glob: definitions in files hapair cannot read would otherwise look missing.
  if (inside.length === 0 && (unique.length > 0 || outside)) {
    return { paths: [], problem: `'${pattern}' points outside the checked folders; hapair does not follow it (allow the folder with --include-dir or hapair.includes.allowedFolders)` };
  }
  if (unique.length === 0) return { paths: [], problem: hasWildcard(pattern) ? undefined : `'${pattern}' does not exist` };
  if (unique.length > MAX_MATCHES) return { paths: inside.slice(0, MAX_MATCHES), problem: `'${pattern}' matches more than ${MAX_MATCHES} files; only the first ${MAX_MATCHES} are read` };
  return { paths: inside };
}
