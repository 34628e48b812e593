/**
 * What a run hands back, and how its findings are kept so that the run after a keystroke redoes only what the
 * keystroke reached. Findings are made in parts (one file's rules, one node, one peer group…); each file's list is
 * put in final form on its own (severity settings, duplicates, suppression comments, order), so a patched run
 * finalizes again only the files whose parts it made again, and the editor is sent only those.
 */
import type { Finding, Severity } from '../rules/rule.js';
import type { SourceFile } from '../syntax/text.js';
import type { HaproxyModel } from '../model/haproxy.js';
import type { KeepalivedModel } from '../model/keepalived.js';
import type { NodeView, PeerGroup, WorkspaceProblem } from '../workspace/types.js';
import type { AnalysisSettings } from './settings.js';
import { applySuppressions } from './suppress.js';
import { sameItems } from './memo.js';

/** What one run knows about the workspace: the findings, and the models and nodes features answer from. */
export interface AnalysisResult {
  /** Every finding: files in the order of their shown names, each file's by position. */
  readonly findings: readonly Finding[];
  /** Each file's findings, in final form, for every file the analysis read (an empty list when it has none). */
  readonly byFile: ReadonlyMap<string, readonly Finding[]>;
  /** Every file the analysis read, included files too: the language server publishes to all of them. */
  readonly files: ReadonlyMap<string, SourceFile>;
  readonly haproxy: ReadonlyMap<string, HaproxyModel>;
  /** keepalived models by main file: one per config-id the file uses (`@id` lines), else one. */
  readonly keepalived: ReadonlyMap<string, readonly KeepalivedModel[]>;
  readonly nodes: readonly NodeView[];
  readonly peerGroups: readonly PeerGroup[];
  /** Files the analysis read but does not check that it could not use (an Ansible inventory or vars file). */
  readonly problems?: readonly WorkspaceProblem[];
  /** Tells results apart without keeping the previous one alive. */
  readonly serial: number;
  /** Set when this run patched the previous one (of that serial): the only files whose lists may differ from it. */
  readonly patchOf?: { readonly serial: number; readonly files: ReadonlySet<string> };
}

let serials = 0;

type Fields = Omit<AnalysisResult, 'findings' | 'serial' | 'peerGroups'> & {
  /** Every file, in the order of their shown names. */
  readonly order: readonly string[];
  /**
   * The peer groups' list, made (once) when first asked for: a patched run would otherwise flatten every scope's
   * groups again on each keystroke, and features ask only on a request.
   */
  readonly peerGroups: () => readonly PeerGroup[];
};

/** A result whose flat list of findings is made when first asked for (the language server never asks). */
class Result implements AnalysisResult {
  readonly serial = ++serials;
  readonly byFile: Fields['byFile'];
  readonly files: Fields['files'];
  readonly haproxy: Fields['haproxy'];
  readonly keepalived: Fields['keepalived'];
  readonly nodes: Fields['nodes'];
  readonly problems: Fields['problems'];
  readonly patchOf: Fields['patchOf'];
  private readonly order: Fields['order'];
  private readonly groupsOf: Fields['peerGroups'];
  private flat: Finding[] | undefined;

  constructor(fields: Fields) {
    this.byFile = fields.byFile;
    this.files = fields.files;
    this.haproxy = fields.haproxy;
    this.keepalived = fields.keepalived;
    this.nodes = fields.nodes;
    this.groupsOf = fields.peerGroups;
    this.problems = fields.problems;
    this.patchOf = fields.patchOf;
    this.order = fields.order;
  }

  get findings(): Finding[] {
    return (this.flat ??= this.order.flatMap((uri) => this.byFile.get(uri) ?? []));
  }

  get peerGroups(): readonly PeerGroup[] {
    return this.groupsOf();
  }
}

export function makeResult(fields: Fields): AnalysisResult {
  return new Result(fields);
}

/**
 * The findings of a run under the name of what made them (`haproxy:<path>`, `node:<key>`, `group:<key>`…), with
 * the parts that have findings in each file. The order parts were made in does not matter: each file's list is
 * put in an order of its own (finalizeFile), so a patch may drop parts and add new ones.
 */
export class FindingParts {
  private readonly lists = new Map<string, readonly Finding[]>();
  /** Each part's findings by file: a peer group's part spans every file of its hundreds of members. */
  private readonly byUri = new Map<string, Map<string, Finding[]>>();
  private readonly partsOf = new Map<string, Set<string>>();

