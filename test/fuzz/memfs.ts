/** An in-memory FileSystem for the fuzzer: files by absolute path, folders implied by the paths. */
import type { FileContent, FileSystem } from '../../server/src/workspace/fs.js';
import { dirname } from '../../server/src/workspace/paths.js';

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, FileContent>();
  private readonly dirs = new Map<string, Set<string>>();

  constructor(files: Iterable<{ path: string; text: string; binary?: boolean }> = []) {
    for (const f of files) this.set(f.path, f.text, f.binary);
  }

  /** `binary` defaults to what decoding bytes from disk says (a NUL byte in the first 8 KiB). */
  set(path: string, text: string, binary = text.slice(0, 8192).includes('\0')): void {
    this.files.set(path, { text: binary ? '' : text, binary });
    let child = path;
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const names = this.dirs.get(dir) ?? new Set<string>();
      names.add(child.slice(child.lastIndexOf('/') + 1));
      this.dirs.set(dir, names);
      if (dir === '/' || dir === '.' || dir === child) break;
      child = dir;
    }
  }

  /** Removes a file (its folders stay, as on disk). */
  delete(path: string): void {
    this.files.delete(path);
    this.dirs.get(dirname(path))?.delete(path.slice(path.lastIndexOf('/') + 1));
  }

  readFile(path: string): FileContent | undefined {
    return this.files.get(path);
  }

  kind(path: string): 'file' | 'dir' | undefined {
    return this.files.has(path) ? 'file' : this.dirs.has(path) ? 'dir' : undefined;
  }

  readDir(path: string): readonly string[] | undefined {
    const names = this.dirs.get(path);
    return names ? [...names].sort() : undefined;
  }
}
