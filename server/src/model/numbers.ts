/**
 * Numbers as HAProxy reads them, by hand rather than with patterns (a large config has thousands, and these
 * allocate nothing for them).
 *
 * Times (`timeout client 30s`, `inter 2s`) are read the way its parse_time_err() reads them, as HAProxy 2.6 showed
 * in `haproxy -c`: digits, then an optional unit (us, ms, s, m, h, d; none means milliseconds).
 * Anything else where the unit goes is refused; so is a value above 2147483647 ms (about 24.8 days). Characters
 * after a valid unit (`5s[`, `5mn`) only draw a warning in 2.6, so they are accepted here.
 */

/** The largest C int, and so the largest time HAProxy keeps: a signed 32-bit count of milliseconds. */
const INT_MAX = 2147483647;
export const MAX_TIME_MS = INT_MAX;

/** Why HAProxy refuses a time: nothing written, too long, or the first character it could not read. */
export type DurationProblem = 'empty' | 'overflow' | { readonly unexpected: string };

const MS_PER_UNIT: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Where the run of digits from `from` on ends (`from` when there are none). */
export function digitsEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i;
}

/** The number the digits between `from` and `end` spell (`end` as `digitsEnd` found it). Two small functions rather
 * than one returning both: a result object per number would be garbage on every server line of a large file. */
export function digitsValue(text: string, from: number, end: number): number {
  let value = 0;
  for (let i = from; i < end; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

/** A time in milliseconds, or why HAProxy refuses it. */
export function parseDuration(text: string): number | DurationProblem {
  if (text === '') return 'empty';
  const end = digitsEnd(text, 0);
  if (end === 0) return { unexpected: text[0]! };
  const unit = unitAt(text, end);
  if (unit === undefined) return { unexpected: text[end]! };
  const ms = digitsValue(text, 0, end) * MS_PER_UNIT[unit]!;
  return ms > MAX_TIME_MS ? 'overflow' : ms;
}

/** The unit at `i`, as HAProxy reads it (`ms` before `m`; `u` alone is no unit): none means milliseconds. */
function unitAt(text: string, i: number): string | undefined {
  if (i === text.length) return 'ms';
  const c = text[i]!;
  const next = text[i + 1];
  if (c === 'u') return next === 's' ? 'us' : undefined;
  if (c === 'm') return next === 's' ? 'ms' : 'm';
  return c === 's' || c === 'h' || c === 'd' ? c : undefined;
}

/**
 * The integer C's atoi() reads from the start of `text` (HAProxy reads `rise`, `fall` and `weight` that way: `3x`
 * is 3, `abc` is 0), or undefined past 32 bits, where atoi's result is undefined.
 */
export function atoi(text: string): number | undefined {
  let i = 0;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const negative = text[i] === '-';
  if (negative || text[i] === '+') i++;
  const value = digitsValue(text, i, digitsEnd(text, i));
  if (value > INT_MAX) return undefined;
  return negative ? -value : value;
}
