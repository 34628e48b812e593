/** Findings → LSP diagnostics. Only translation happens here: severities, ranges and links. */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Finding, Severity } from '../rules/rule.js';
import { lspRange } from './positions.js';
import { ruleDocsUrl } from '../rules/docs.js';
import { pathToUri } from './uris.js';
import type { WorkspaceProblem } from '../workspace/types.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  const related: DiagnosticRelatedInformation[] = (f.related ?? []).map((r) => ({
    location: { uri: pathToUri(r.file.uri), range: lspRange(r.file, r.span) },
    message: r.message,
  }));
  return {
    range: lspRange(f.file, f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: ruleDocsUrl(f.code) },
    source: 'hapair',
    message: f.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
  };
}

/** A workspace problem placed in a file (hapair.json, an Ansible vars file…, at `at`), shown in that file like a finding. */
export function problemDiagnostic(p: WorkspaceProblem, at: NonNullable<WorkspaceProblem['at']>): Diagnostic {
  return { range: lspRange(at.file, at.span), severity: SEVERITY[p.severity], source: 'hapair', message: p.message };
}

/** Whether two JSON values (diagnostics as they are sent) are equal, stopping at the first difference. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], other[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!(k in y) || !sameJson(x[k], y[k])) return false;
  return true;
}
