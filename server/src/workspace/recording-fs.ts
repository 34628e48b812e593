/**
 * A file system that remembers every path it was asked about, so that a step can later tell whether a change
 * reaches what it read. The Ansible step reads inventories, vars files, playbooks and folders that are no configs:
 * an edit elsewhere leaves its rendering as it was, and the run after a keystroke can keep it.
 */
import { dirname } from './paths.js';
import type { FileContent, FileSystem } from './fs.js';

export class RecordingFileSystem implements FileSystem {
  /** Paths read or asked the kind of, whether or not they exist: one that appears later changes the answer. */
  private readonly asked = new Set<string>();
  /** Folders listed: a file created in one or removed from it changes the listing. */
  private readonly listed = new Set<string>();

  constructor(private readonly base: FileSystem) {}

  get changes() {
    return this.base.changes;
  }

  readFile(path: string): FileContent | undefined {
    this.asked.add(path);
    return this.base.readFile(path);
  }

  kind(path: string): 'file' | 'dir' | undefined {
    this.asked.add(path);
    return this.base.kind(path);
  }

  readDir(path: string): readonly string[] | undefined {
    this.listed.add(path);
    return this.base.readDir(path);
  }

  realPath(path: string): string | undefined {
    this.asked.add(path);
    return this.base.realPath?.(path);
  }

  /** Also counts as read: a path read some other way (through the workspace's parse cache). */
  note(path: string): void {
    this.asked.add(path);
  }

  /** Whether nothing was read, asked about or listed. */
  get isEmpty(): boolean {
    return this.asked.size === 0 && this.listed.size === 0;
  }

  /** Whether a change at `path` (its text, or the file or folder appearing or going) may change what was read. */
  reaches(path: string): boolean {
    return this.asked.has(path) || this.listed.has(path) || this.listed.has(dirname(path));
  }
}
