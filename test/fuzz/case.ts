/**
 * One fuzz case: a small tree of files in memory, the file "the editor" has open, how it is checked, a cursor
 * position in it and the peer-generation options. Cases are plain JSON, so crash files and regression fixtures
 * keep NUL bytes and lone surrogates exactly (JSON.stringify escapes them).
 */
import type { Language } from '../../server/src/workspace/types.js';

export const ROOT = '/w';

export interface FuzzFile {
  readonly path: string;
  readonly text: string;
  /** Undefined: decided the way bytes from disk are (NUL in the first 8 KiB); false: an editor buffer. */
  readonly binary?: boolean;
}

export interface FuzzCase {
  readonly files: FuzzFile[];
  /** Path of the file under test (one of `files`). */
  readonly main: string;
  /** Language the editor says the main file is in. */
  readonly language: Language;
  /** True: the workspace is discovered from ROOT (node layout, peers, manifests); false: the main file is checked on its own. */
  readonly discover: boolean;
  /** UTF-16 offset in the main file, 0 … text.length. */
  readonly cursor: number;
  readonly peer: { readonly srcIp?: string; readonly peerIp?: string; readonly priority?: number };
  readonly versions?: { readonly haproxy: '2.6' | '2.8' | '3.0' | '3.2'; readonly keepalived: '2.0' | '2.1' | '2.2' | '2.3' };
  /** Also analyse a second time in a fresh workspace and compare (parse cache consistency). */
  readonly recheck?: boolean;
  /** The in-process language server session also edits and closes the buffer after the first analysis. */
  readonly edits?: boolean;
  /** Picks what the features are asked beyond the cursor (format options, a new name…); kept while shrinking. */
  readonly choice?: number;
  /** How the case was made (seed file and mutations), for reports. */
  readonly origin: string;
}

export function mainText(c: FuzzCase): string {
  return c.files.find((f) => f.path === c.main)?.text ?? '';
}

export function caseSize(c: FuzzCase): number {
  let n = 0;
  for (const f of c.files) n += f.text.length;
  return n;
}

/** Stable short hash (FNV-1a, 64 bits as hex) of a case, for crash file names. */
export function caseHash(c: FuzzCase): string {
  const s = JSON.stringify({ ...c, origin: '' });
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ ch, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
