/**
 * Workspace symbols: every HAProxy section and every named keepalived block (instances, scripts, sync groups,
 * virtual servers) of the latest analysis whose name matches the query, best matches first.
 *
 * The editor asks again at every character typed in its search box, over every file of the workspace. Each file's
 * names are listed once per parse (lowercased, with no place computed) and kept while the parse is; a request only
 * scores names (only the last request's matches, when its query extends that one's) and keeps the best ones,
 * without sorting all that match.
 */
import type { AnalysisResult } from '../../analysis/analyze.js';
import type { HaproxySyntax } from '../../syntax/haproxy/ast.js';
import type { KeepalivedModel } from '../../model/keepalived.js';
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

/** A name to match, and the symbol it stands for, made only when it is among those returned. */
interface Candidate {
  readonly name: string;
  readonly lower: string;
  readonly symbol: () => WorkspaceSymbol;
  /**
   * For a keepalived block, which another model may list too (a file checked per config-id, a file several keepalived
   * files include): where it is, read when asked, since a reparse moves kept statements in place.
   */
  readonly place?: () => string;
}

/** How well a lowercased name matches a lowercased query: 0 when the query's characters do not appear in it in order; whole name > prefix > substring > scattered letters. */
function scoreLower(n: string, q: string): number {
  if (q === '') return 1;
  if (n === q) return 4;
  if (n.startsWith(q)) return 3;
  if (n.includes(q)) return 2;
  let at = 0;
  for (let i = 0; i < n.length && at < q.length; i++) if (n.charCodeAt(i) === q.charCodeAt(at)) at++;
  return at === q.length ? 1 : 0;
}

/** How well `name` matches `query`, ignoring case (see scoreLower). */
export const matchScore = (name: string, query: string): number => scoreLower(name.toLowerCase(), query.toLowerCase());

/** A keepalived model's blocks, and the other files they come from (through includes). */
interface KeepalivedBlocks {
  readonly candidates: readonly Candidate[];
  readonly included: ReadonlySet<string>;
}

const haproxyLists = new WeakMap<HaproxySyntax, readonly Candidate[]>();
const keepalivedLists = new WeakMap<KeepalivedModel, KeepalivedBlocks>();

function haproxyCandidates(syntax: HaproxySyntax): readonly Candidate[] {
  let list = haproxyLists.get(syntax);
  if (!list) {
    list = syntax.sections.map((section) => {
      const name = section.name?.value ?? section.kind;
      return { name, lower: name.toLowerCase(), symbol: () => ({ name, icon: sectionIcon(section.kind), container: section.kind, file: syntax.file, span: section.name ?? section.header.word(0)! }) };
    });
    haproxyLists.set(syntax, list);
  }
  return list;
}

/** Top-level blocks of the file and of its includes. */
function keepalivedBlocks(model: KeepalivedModel): KeepalivedBlocks {
  let blocks = keepalivedLists.get(model);
  if (!blocks) {
    const included = new Set<string>();
    const candidates = model.tree.flatMap((st): Candidate[] => {
      const kw = st.keyword.value;
      if (!NAMED_BLOCKS.has(kw) || !st.block || st.args.length === 0) return [];
      if (st.file.uri !== model.file.uri) included.add(st.file.uri);
      const name = st.args.map((a) => a.value).join(' ');
      const symbol = () => ({ name, icon: blockIcon(kw), container: kw, file: st.file, span: { start: st.args[0]!.start, end: st.args[st.args.length - 1]!.end } });
      return [{ name, lower: name.toLowerCase(), symbol, place: () => `${st.file.uri}\n${st.start}` }];
    });
    keepalivedLists.set(model, (blocks = { candidates, included }));
  }
  return blocks;
}

/**
 * Keeps the `limit` candidates that come first, by name and then in the order they were added (equal names stay in
 * the workspace's order, from one request to the next), without sorting them all.
 */
class FirstByName {
  /** A max-heap of [candidate, order added] while full: the root is the one to drop first. */
  private readonly heap: Array<[Candidate, number]> = [];
  private added = 0;

  constructor(private readonly limit: number) {}

  add(c: Candidate): void {
    const order = this.added++;
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push([c, order]);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!comesFirst(heap[parent]!, heap[i]!)) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
    } else if (this.limit > 0 && c.name < heap[0]![0].name) {
      // An equal name added later never comes first: most candidates are turned away here, with nothing made.
      heap[0] = [c, order];
      for (let i = 0; ; ) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let last = i;
        if (l < heap.length && comesFirst(heap[last]!, heap[l]!)) last = l;
        if (r < heap.length && comesFirst(heap[last]!, heap[r]!)) last = r;
        if (last === i) break;
        [heap[last], heap[i]] = [heap[i]!, heap[last]!];
        i = last;
      }
    }
  }

  sorted(): Candidate[] {
    return this.heap.sort((a, b) => (comesFirst(a, b) ? -1 : 1)).map(([c]) => c);
  }
}

/** Plain comparison of names (localeCompare is too slow for thousands), then the order added. */
const comesFirst = ([a, i]: [Candidate, number], [b, j]: [Candidate, number]): boolean => a.name < b.name || (a.name === b.name && i < j);

/** Every candidate that matches the lowercased query, each block once, though several models may hold it. */
function everyMatch(analysis: AnalysisResult, q: string): Candidate[] {
  const matches: Candidate[] = [];
  // Only blocks that other models may hold too need their places compared.
  const seen = new Set<string>();
  const consider = (list: readonly Candidate[], listedElsewhere: boolean) => {
    for (const c of list) {
      if (scoreLower(c.lower, q) === 0) continue;
      if (listedElsewhere) {
        const place = c.place!();
        if (seen.has(place)) continue;
        seen.add(place);
      }
      matches.push(c);
    }
  };
  for (const model of analysis.haproxy.values()) consider(haproxyCandidates(model.syntax), false);
  const included = new Set<string>();
  for (const models of analysis.keepalived.values()) for (const model of models) for (const uri of keepalivedBlocks(model).included) included.add(uri);
  for (const models of analysis.keepalived.values()) {
    for (const model of models) {
      const blocks = keepalivedBlocks(model);
      consider(blocks.candidates, models.length > 1 || blocks.included.size > 0 || included.has(model.file.uri));
    }
  }
  return matches;
}

/**
 * Per analysis, the last request's matches. The editor asks again at every character typed into its search box: a
 * query that extends the last one over the same analysis matches a subset of what that one matched, so only those
 * are scored. Held weakly: an analysis the server has moved on from is not kept for this.
 */
const lastMatches = new WeakMap<AnalysisResult, { q: string; matches: readonly Candidate[] }>();

export function workspaceSymbols(analysis: AnalysisResult, query: string, limit = 500): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const last = lastMatches.get(analysis);
  const matches = last && q.startsWith(last.q) ? last.matches.filter((c) => scoreLower(c.lower, q) > 0) : everyMatch(analysis, q);
  lastMatches.set(analysis, { q, matches });
  // Per score (1 to 4), the matches, to be cut to what the better scores leave room for.
  const byScore: Candidate[][] = [[], [], [], [], []];
  for (const c of matches) byScore[scoreLower(c.lower, q)]!.push(c);
  const out: WorkspaceSymbol[] = [];
  for (let score = 4; score >= 1 && out.length < limit; score--) {
    const best = new FirstByName(limit - out.length);
    for (const c of byScore[score]!) best.add(c);
    for (const c of best.sorted()) out.push(c.symbol());
  }
  return out;
}
