/** The file access the core needs, as an interface: the CLI passes the real disk, the language server an
 * overlay of open editor buffers on top of it, tests an in-memory tree. */
import type { ChangeLog } from './change-log.js';

export interface FileContent {
  readonly text: string;
  /** True when the bytes are not text (NUL bytes): such files are reported, not parsed. */
  readonly binary: boolean;
}

export interface FileSystem {
  readFile(path: string): FileContent | undefined;
  kind(path: string): 'file' | 'dir' | undefined;
  /** Entry names of a directory, or undefined when it cannot be read. */
  readDir(path: string): readonly string[] | undefined;
  /**
   * A value that changes whenever a folder's entries may have changed (its timestamps and identity), or undefined
   * when it cannot tell: no such folder, or one changed too recently for its timestamps to tell a later change apart.
   * Offered by the real disk; a cache may keep a listing while the stamp stays the same.
   */
  dirStamp?(path: string): string | undefined;
  /** The path with symbolic links resolved, where links exist: discovery visits each real folder once. */
  realPath?(path: string): string | undefined;
  /** Kept by file systems that see every change (the language server's overlay); absent elsewhere. */
  readonly changes?: ChangeLog;
}

/** Decodes bytes the way editors do: UTF-8 with replacement characters, NUL bytes meaning binary. */
export function decode(bytes: Uint8Array): FileContent {
  const head = bytes.subarray(0, 8192);
  const binary = head.includes(0);
  return { text: binary ? '' : new TextDecoder('utf-8', { fatal: false }).decode(bytes), binary };
}
