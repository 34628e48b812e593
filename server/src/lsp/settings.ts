/**
 * The editor settings (`hapair.*`), their defaults, and how they map onto the analysis settings. package.json's
 * contributes.configuration must list exactly these keys with these defaults (a test checks it).
 */
import { normalizeSettings, type AnalysisSettings } from '../analysis/settings.js';
import { NEWEST } from '../knowledge/versions.js';

export const EDITOR_SETTING_DEFAULTS = {
  'hapair.diagnostics.severity': {} as Record<string, string>,
  'hapair.versions.haproxy': NEWEST.haproxy as string,
  'hapair.versions.keepalived': NEWEST.keepalived as string,
  'hapair.trace.server': 'off',
} as const;

/** The `hapair` configuration section as the client sends it (nested objects). */
export interface EditorSettings {
  diagnostics?: { severity?: unknown };
  versions?: { haproxy?: unknown; keepalived?: unknown };
}

export function analysisSettingsFrom(raw: EditorSettings | null | undefined): { settings: AnalysisSettings; problems: string[] } {
  return normalizeSettings({ severity: raw?.diagnostics?.severity, versions: raw?.versions });
}
