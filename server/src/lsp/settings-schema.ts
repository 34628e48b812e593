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
      'hapair.includes.allowedFolders': {
        type: 'array',
        items: { type: 'string' },
        default: D['hapair.includes.allowedFolders'],
        markdownDescription: 'Absolute paths of folders outside the workspace that keepalived `include` lines may read (for example `/etc/keepalived/conf.d`). By default includes are followed only inside the workspace folders; anything else is reported as `unresolved-include` and never read.',
      },
      'hapair.trace.server': {
        type: 'string',
        enum: ['off', 'messages'],
        default: D['hapair.trace.server'],
        description: 'Logs the names of the messages between VS Code and the hapair language server in the "HA Pair" output. There is no verbose level: it would copy file contents, passwords included, into the log.',
      },
      'hapair.format.normalizeSpacing': {
        type: 'boolean',
        default: D['hapair.format.normalizeSpacing'],
        markdownDescription: 'Formatting collapses the blanks between words to one space. Off by default, so columns you aligned (`server` lines, `timeout` values) stay aligned; quoted text and the gap before an end-of-line comment are never changed.',
      },
      'hapair.format.indentAllComments': {
        type: 'boolean',
        default: D['hapair.format.indentAllComments'],
        markdownDescription: 'Formatting also indents comments that start at column 0. Off by default: section banners and commented-out lines usually sit at column 0 on purpose. Indented comments always follow the indentation of the lines around them.',
      },
      'hapair.format.conditionals': {
        type: 'string',
        enum: ['flat', 'nested'],
        enumDescriptions: [
          'The directives at column 0 and the lines inside at their usual indentation, as in HAProxy’s own examples.',
          'The directives indented like the lines around them, and the lines inside one level deeper.',
        ],
        default: D['hapair.format.conditionals'],
        markdownDescription: 'How formatting indents HAProxy `.if` / `.elif` / `.else` / `.endif` blocks.',
      },
    },
  };
}
