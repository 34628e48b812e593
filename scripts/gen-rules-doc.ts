/**
 * Writes docs/rules.md, the rule table in README.md and package.json's contributes.configuration from the code,
 * so docs and manifest cannot drift from it. `--check` only compares (used by the tests).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../server/src/rules/index.js';
import { settingsSchema } from '../server/src/lsp/settings-schema.js';

const SCOPE: Record<string, string> = {
  syntax: 'syntax',
  ansible: 'Ansible template',
  file: 'HAProxy and keepalived files',
  haproxy: 'HAProxy file',
  keepalived: 'keepalived file',
  node: 'node (HAProxy × keepalived)',
  peers: 'peers (keepalived × keepalived)',
};

export function rulesMarkdown(): string {
  const parts = [
    '# Rules',
    '',
    'Every finding carries one of these ids as its code. The id is also the key of the severity setting',
    '(`hapair.diagnostics.severity`), the name of the rule\'s source file and of its fixture folder.',
    'Silence one line with `# hapair-disable-next-line <id>` above it (or `# hapair-disable-line <id>` at its end).',
    '',
  ];
  for (const r of RULES) {
    parts.push(`## ${r.id}`, '', `**${r.severity}** · ${SCOPE[r.scope]}${r.mirrors ? ` · same check as ${r.mirrors === 'both' ? 'haproxy and keepalived themselves make' : `\`${r.mirrors}\` itself makes`}` : ''}`, '', r.summary, '', r.docs, '');
  }
  return parts.join('\n');
}

export function readmeTable(): string {
  const rows = RULES.map((r) => `| [\`${r.id}\`](docs/rules.md#${r.id}) | ${r.severity} | ${SCOPE[r.scope]} | ${r.summary.replace(/\|/g, '\\|')} |`);
  return ['| id | default | scope | finds |', '|---|---|---|---|', ...rows].join('\n');
}

const BEGIN = '<!-- rules:begin -->';
const END = '<!-- rules:end -->';

export function readmeWithTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1) throw new Error('README.md lacks the rules markers');
  return readme.slice(0, start + BEGIN.length) + '\n' + readmeTable() + '\n' + readme.slice(end);
}

/** package.json with its contributes.configuration replaced by the generated one, formatted as npm does. */
export function manifestWithSettings(manifest: string): string {
  const json = JSON.parse(manifest) as { contributes: { configuration: unknown } };
  json.contributes.configuration = settingsSchema();
  return JSON.stringify(json, null, 2) + '\n';
}

if (process.argv[1]?.endsWith('gen-rules-doc.ts')) {
  const check = process.argv.includes('--check');
  const readme = readFileSync('README.md', 'utf8');
  const wanted = { 'docs/rules.md': rulesMarkdown(), 'README.md': readmeWithTable(readme), 'package.json': manifestWithSettings(readFileSync('package.json', 'utf8')) };
  let stale = false;
  for (const [path, text] of Object.entries(wanted)) {
    const current = (() => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    })();
    if (current === text) continue;
    stale = true;
    if (!check) writeFileSync(path, text);
  }
  if (check && stale) {
    console.error('docs are stale: run `npm run docs`');
    process.exit(1);
  }
}
