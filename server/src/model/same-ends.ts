/**
 * How many items of a list are the same as those of its previous version at the same distance from its start, and
 * then from its end (never overlapping). After an edit a file's sections are the same objects as before except for
 * a run of them where the edit was (syntax/haproxy/chunks.ts): one pass finds the run, with no map to build on each
 * keystroke.
 */
export function sameEnds<T, U>(before: readonly T[], after: readonly U[], same: (b: T, a: U) => boolean): { prefix: number; suffix: number } {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && same(before[prefix]!, after[prefix]!)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && same(before[before.length - 1 - suffix]!, after[after.length - 1 - suffix]!)) suffix++;
  return { prefix, suffix };
}
