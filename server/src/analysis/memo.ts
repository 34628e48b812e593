/**
 * Results remembered between analysis runs, keyed by a name and checked against the identity of their inputs.
 * Parses are cached by text in the Workspace, so an unchanged file yields the very same syntax object, and every
 * model and finding built from it can be reused: after an edit only the edited file's results and the node and
 * peer group it belongs to are computed again.
 *
 * A run that is abandoned midway (steps.ts) leaves what it finished: each value is stored whole or not at all.
 */
import { drain, type Steps } from '../syntax/steps.js';

/** Whether two lists hold the same items (by identity) in the same order; a missing list matches none. */
export const sameItems = <T>(a: readonly T[] | undefined, b: readonly T[]): boolean => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

export class Memo<T> {
  private readonly entries = new Map<string, { inputs: readonly unknown[]; value: T }>();
  private readonly used = new Set<string>();

  /** The remembered value, or a new one computed and remembered. */
  get(key: string, inputs: readonly unknown[], compute: () => T): T {
    return drain(
      this.getSteps(key, inputs, function* () {
        return compute();
      }),
    );
  }

  /** The same, for a computation that pauses (steps.ts). */
  *getSteps(key: string, inputs: readonly unknown[], compute: () => Steps<T>): Steps<T> {
    this.used.add(key);
    const entry = this.entries.get(key);
    if (entry && sameItems(entry.inputs, inputs)) return entry.value;
    const value = yield* compute();
    this.entries.set(key, { inputs, value });
    return value;
  }

  /**
   * The remembered value when `matches` accepts the inputs it was computed from, else undefined (for values that are
   * never undefined). For inputs costly to list, compared where they lie; asked for, as by get.
   */
  kept(key: string, matches: (inputs: readonly unknown[]) => boolean): T | undefined {
    this.used.add(key);
    const entry = this.entries.get(key);
    return entry && matches(entry.inputs) ? entry.value : undefined;
  }

  /** Puts `value` in place of what `key` holds, for the same inputs: the same result in another form. */
  replace(key: string, value: T): void {
    const entry = this.entries.get(key);
    if (entry) this.entries.set(key, { inputs: entry.inputs, value });
  }

  /** The value last remembered for `key`, whatever its inputs: the previous version, for work that builds on it. */
  previous(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  /** Forgets one entry that will not be asked for again. */
  forget(key: string): void {
    this.entries.delete(key);
    this.used.delete(key);
  }

  /** Forgets what the last run did not ask for (deleted files, nodes that are gone). */
  sweep(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key);
    this.used.clear();
  }

  clear(): void {
    this.entries.clear();
    this.used.clear();
  }
}
