/**
 * advert_int as keepalived 2.2.7 reads it: an unsigned decimal (an optional '+', digits before and/or after one '.';
 * `.5` and `1.` are accepted), of which six decimals count (more are cut off with "has too many decimal places", the
 * value is still taken). Kept in whole microseconds, as keepalived does, so the rounding below is exact.
 */
export function advertMicros(text: string): number | undefined {
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && !m[2])) return undefined;
  return Number(m[1] || '0') * 1_000_000 + Number((m[2] ?? '').slice(0, 6).padEnd(6, '0'));
}

/** keepalived's range for advert_int, 0.01..255 seconds; outside it the default of 1 second is kept. */
export const inAdvertRange = (micros: number): boolean => micros >= 10_000 && micros <= 255_000_000;

/**
 * The interval a VRRP version really uses, in microseconds: VRRPv2 sends whole seconds (rounded half up, at least 1),
 * VRRPv3 centiseconds (rounded half up, at least 0.01 s, at most 40.95 s). Checked against keepalived 2.2.7's
 * configuration dump: 0.4 and 0.5 give 1 s, 1.5 gives 2 s; under v3 0.014 gives 10 ms, 0.015 gives 20 ms, 50 gives 40.95 s.
 */
export function advertOnWire(micros: number, version: 2 | 3): number {
  const step = version === 2 ? 1_000_000 : 10_000;
  const rounded = Math.max(1, Math.floor((micros + step / 2) / step)) * step;
  return version === 3 ? Math.min(rounded, 40_950_000) : rounded;
}

/** Microseconds as keepalived's users write seconds: 1, 0.5, 40.95. */
export const secondsText = (micros: number): string => String(micros / 1_000_000);
