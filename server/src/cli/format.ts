/** Output formats of `hapair check`: compiler-style text, one JSON object, or SARIF 2.1.0. */
import type { Finding } from '../rules/rule.js';
import { RULES } from '../rules/index.js';
import type { Range } from '../syntax/text.js';
import { RULES_DOCS_URL, ruleDocsUrl } from '../rules/docs.js';
import { maskSecrets } from '../analysis/secrets.js';
import type { WorkspaceProblem } from '../workspace/types.js';

export interface Located {
  readonly finding: Finding;
  /** Display path: relative to the current directory, `/` separators. */
  readonly file: string;
  readonly range: Range;
  /** Secrets of the files involved: masked in the quoted source line. */
  readonly secrets: readonly string[];
}

const COLORS = { error: '\x1b[31;1m', warning: '\x1b[33;1m', information: '\x1b[36;1m', hint: '\x1b[2m' } as const;
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export function formatText(items: readonly Located[], color: boolean, displayPathOf: (uri: string) => string): string {
  const paint = (code: string, s: string) => (color ? `${code}${s}${RESET}` : s);
  const out: string[] = [];
  for (const { finding, file, range, secrets } of items) {
    const { line, character } = range.start;
    out.push(`${paint(BOLD, `${file}:${line + 1}:${character + 1}:`)} ${paint(COLORS[finding.severity], finding.severity)} ${finding.code}: ${finding.message}`);
    const text = finding.file.text;
    const lines = finding.file.lines();
    const lineStart = lines.lineStart(line);
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const source = maskSecrets(text.slice(lineStart, Math.min(lineEnd, lineStart + 300)).replace(/\r$/, '').replace(/\t/g, ' '), secrets);
    if (source.trim() !== '') {
      const width = range.end.line === line ? Math.max(1, range.end.character - character) : Math.max(1, source.length - character);
      out.push(`  ${source}`, `  ${' '.repeat(character)}${paint(COLORS[finding.severity], '^'.repeat(Math.min(width, Math.max(1, source.length - character))))}`);
    }
    for (const r of finding.related ?? []) {
      const p = r.file.lines().positionAt(r.span.start);
      out.push(`  note: ${r.message} (${displayPathOf(r.file.uri)}:${p.line + 1}:${p.character + 1})`);
    }
  }
  return out.join('\n');
}

/** A problem with the workspace (hapair.json, an Ansible vars file, a folder) as one line: where, how bad, what. */
export function formatProblem(problem: WorkspaceProblem, displayPathOf: (uri: string) => string): string {
  const p = problem.at?.file.lines().positionAt(problem.at.span.start);
  return `${displayPathOf(problem.path)}${p ? `:${p.line + 1}:${p.character + 1}` : ''}: ${problem.severity}: ${problem.message}`;
}

export function summary(items: readonly Located[], fileCount: number): string {
  const count = (s: string) => items.filter((i) => i.finding.severity === s).length;
  return `${fileCount} file${fileCount === 1 ? '' : 's'} checked: ${count('error')} error(s), ${count('warning')} warning(s), ${count('information') + count('hint')} note(s)`;
}

export function formatJson(items: readonly Located[]): string {
  const diagnostics = items.map(({ finding, file, range }) => ({
    file,
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
  }));
  return JSON.stringify({ diagnostics }, null, 2);
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function formatSarif(items: readonly Located[], version: string, displayPathOf: (uri: string) => string): string {
  const rules = RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.docs },
    helpUri: ruleDocsUrl(r.id),
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
  }));
  const results = items.map(({ finding, file, range }) => ({
    ruleId: finding.code,
    ruleIndex: RULES.findIndex((r) => r.id === finding.code),
    level: SARIF_LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: file }, region: sarifRegion(range) } }],
    relatedLocations: (finding.related ?? []).map((r, i) => ({
      id: i,
      message: { text: r.message },
      physicalLocation: { artifactLocation: { uri: displayPathOf(r.file.uri) }, region: sarifRegion(r.file.lines().rangeOf(r.span)) },
    })),
  }));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'hapair', version, informationUri: RULES_DOCS_URL, rules } }, results }],
    },
    null,
    2,
  );
}

function sarifRegion(range: Range) {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}
