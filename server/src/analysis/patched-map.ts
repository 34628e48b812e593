/**
 * A map made from another by changing a few values, without copying it. A run after a keystroke changes one
 * file's entry in maps that hold every file of the workspace (parses, findings, models): copying them would make
 * each keystroke cost time in proportion to the workspace. Lookups try the changes first; once the changes grow
 * to a fair share of the map, it is copied flat, so a long run of edits costs constant time per changed entry.
 */
export class PatchedMap<K, V> implements ReadonlyMap<K, V> {
  readonly size: number;

  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly changes: ReadonlyMap<K, V>,
  ) {
    let added = 0;
    for (const key of changes.keys()) if (!base.has(key)) added++;
    this.size = base.size + added;
  }

  /** `base` with the values of `changes` (new keys come after the others, as they would in a Map). */
  static of<K, V>(base: ReadonlyMap<K, V>, changes: ReadonlyMap<K, V>): ReadonlyMap<K, V> {
    if (changes.size === 0) return base;
    let root = base;
    let merged = changes;
    if (base instanceof PatchedMap) {
      root = base.base;
      merged = new Map([...base.changes, ...changes]);
    }
    if (merged.size > 16 && merged.size * 8 > root.size) return new Map([...root, ...merged]);
    return new PatchedMap(root, merged);
  }

  get(key: K): V | undefined {
    return this.changes.has(key) ? this.changes.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.changes.has(key) || this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.changes.has(key) ? this.changes.get(key)! : value];
    for (const entry of this.changes) if (!this.base.has(entry[0])) yield entry;
  }

  *keys(): MapIterator<K> {
    yield* this.base.keys();
    for (const key of this.changes.keys()) if (!this.base.has(key)) yield key;
  }

  // Without the entries' pairs: features walk every model of the workspace through this.
  *values(): MapIterator<V> {
    for (const [key, value] of this.base) yield this.changes.has(key) ? this.changes.get(key)! : value;
    for (const [key, value] of this.changes) if (!this.base.has(key)) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
