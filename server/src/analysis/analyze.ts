/**
 * Runs every rule over a workspace: syntax issues, per-file rules, node rules (HAProxy against keepalived
 * on one node) and peer rules (keepalived against keepalived across nodes), then applies severity settings
 * and suppression comments. Pure apart from the Workspace's file system.
 */
import type { Finding, Related, Rule, RuleContext, Severity } from '../rules/rule.js';
import { RULES, RULES_BY_ID } from '../rules/index.js';
import type { SourceFile, Span } from '../syntax/text.js';
import { buildHaproxyModel, type HaproxyModel } from '../model/haproxy.js';
import { buildKeepalivedModel, configIds, type KeepalivedModel } from '../model/keepalived.js';
import type { SyntaxIssue } from '../syntax/issue.js';
import { layoutNodes, type NodeSpec } from '../workspace/layout.js';
import { peerGroups } from '../workspace/peers.js';
import type { NodeView, PeerMember } from '../workspace/types.js';
import type { Workspace } from '../workspace/workspace.js';
import { DEFAULT_SETTINGS, type AnalysisSettings } from './settings.js';
import { applySuppressions } from './suppress.js';

export interface AnalysisResult {
  readonly findings: Finding[];
  /** Every file the analysis read, included files too: the language server publishes to all of them. */
  readonly files: SourceFile[];
}

type Collector = (code: string, file: SourceFile, span: Span, message: string, related?: readonly Related[]) => void;

type Check<T> = (subject: T, report: (f: SourceFile, s: Span, m: string, r?: readonly Related[]) => void, context: RuleContext) => void;

/** The function a rule runs for one scope, if it runs there at all (a 'file' rule runs in both languages). */
function checkOf<T>(rule: Rule, scope: Rule['scope']): Check<T> | undefined {
  if (rule.scope === 'file') return scope === 'haproxy' || scope === 'keepalived' ? (rule[scope] as Check<T>) : undefined;
  return rule.scope === scope && 'check' in rule ? (rule.check as Check<T>) : undefined;
}

function runRules<T>(scope: Rule['scope'], subject: T, collect: Collector, context: RuleContext): void {
  for (const rule of RULES) {
    checkOf<T>(rule, scope)?.(subject, (file, span, message, related) => collect(rule.id, file, span, message, related), context);
  }
}

