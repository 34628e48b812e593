/**
 * Which files changed, for a file system that sees every change (the language server's overlay: editor buffers
 * and the client's file events). A run after a keystroke asks which paths changed since the run it builds on,
 * instead of looking at every file of the workspace.
 */
export class ChangeLog {
  /** Grows with every change. */
  private current = 0;
  /** Changes at or before this generation are forgotten: asking about them gets "unknown". */
  private floor = 0;
  /** The generation of each path's latest change since the floor. */
  private readonly latest = new Map<string, number>();

  /** Past this many paths the log starts over (the next run looks at every file once). */
  static readonly LIMIT = 1024;

  get generation(): number {
    return this.current;
  }

  changed(path: string): void {
    if (this.latest.size >= ChangeLog.LIMIT && !this.latest.has(path)) this.forgetAll();
    this.latest.set(path, ++this.current);
  }

  /** Anything may have changed (every cached disk read was dropped). */
  forgetAll(): void {
    this.latest.clear();
    this.floor = ++this.current;
  }

  /** The paths changed after `generation`, or undefined when that is no longer known. */
  since(generation: number): Set<string> | undefined {
    if (generation < this.floor) return undefined;
    const out = new Set<string>();
    for (const [path, at] of this.latest) if (at > generation) out.add(path);
    return out;
  }
}
