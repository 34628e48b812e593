/** IP address parsing and normalisation, so `192.0.2.10/24` and `192.0.2.10` compare equal and IPv6
 * spellings (`2001:db8::1`, `2001:0db8:0:0::1`) share one key. */

export interface IpAddress {
  readonly family: 4 | 6;
  /** Canonical text: dotted quad, or fully expanded lower-case IPv6. */
  readonly key: string;
  readonly prefix?: number;
}

/** Dotted quad with 1–3 digits per part, each at most 255; the key drops leading zeros. Runs on every bind and
 * VIP, so it reads characters instead of splitting. */
function parseIpv4(text: string): string | undefined {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; /* '.' closes the last part */
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      value = value * 10 + (c - 48);
    } else if (c === 46) {
      if (digits === 0 || value > 255 || ++parts > 4) return undefined;
      digits = 0;
      value = 0;
    } else return undefined;
  }
  if (parts !== 4) return undefined;
  // Canonical form only when some part has a leading zero ("010" → "10"), which is rare.
  return /(^|\.)0\d/.test(text) ? text.split('.').map(Number).join('.') : text;
}

const COLON = 58;
const DOT = 46;

/**
 * Up to eight groups of 1–4 hex digits separated by `:`, one `::` standing for the zero groups left out, and
 * optionally a dotted IPv4 tail worth two groups; the key is all eight groups, four lower-case digits each. Reads
 * characters rather than splitting and matching: it runs on every VIP and unicast peer.
 */
function parseIpv6(text: string): string | undefined {
  const n = text.length;
  const groups: number[] = [];
  // Where `::` stands: the index in `groups` the zero groups go in at, or -1.
  let gap = -1;
  let i = 0;
  if (text.charCodeAt(0) === COLON) {
    if (text.charCodeAt(1) !== COLON) return undefined;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    const start = i;
    let value = 0;
    for (let digit = hexValue(text.charCodeAt(i)); digit >= 0; digit = hexValue(text.charCodeAt(++i))) value = value * 16 + digit;
    if (text.charCodeAt(i) === DOT) {
      // The last two groups written as an IPv4 address.
      const v4 = groups.length <= 6 ? parseIpv4(text.slice(start)) : undefined;
      if (!v4) return undefined;
      const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
      groups.push((a << 8) | b, (c << 8) | d);
      break;
    }
    if (i === start || i - start > 4 || groups.push(value) > 8) return undefined;
    if (i === n) break;
    if (text.charCodeAt(i) !== COLON || ++i === n) return undefined;
    if (text.charCodeAt(i) === COLON) {
      if (gap !== -1) return undefined;
      gap = groups.length;
      i++;
    }
  }
  if (gap === -1 ? groups.length !== 8 : groups.length > 7) return undefined;
  if (gap !== -1) groups.splice(gap, 0, ...Array<number>(8 - groups.length).fill(0));
  return groups.map((g) => g.toString(16).padStart(4, '0')).join(':');
}

/** The value of a hex digit's character code, or -1 (also for NaN, past the end of the text). */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parses `addr` or `addr/prefix`. Returns undefined for anything that is not a literal IP address. */
export function parseIp(text: string): IpAddress | undefined {
  const slash = text.indexOf('/');
  const addr = slash === -1 ? text : text.slice(0, slash);
  let prefix: number | undefined;
  if (slash !== -1) {
    // Like keepalived: an empty prefix means none, an out-of-range one is replaced (the address still counts).
    const p = text.slice(slash + 1);
    if (p !== '' && !/^\d{1,3}$/.test(p)) return undefined;
    prefix = p === '' ? undefined : Number(p);
  }
  const v4 = parseIpv4(addr);
  if (v4) return { family: 4, key: v4, prefix: prefix !== undefined && prefix > 32 ? undefined : prefix };
  if (!addr.includes(':')) return undefined;
  const v6 = parseIpv6(addr);
  if (v6) return { family: 6, key: v6, prefix: prefix !== undefined && prefix > 128 ? undefined : prefix };
  return undefined;
}

export function isLoopback(ip: IpAddress): boolean {
  return ip.family === 4 ? ip.key.startsWith('127.') : ip.key === '0000:0000:0000:0000:0000:0000:0000:0001';
}
