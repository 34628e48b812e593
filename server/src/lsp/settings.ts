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
  'hapair.includes.allowedFolders': [] as string[],
  'hapair.trace.server': 'off',
  'hapair.format.normalizeSpacing': false as boolean,
  'hapair.format.indentAllComments': false as boolean,
  'hapair.format.conditionals': 'flat' as FormatSettings['conditionals'],
} as const;

/** The `hapair.format` settings: what the editor's own formatting options (tab size, spaces) do not cover. */
export interface FormatSettings {
  readonly normalizeSpacing: boolean;
  readonly indentAllComments: boolean;
  readonly conditionals: 'flat' | 'nested';
}

/** The `hapair` configuration section as the client sends it (nested objects). */
export interface EditorSettings {
  diagnostics?: { severity?: unknown };
  versions?: { haproxy?: unknown; keepalived?: unknown };
  format?: { normalizeSpacing?: unknown; indentAllComments?: unknown; conditionals?: unknown };
  includes?: { allowedFolders?: unknown };
}

export function analysisSettingsFrom(raw: EditorSettings | null | undefined): { settings: AnalysisSettings; problems: string[] } {
  return normalizeSettings({ severity: raw?.diagnostics?.severity, versions: raw?.versions });
}

/** Folders outside the workspace that keepalived includes may read: absolute paths only (a relative one would
 * depend on the server's working directory). */
export function allowedIncludeFolders(raw: EditorSettings | null | undefined): { folders: string[]; problems: string[] } {
  const value = raw?.includes?.allowedFolders;
  if (value === undefined || value === null) return { folders: [], problems: [] };
  const list = Array.isArray(value) ? value : [value];
  const folders = list.filter((f): f is string => typeof f === 'string' && f.startsWith('/'));
  const problems = list.length === folders.length ? [] : ['hapair.includes.allowedFolders takes absolute folder paths; the others are ignored'];
  return { folders: folders.map((f) => (f.length > 1 ? f.replace(/\/+$/, '') : f)), problems };
}

/** The format settings, each one that is missing or malformed replaced by its default. */
export function formatSettingsFrom(raw: EditorSettings | null | undefined): FormatSettings {
  const f = raw?.format;
  const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
  return {
    normalizeSpacing: flag(f?.normalizeSpacing, EDITOR_SETTING_DEFAULTS['hapair.format.normalizeSpacing']),
    indentAllComments: flag(f?.indentAllComments, EDITOR_SETTING_DEFAULTS['hapair.format.indentAllComments']),
    conditionals: f?.conditionals === 'nested' || f?.conditionals === 'flat' ? f.conditionals : EDITOR_SETTING_DEFAULTS['hapair.format.conditionals'],
  };
}
