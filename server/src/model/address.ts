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

function parseIpv6(text: string): string | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length < 2) return undefined;
  let tail: string[] = [];
  let body = text;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    tail = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    // Keep a '::' that ends right before the dotted part; drop a single separating ':'.
    body = text.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const explicit = head.length + rest.length + tail.length;
  if (halves.length === 1 && explicit !== 8) return undefined;
  if (halves.length === 2 && explicit > 7) return undefined;
  const groups = [...head, ...Array(8 - explicit).fill('0'), ...rest, ...tail];
  if (groups.length !== 8) return undefined;
  for (const g of groups) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
  return groups.map((g) => g.toLowerCase().padStart(4, '0')).join(':');
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
