import type { Severity } from '../rules/rule.js';
import { SEVERITIES } from '../rules/rule.js';
import { RULES_BY_ID } from '../rules/index.js';
import { HAPROXY_VERSIONS, KEEPALIVED_VERSIONS, NEWEST, type TargetVersions } from '../knowledge/versions.js';

export type SeverityOverride = Severity | 'off';

/** Settings that change what the analysis reports. The editor's `hapair.*` settings map onto these. */
export interface AnalysisSettings {
  /** Per-rule severity override, keyed by rule id. */
  readonly severity: Readonly<Record<string, SeverityOverride>>;
  /** Program versions the configs are written for (keywords outside them are unknown-keyword). */
  readonly versions: TargetVersions;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { severity: {}, versions: NEWEST };

interface RawSettings {
  severity?: unknown;
  versions?: { haproxy?: unknown; keepalived?: unknown };
}

function pickVersion<T extends string>(value: unknown, known: readonly T[], fallback: T, program: string, problems: string[]): T {
  if (value === undefined || value === null || value === '') return fallback;
  if (known.includes(value as T)) return value as T;
  problems.push(`unknown ${program} version '${String(value)}' (use one of ${known.join(', ')}); using ${fallback}`);
  return fallback;
}

/** Keeps only valid entries; returns the problems found so callers can show them. */
export function normalizeSettings(raw: unknown): { settings: AnalysisSettings; problems: string[] } {
  const problems: string[] = [];
  const severity: Record<string, SeverityOverride> = {};
  const input = raw as RawSettings | undefined;
  if (input?.severity && typeof input.severity === 'object') {
    for (const [id, level] of Object.entries(input.severity as Record<string, unknown>)) {
      if (!RULES_BY_ID.has(id)) problems.push(`unknown rule id '${id}' in severity settings`);
      else if (level !== 'off' && !SEVERITIES.includes(level as Severity)) problems.push(`invalid severity '${String(level)}' for '${id}' (use error, warning, information, hint or off)`);
      else severity[id] = level as SeverityOverride;
    }
  }
  const versions: TargetVersions = {
    haproxy: pickVersion(input?.versions?.haproxy, HAPROXY_VERSIONS, NEWEST.haproxy, 'HAProxy', problems),
    keepalived: pickVersion(input?.versions?.keepalived, KEEPALIVED_VERSIONS, NEWEST.keepalived, 'keepalived', problems),
  };
  return { settings: { severity, versions }, problems };
}
