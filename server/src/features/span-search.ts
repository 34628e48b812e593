import type { Span } from '../syntax/text.js';
import { lastAtOrBefore } from './haproxy-cursor.js';

/**
 * The element of a list sorted by start whose span holds `offset` (its end included, so a cursor right after a
 * name still finds it). A binary search: features answer on 24,000-line files within a few milliseconds.
 */
export function spanAt<T extends Span>(list: readonly T[], offset: number): T | undefined {
  const found = list[lastAtOrBefore(list, (s) => s.start, offset)];
  return found && offset <= found.end ? found : undefined;
}
