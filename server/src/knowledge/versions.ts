/**
 * The program versions hapair knows, oldest first. Users pick the versions their nodes run; a keyword
 * that the picked version lacks (too new, or already removed) is reported as unknown-keyword. HAProxy's
 * odd releases between them (2.5, 2.7…) are not targets, but keyword data may name them as the release
 * that brought or dropped a keyword.
 */
export const HAPROXY_VERSIONS = ['2.4', '2.6', '2.8', '3.0', '3.2'] as const;
export const KEEPALIVED_VERSIONS = ['2.0', '2.1', '2.2', '2.3'] as const;

export type HaproxyVersion = (typeof HAPROXY_VERSIONS)[number];
export type KeepalivedVersion = (typeof KEEPALIVED_VERSIONS)[number];

export interface TargetVersions {
  readonly haproxy: HaproxyVersion;
  readonly keepalived: KeepalivedVersion;
}

/** Newest by default: a new user gets told about keywords their version may not have yet. */
export const NEWEST: TargetVersions = {
  haproxy: HAPROXY_VERSIONS[HAPROXY_VERSIONS.length - 1]!,
  keepalived: KEEPALIVED_VERSIONS[KEEPALIVED_VERSIONS.length - 1]!,
};

/** Compares dotted versions numerically ("2.10" > "2.9"); a missing part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
