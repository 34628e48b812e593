/**
 * A file system that reads each file once and hands back that content until told the file changed. The workspace
 * reads a file whenever it needs its text (its parse cache compares texts), several times per check for a keepalived
 * file; on the bare disk each of those was a read and a decode. Reading once also means one check sees one version
 * of every file, even if it changes on disk meanwhile.
 */
import type { FileContent, FileSystem } from './fs.js';

export class CachedFileSystem implements FileSystem {
  private readonly contents = new Map<string, FileContent | undefined>();

  constructor(private readonly base: FileSystem) {}

  readFile(path: string): FileContent | undefined {
    if (!this.contents.has(path)) this.contents.set(path, this.base.readFile(path));
    return this.contents.get(path);
  }

  /** The file changed, appeared or vanished: the next read goes to the disk. */
  forget(path: string): void {
    this.contents.delete(path);
  }

  forgetAll(): void {
    this.contents.clear();
  }

  kind(path: string): 'file' | 'dir' | undefined {
    // A file read and not forgotten since is still one, as far as this file system is concerned: an include glob
    // asks this of every file it matches whenever the including file is expanded again (each keystroke in it).
    if (this.contents.get(path) !== undefined) return 'file';
    return this.base.kind(path);
  }

  readDir(path: string): string[] | undefined {
    return this.base.readDir(path);
  }

  realPath(path: string): string | undefined {
    return this.base.realPath?.(path);
  }
}
