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
