/**
 * A file system that reads each file once and hands back that content until told the file changed. The workspace
 * reads a file whenever it needs its text (its parse cache compares texts), several times per check for a keepalived
 * file; on the bare disk each of those was a read and a decode. Reading once also means one check sees one version
 * of every file, even if it changes on disk meanwhile.
 */
import type { FileContent, FileSystem } from './fs.js';
import { dirname } from './paths.js';

interface Listing {
  /** Undefined: the listing is not kept (the folder had no stamp, or was listed only once). */
  readonly stamp: string | undefined;
  readonly names: readonly string[] | undefined;
}

const UNSTAMPED: Listing = { stamp: undefined, names: undefined };

export class CachedFileSystem implements FileSystem {
  private readonly contents = new Map<string, FileContent | undefined>();
  /**
   * Folder listings, kept while the folder's stamp stays the same: a keepalived include glob lists its folder each
   * time the including file is expanded again (each keystroke in it or in a file it includes), and a folder can gain
   * files no editor reports (a name the client's watcher does not cover, another editor with no watcher at all).
   */
  private readonly listings = new Map<string, Listing>();

  constructor(private readonly base: FileSystem) {}

  readFile(path: string): FileContent | undefined {
    if (!this.contents.has(path)) this.contents.set(path, this.base.readFile(path));
    return this.contents.get(path);
  }

  /** The file changed, appeared or vanished: the next read goes to the disk. */
  forget(path: string): void {
    this.contents.delete(path);
    this.listings.delete(path);
    this.listings.delete(dirname(path));
  }

  forgetAll(): void {
    this.contents.clear();
    this.listings.clear();
  }

  kind(path: string): 'file' | 'dir' | undefined {
    // A file read and not forgotten since is still one, as far as this file system is concerned: an include glob
    // asks this of every file it matches whenever the including file is expanded again (each keystroke in it).
    if (this.contents.get(path) !== undefined) return 'file';
    return this.base.kind(path);
  }

  readDir(path: string): readonly string[] | undefined {
    const kept = this.listings.get(path);
    // Most folders are listed once (a check's discovery walks each one): stamping them would cost a stat each, for
    // nothing. Stamps start with a folder's second listing.
    if (kept === undefined) {
      this.listings.set(path, UNSTAMPED);
      return this.base.readDir(path);
    }
    // Stamped before listing: a change in between makes the next stamp differ, and the folder is listed again.
    const stamp = this.base.dirStamp?.(path);
    if (stamp !== undefined && kept.stamp === stamp) return kept.names;
    const names = this.base.readDir(path);
    this.listings.set(path, { stamp, names });
    return names;
  }

  realPath(path: string): string | undefined {
    return this.base.realPath?.(path);
  }
}
