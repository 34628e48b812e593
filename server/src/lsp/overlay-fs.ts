/**
 * The language server's view of the disk: open editor buffers win over the files on disk, and disk reads
 * are cached until the client says a file changed, so re-checking after a keystroke reads nothing from disk.
 */
import type { FileContent, FileSystem } from '../workspace/fs.js';
import { ChangeLog } from '../workspace/change-log.js';
import { CachedFileSystem } from '../workspace/cached-fs.js';

export class OverlayFileSystem implements FileSystem {
  private readonly open = new Map<string, string>();
  private readonly disk: CachedFileSystem;
  /** Every path whose content may read differently after a call below. */
  readonly changes = new ChangeLog();

  constructor(private readonly base: FileSystem) {
    this.disk = new CachedFileSystem(base);
  }

  /** Sets an open buffer's text; false when it already had that text. */
  setOpen(path: string, text: string): boolean {
    if (this.open.get(path) === text) return false;
    this.open.set(path, text);
    this.changes.changed(path);
    return true;
  }

  close(path: string): void {
    if (this.open.delete(path)) this.changes.changed(path);
  }

  /** The file changed, appeared or vanished on disk. */
  invalidate(path: string): void {
    this.disk.forget(path);
    this.changes.changed(path);
  }

  invalidateAll(): void {
    this.disk.forgetAll();
    this.changes.forgetAll();
  }

  readFile(path: string): FileContent | undefined {
    const text = this.open.get(path);
    if (text !== undefined) return { text, binary: false };
    return this.disk.readFile(path);
  }

  kind(path: string): 'file' | 'dir' | undefined {
    // Through the cache, which knows a file it read is one: an include glob asks about every file it matches.
    return this.open.has(path) ? 'file' : this.disk.kind(path);
  }

  readDir(path: string): readonly string[] | undefined {
    return this.disk.readDir(path);
  }

  realPath(path: string): string | undefined {
    return this.base.realPath?.(path);
  }
}
