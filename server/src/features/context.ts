/**
 * What an editor feature (completion, hover, navigation, symbols, formatting, code actions) knows when it answers
 * a request about one document: the document's own parse and models, and the latest analysis of the whole
 * workspace for everything across files (peers, nodes, VIPs). Features are pure functions of this context and
 * a cursor offset; they return offsets and plain data, and the LSP layer (lsp/features.ts) translates.
 */
import type { AnalysisResult } from '../analysis/analyze.js';
import type { AnalysisSettings } from '../analysis/settings.js';
import type { HaproxyModel } from '../model/haproxy.js';
import type { KeepalivedModel } from '../model/keepalived.js';
import type { HaproxySyntax } from '../syntax/haproxy/ast.js';
import type { KeepalivedSyntax } from '../syntax/keepalived/ast.js';
import type { SourceFile } from '../syntax/text.js';
import type { Language } from '../workspace/types.js';
import type { Workspace } from '../workspace/workspace.js';
import { buildHaproxyModel } from '../model/haproxy.js';

export interface FeatureContext {
  readonly path: string;
  readonly language: Language;
  /** The document as the editor has it now. */
  readonly file: SourceFile;
  /** Set for HAProxy documents (absent for binary content). */
  readonly haproxy?: { readonly syntax: HaproxySyntax; readonly model: HaproxyModel };
  /** Set for keepalived documents; `models` is empty for a file that is only included by others. */
  readonly keepalived?: { readonly syntax: KeepalivedSyntax; readonly models: readonly KeepalivedModel[] };
  /** The whole workspace as of the latest analysis run. */
  readonly analysis: AnalysisResult;
  /** For reading or parsing any other file (parses are cached). */
  readonly workspace: Workspace;
  readonly settings: AnalysisSettings;
}

/** Builds the context of one document from a workspace and its latest analysis. */
export function featureContext(ws: Workspace, analysis: AnalysisResult, settings: AnalysisSettings, path: string, language: Language): FeatureContext {
  if (language === 'haproxy') {
    const parsed = ws.haproxy(path);
    const syntax = parsed.syntax;
    // The analysis built this file's model unless it is not part of the analysis (then build it here).
    const model = syntax ? analysis.haproxy.get(path) ?? buildHaproxyModel(syntax) : undefined;
    return { path, language, file: parsed.file, haproxy: syntax && model ? { syntax, model: model.syntax === syntax ? model : buildHaproxyModel(syntax) } : undefined, analysis, workspace: ws, settings };
  }
  const parsed = ws.keepalived(path);
  const syntax = parsed.syntax;
  return { path, language, file: parsed.file, keepalived: syntax ? { syntax, models: analysis.keepalived.get(path) ?? [] } : undefined, analysis, workspace: ws, settings };
}
