import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { decode, type FileSystem } from './fs.js';

/**
 * How long after its last change a folder's timestamps are trusted to move with the next change. The kernel stamps
 * changes from a clock that advances in ticks (a few milliseconds on Linux; FAT keeps two seconds), so two changes
 * within one tick can leave the same timestamps: a listing taken in that window may miss the second.
 */
const SETTLED_NS = 2_000_000_000n;

/** The real disk. Every error becomes "absent": a vanished or unreadable file never throws. */
export const nodeFileSystem: FileSystem = {
  readFile(path) {
    try {
      return decode(readFileSync(path));
    } catch {
      return undefined;
    }
  },
  kind(path) {
    try {
      const s = statSync(path);
      return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
  readDir(path) {
    try {
      return readdirSync(path).sort();
    } catch {
      return undefined;
    }
  },
  dirStamp(path) {
    try {
      const s = statSync(path, { bigint: true });
      // ctime moves with every change of the entries (and of the folder's own attributes), and never lags mtime.
      if (!s.isDirectory() || BigInt(Date.now()) * 1_000_000n - s.ctimeNs < SETTLED_NS) return undefined;
      return `${s.dev}:${s.ino}:${s.mtimeNs}:${s.ctimeNs}`;
    } catch {
      return undefined;
    }
  },
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
};
