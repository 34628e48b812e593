/**
 * package.json's contributes.configuration, built from the code: the setting keys and defaults of settings.ts,
 * the rule registry (so every rule id completes in settings.json) and the known versions. `npm run docs` writes
 * it into package.json; a test fails when the two differ.
 */
import { RULES } from '../rules/index.js';
import { HAPROXY_VERSIONS, KEEPALIVED_VERSIONS } from '../knowledge/versions.js';
import { ruleDocsUrl } from '../rules/docs.js';
import { EDITOR_SETTING_DEFAULTS as D } from './settings.js';

const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

export function settingsSchema(): { title: string; properties: Record<string, unknown> } {
  const severity: Record<string, unknown> = {};
  for (const r of RULES) severity[r.id] = { type: 'string', enum: LEVELS, description: `${r.summary} Default: ${r.severity}. ${ruleDocsUrl(r.id)}` };
  return {
    title: 'HA Pair',
    properties: {
      'hapair.diagnostics.severity': {
        type: 'object',
        default: D['hapair.diagnostics.severity'],
        markdownDescription: 'Severity per rule id, overriding the default: `error`, `warning`, `information`, `hint`, or `off` to silence a rule. Example: `{"missing-timeouts": "off"}`.',
        properties: severity,
        additionalProperties: false,
      },
      'hapair.versions.haproxy': {
        type: 'string',
        enum: [...HAPROXY_VERSIONS],
        default: D['hapair.versions.haproxy'],
        markdownDescription: 'HAProxy version the configs are written for. Keywords that version lacks are reported as `unknown-keyword`, with the version that has them.',
      },
      'hapair.versions.keepalived': {
        type: 'string',
        enum: [...KEEPALIVED_VERSIONS],
        default: D['hapair.versions.keepalived'],
        markdownDescription: 'keepalived version the configs are written for. Keywords that version lacks are reported as `unknown-keyword`, with the version that has them.',
      },
      'hapair.trace.server': {
        type: 'string',
        enum: ['off', 'messages', 'verbose'],
        default: D['hapair.trace.server'],
        description: 'Traces the messages between VS Code and the hapair language server in the "HA Pair" output.',
      },
    },
  };
}
