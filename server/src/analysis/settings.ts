import type { Severity } from '../rules/rule.js';
import { SEVERITIES } from '../rules/rule.js';
import { RULES_BY_ID } from '../rules/index.js';

export type SeverityOverride = Severity | 'off';

/** Settings that change what the analysis reports. The editor's `hapair.*` settings map onto these. */
export interface AnalysisSettings {
  /** Per-rule severity override, keyed by rule id. */
  readonly severity: Readonly<Record<string, SeverityOverride>>;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { severity: {} };

/** Keeps only valid entries; returns the problems found so callers can show them. */
export function normalizeSettings(raw: unknown): { settings: AnalysisSettings; problems: string[] } {
  const problems: string[] = [];
  const severity: Record<string, SeverityOverride> = {};
  const input = (raw as { severity?: unknown } | undefined)?.severity;
  if (input && typeof input === 'object') {
    for (const [id, level] of Object.entries(input as Record<string, unknown>)) {
      if (!RULES_BY_ID.has(id)) problems.push(`unknown rule id '${id}' in severity settings`);
      else if (level !== 'off' && !SEVERITIES.includes(level as Severity)) problems.push(`invalid severity '${String(level)}' for '${id}' (use error, warning, information, hint or off)`);
      else severity[id] = level as SeverityOverride;
    }
  }
  return { settings: { severity }, problems };
}
