import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { decode, type FileSystem } from './fs.js';

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
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
};
