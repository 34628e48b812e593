/**
 * Pairs the items of a list with those of its previous version that are the same at the same distance from its
 * start or from its end. After an edit a file's sections are the same objects as before except for a run of them
 * where the edit was (syntax/haproxy/chunks.ts), so this finds every unchanged one in one pass, with no map to
 * build on each keystroke.
 */
export function sameEnds<T, U>(before: readonly T[], after: readonly U[], same: (b: T, a: U) => boolean): (i: number) => T | undefined {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && same(before[prefix]!, after[prefix]!)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && same(before[before.length - 1 - suffix]!, after[after.length - 1 - suffix]!)) suffix++;
  return (i) => (i < prefix ? before[i] : i >= after.length - suffix ? before[before.length - (after.length - i)] : undefined);
}
