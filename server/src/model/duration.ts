/**
 * HAProxy's time values (`timeout client 30s`, `inter 2s`), read the way its parse_time_err() reads them, as
 * HAProxy 2.6 showed in `haproxy -c`: digits, then an optional unit (us, ms, s, m, h, d; none means milliseconds).
 * Anything else where the unit goes is refused; so is a value above 2147483647 ms (about 24.8 days). Characters
 * after a valid unit (`5s[`, `5mn`) only draw a warning in 2.6, so they are accepted here.
 */

/** The largest C int, and so the largest time HAProxy keeps: a signed 32-bit count of milliseconds. */
const INT_MAX = 2147483647;
export const MAX_TIME_MS = INT_MAX;

export type Duration = { readonly ms: number } | { readonly problem: 'empty' | 'overflow' | { readonly unexpected: string } };

const MS_PER_UNIT: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): Duration {
  if (text === '') return { problem: 'empty' };
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === 0) return { problem: { unexpected: text[0]! } };
  // `ms` before `m`, as HAProxy reads it; `u` alone is no unit.
  const rest = text.slice(i);
  const unit = rest === '' ? 'ms' : ['us', 'ms', 's', 'm', 'h', 'd'].find((u) => rest.startsWith(u));
  if (unit === undefined) return { problem: { unexpected: rest[0]! } };
  const ms = Number(text.slice(0, i)) * MS_PER_UNIT[unit]!;
  return ms > MAX_TIME_MS ? { problem: 'overflow' } : { ms };
}

/**
 * The integer C's atoi() reads from the start of `text` (HAProxy reads `rise`, `fall` and `weight` that way: `3x`
 * is 3, `abc` is 0), or undefined past 32 bits, where atoi's result is undefined.
 */
export function atoi(text: string): number | undefined {
  const m = /^[ \t]*([+-]?)(\d*)/.exec(text)!;
  const value = m[2] === '' ? 0 : Number(m[2]);
  if (value > INT_MAX) return undefined;
  return m[1] === '-' ? -value : value;
}