export function analyze(ws: Workspace, settings: AnalysisSettings = DEFAULT_SETTINGS, display: (path: string) => string = (p) => p): AnalysisResult {
  const context: RuleContext = { versions: settings.versions };
  const raw: Finding[] = [];
  const files = new Map<string, SourceFile>();
  const collect: Collector = (code, file, span, message, related) => {
    const rule = RULES_BY_ID.get(code)!;
    raw.push({ code, severity: rule.severity, file, span, message, related });
    files.set(file.uri, file);
  };
  const syntaxIssues = (file: SourceFile, issues: readonly SyntaxIssue[]) => {
    files.set(file.uri, file);
    for (const issue of issues) collect(issue.code, file, issue, issue.message);
  };
  const binary = (file: SourceFile) => collect('parse-error', file, { start: 0, end: 0 }, 'this file is not text (it contains NUL bytes); it was not checked');

  const entries = ws.allEntries();
  const haproxyModels = new Map<string, HaproxyModel>();
  for (const e of entries.filter((x) => x.language === 'haproxy')) {
    const parsed = ws.haproxy(e.path);
    files.set(e.path, parsed.file);
    if (!parsed.syntax) {
      binary(parsed.file);
      continue;
    }
    syntaxIssues(parsed.file, parsed.syntax.issues);
    const model = buildHaproxyModel(parsed.syntax);
    haproxyModels.set(e.path, model);
    runRules('haproxy', model, collect, context);
  }

  // keepalived: expand includes once per file; a file included by another is read only through it.
  const expanded = new Map<string, NonNullable<ReturnType<Workspace['expandKeepalived']>>>();
  const includedPaths = new Set<string>();
  for (const e of entries.filter((x) => x.language === 'keepalived')) {
    const parsed = ws.keepalived(e.path);
    files.set(e.path, parsed.file);
    if (!parsed.syntax) {
      binary(parsed.file);
      continue;
    }
    const x = ws.expandKeepalived(e.path)!;
    expanded.set(e.path, x);
    x.included.forEach((f) => includedPaths.add(f.uri));
  }
  const standalone = new Set(entries.filter((e) => e.standalone).map((e) => e.path));
  // A file named on the command line is checked even when another file includes it.
  const mains = [...expanded.keys()].filter((p) => !includedPaths.has(p) || standalone.has(p));
  const reported = new Set<string>();
  const reportSyntaxOnce = (file: SourceFile) => {
    if (reported.has(file.uri)) return;
    reported.add(file.uri);
    const syntax = ws.keepalived(file.uri).syntax;
    if (syntax) syntaxIssues(file, syntax.issues);
  };

  /** One model per config-id the file uses (`@id` lines), or a single one. */
  const modelsOf = (path: string, fixedId?: string): KeepalivedModel[] => {
    const x = expanded.get(path)!;
    const syntax = ws.keepalived(path).syntax!;
    reportSyntaxOnce(syntax.file);
    x.included.forEach(reportSyntaxOnce);
    const ids = fixedId !== undefined ? [fixedId] : [...configIds(x.tree, undefined, syntax.definitions)];
    const variants = ids.length > 0 ? ids : [undefined];
    return variants.map((configId) => buildKeepalivedModel(syntax, { configId, expanded: x }));
  };
  const specs: NodeSpec[] = layoutNodes(
    mains.filter((p) => !standalone.has(p)),
    [...haproxyModels.keys()].filter((p) => !standalone.has(p)),
    display,
    ws.manifests,
  );
  for (const p of mains.filter((m) => standalone.has(m))) specs.push({ name: display(p), keepalived: p, haproxy: [], scope: `file:${p}` });

  const nodes: Array<NodeView & { scope: string; mutableShared: NodeView[] }> = [];
  for (const spec of specs) {
    if (!expanded.has(spec.keepalived)) continue;
    for (const model of modelsOf(spec.keepalived, spec.configId)) {
      const mutableShared: NodeView[] = [];
      nodes.push({
        name: model.configId !== undefined && spec.configId === undefined ? `${spec.name}@${model.configId}` : spec.name,
        keepalived: model,
        haproxy: spec.haproxy.map((h) => haproxyModels.get(h)).filter((m): m is HaproxyModel => m !== undefined),
        sharedVipNodes: mutableShared,
        mutableShared,
        scope: spec.scope,
      });
    }
  }
  // Nodes that serve the same HAProxy file share its bind addresses.
  for (const node of nodes) {
    for (const other of nodes) {
      if (other === node || other.haproxy.some((h) => node.haproxy.includes(h))) node.mutableShared.push(other);
    }
  }
  const keepaliveds = new Set<KeepalivedModel>();
  for (const node of nodes) {
    if (node.keepalived && !keepaliveds.has(node.keepalived)) {
      keepaliveds.add(node.keepalived);
      runRules('keepalived', node.keepalived, collect, context);
    }
    runRules('node', node, collect, context);
  }

  const scopes = new Map<string, PeerMember[]>();
  for (const node of nodes) {
    const members = scopes.get(node.scope) ?? [];
    for (const instance of node.keepalived?.instances ?? []) members.push({ node, model: node.keepalived!, instance });
    scopes.set(node.scope, members);
  }
  for (const members of scopes.values()) {
    for (const group of peerGroups(members)) runRules('peers', group, collect, context);
  }

  return { findings: finalize(raw, settings, display), files: [...files.values()] };
}

function finalize(raw: Finding[], settings: AnalysisSettings, display: (path: string) => string): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of raw) {
    const override = settings.severity[f.code];
    if (override === 'off') continue;
    const key = `${f.code}|${f.file.uri}|${f.span.start}|${f.span.end}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(override ? { ...f, severity: override as Severity } : f);
  }
  return applySuppressions(out).sort((a, b) => display(a.file.uri).localeCompare(display(b.file.uri)) || a.span.start - b.span.start || a.code.localeCompare(b.code));
}
