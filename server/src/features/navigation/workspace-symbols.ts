/**
 * Workspace symbols: every HAProxy section and every named keepalived block (instances, scripts, sync groups,
 * virtual servers) of the latest analysis whose name matches the query, best matches first.
 */
import type { AnalysisResult } from '../../analysis/analyze.js';
import type { SourceFile, Span } from '../../syntax/text.js';
import { blockIcon, sectionIcon, type SymbolIcon } from '../outline/icons.js';

export interface WorkspaceSymbol {
  readonly name: string;
  readonly icon: SymbolIcon;
  /** The section or block keyword (`backend`, `vrrp_instance`). */
  readonly container: string;
  readonly file: SourceFile;
  readonly span: Span;
}

/** Top-level keepalived blocks worth finding by name. */
const NAMED_BLOCKS: ReadonlySet<string> = new Set([
  'vrrp_instance', 'vrrp_script', 'vrrp_sync_group', 'vrrp_track_file', 'track_file', 'vrrp_track_process', 'virtual_server', 'virtual_server_group',
]);

/** How well `name` matches `query`: 0 when the query's characters do not appear in it in order (ignoring case);
 * whole name > prefix > substring > scattered letters. */
export function matchScore(name: string, query: string): number {
  if (query === '') return 1;
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (n === q) return 4;
  if (n.startsWith(q)) return 3;
  if (n.includes(q)) return 2;
  let at = 0;
  for (const c of n) if (c === q[at]) at++;
  return at === q.length ? 1 : 0;
}

export function workspaceSymbols(analysis: AnalysisResult, query: string, limit = 500): WorkspaceSymbol[] {
  const found: Array<{ score: number; symbol: () => WorkspaceSymbol; name: string }> = [];
  const consider = (name: string, symbol: () => WorkspaceSymbol) => {
    const score = matchScore(name, query);
    if (score > 0) found.push({ score, name, symbol });
  };
  for (const model of analysis.haproxy.values()) {
    for (const section of model.syntax.sections) {
      const name = section.name?.value ?? section.kind;
      consider(name, () => ({ name, icon: sectionIcon(section.kind), container: section.kind, file: model.syntax.file, span: section.name ?? section.header.word(0)! }));
    }
  }
  const seen = new Set<string>();
  for (const models of analysis.keepalived.values()) {
    for (const model of models) {
      // Top-level blocks of the file and of its includes; `@id` variants of one file list the same blocks.
      for (const st of model.tree) {
        const kw = st.keyword.value;
        if (!NAMED_BLOCKS.has(kw) || !st.block || st.args.length === 0) continue;
        const key = `${st.file.uri}\n${st.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const name = st.args.map((a) => a.value).join(' ');
        const last = st.args[st.args.length - 1]!;
        consider(name, () => ({ name, icon: blockIcon(kw), container: kw, file: st.file, span: { start: st.args[0]!.start, end: last.end } }));
      }
    }
  }
  // Plain comparison: localeCompare is too slow for thousands of sections.
  found.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return found.slice(0, limit).map((f) => f.symbol());
}