  add(key: string, list: readonly Finding[]): void {
    const before = this.lists.get(key);
    this.lists.set(key, before ? [...before, ...list] : list);
    this.index(key, list);
  }

  /**
   * Puts new findings in place of a part's (none: the part is gone). The files whose findings of the part differ go
   * to `touched`; a file that keeps the very same finding objects does not (a peer group kept by the analyzer).
   */
  replace(key: string, list: readonly Finding[], touched: Set<string>): void {
    if (this.lists.get(key) === list) return;
    const before = this.byUri.get(key) ?? new Map<string, Finding[]>();
    if (list.length === 0) for (const uri of before.keys()) this.partsOf.get(uri)?.delete(key);
    this.byUri.delete(key);
    if (list.length === 0) this.lists.delete(key);
    else {
      this.lists.set(key, list);
      this.index(key, list);
    }
    const after = this.byUri.get(key) ?? new Map<string, Finding[]>();
    for (const uri of new Set([...before.keys(), ...after.keys()])) if (!sameItems(before.get(uri), after.get(uri) ?? [])) touched.add(uri);
  }

  /** Every part's findings in one file (but those of the part `except`). */
  inFile(uri: string, except?: string): Finding[] {
    return [...(this.partsOf.get(uri) ?? [])].flatMap((key) => (key === except ? [] : (this.byUri.get(key)?.get(uri) ?? [])));
  }

  /** Every part's findings, grouped by file. */
  byFile(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const list of this.lists.values()) for (const f of list) (out.get(f.file.uri) ?? out.set(f.file.uri, []).get(f.file.uri)!).push(f);
    return out;
  }

  private index(key: string, list: readonly Finding[]): void {
    // A part stays listed for a file it no longer has findings in, until it is replaced by nothing (inFile() finds
    // nothing of it there). A file has as many parts as it has nodes and peer groups (plus its own): the index
    // grows with the file, not with the workspace.
    const byUri = this.byUri.get(key) ?? this.byUri.set(key, new Map()).get(key)!;
    for (const f of list) {
      (this.partsOf.get(f.file.uri) ?? this.partsOf.set(f.file.uri, new Set()).get(f.file.uri)!).add(key);
      (byUri.get(f.file.uri) ?? byUri.set(f.file.uri, []).get(f.file.uri)!).push(f);
    }
  }
}

const NONE: readonly Finding[] = [];

/** Plain string order: a locale-aware comparison costs a microsecond each. */
const byString = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * The order of a file's findings: by position, then rule, then the rest of what they say, so that the list does
 * not depend on the order the parts were made in (a patched run makes them in another order than a full one).
 */
function byContent(a: Finding, b: Finding): number {
  return (
    a.span.start - b.span.start ||
    byString(a.code, b.code) ||
    a.span.end - b.span.end ||
    byString(a.message, b.message) ||
    byString(a.severity, b.severity) ||
    byString(relatedKey(a), relatedKey(b)) ||
    byString(a.replacement ?? '', b.replacement ?? '')
  );
}

/** Compared only between findings alike in everything else: rare, so not kept. */
const relatedKey = (f: Finding): string => JSON.stringify(f.related?.map((r) => [r.file.uri, r.span.start, r.span.end, r.message]) ?? []);

const alike = (a: Finding, b: Finding): boolean => a.code === b.code && a.span.start === b.span.start && a.span.end === b.span.end && a.message === b.message;

/**
 * One file's findings in final form: severities as the settings say (`off` drops them), in order, each finding
 * once (the first in that order of those alike in rule, span and message), suppression comments applied.
 */
export function finalizeFile(raw: readonly Finding[], settings: AnalysisSettings): readonly Finding[] {
  if (raw.length === 0) return NONE;
  const kept: Finding[] = [];
  for (const f of raw) {
    const override = settings.severity[f.code];
    if (override === 'off') continue;
    kept.push(override ? { ...f, severity: override as Severity } : f);
  }
  kept.sort(byContent);
  const once = kept.filter((f, i) => i === 0 || !alike(f, kept[i - 1]!));
  return applySuppressions(once);
}

/** Files ordered by the names they are shown under (computed once per name). */
export function orderFiles(uris: Iterable<string>, display: (path: string) => string): string[] {
  const names = new Map<string, string>();
  for (const uri of uris) names.set(uri, display(uri));
  return [...names.keys()].sort((a, b) => byString(names.get(a)!, names.get(b)!));
}
