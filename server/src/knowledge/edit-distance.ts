/**
 * Edit distance for "did you mean" suggestions: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost 1 (optimal string alignment), since swapped letters are the most common
 * typo in keywords.
 */

/** Distance between a and b, or `limit + 1` as soon as it is known to exceed `limit` (keeps long lists cheap). */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit + 1);
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: a case-only difference always
 * is; otherwise about one edit per four characters (at least 1, at most 3), or `maxEdits` when given. Ties go to
 * the earlier candidate.
 */
export function closest(word: string, candidates: Iterable<string>, maxEdits?: number): string | undefined {
  const lower = word.toLowerCase();
  const limit = maxEdits ?? Math.max(1, Math.min(3, Math.floor(word.length / 4)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === word) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return best;
}
