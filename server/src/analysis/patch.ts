/**
 * The run after a keystroke, when it can patch the previous one. Typing changes one HAProxy file: the layout, the
 * keepalived models, the peer groups and every other file's results stay what they were, so the previous run's
 * findings are kept in the order they were made and only the parts the edit reaches are made again (the file's
 * findings and those of the nodes that serve it, or share its addresses). Visiting every file, node and group of a
 * workspace of a thousand nodes took most of an edit's time; this visits each entry once, to see whether its parse
 * changed, and nothing else.
 *
 * Anything else (a keepalived file, a new or removed file, a file read through a keepalived include, a rendered
 * Ansible layout, other settings) goes through the full run, which records what the next patch needs.
 */
import type { Finding } from '../rules/rule.js';
import type { HaproxyModel } from '../model/haproxy.js';
import type { SourceFile } from '../syntax/text.js';
import type { HaproxySyntax } from '../syntax/haproxy/ast.js';
import type { NodeView } from '../workspace/types.js';
import type { Parsed, Workspace } from '../workspace/workspace.js';
import type { Steps } from '../syntax/steps.js';
import { makeResult, type AnalysisResult, type FindingParts } from './results.js';
import { PatchedMap } from './patched-map.js';

/** A node of the analysis: its HAProxy models are replaced in place when a patch brings new ones. */
export type Node = NodeView & { haproxy: readonly HaproxyModel[]; readonly mutableShared: NodeView[] };

/** What a full run was made of. */
export interface RunRecord {
  readonly ws: Workspace;
  /** The workspace's entries version and the path display the run used. */
  readonly entries: number;
  readonly display: (path: string) => string;
  /** Where the file system's change log stood when the run began reading (absent without a log). */
  generation: number | undefined;
  /** The parse each entry had. */
  readonly parses: Map<string, Parsed<unknown>>;
  /** Paths read through keepalived includes (a HAProxy file among them is keepalived text too). */
  readonly included: ReadonlySet<string>;
  readonly parts: FindingParts;
  /** The result's files in the order of their shown names. */
  readonly order: readonly string[];
  readonly nodes: readonly Node[];
  result: AnalysisResult;
}

export const nodeKey = (node: NodeView): string => `${node.scope}\n${node.name}`;

export interface PatchSteps {
  /** A HAProxy file's model and findings (memoized by the analyzer). */
  haproxy(path: string, parsed: Parsed<HaproxySyntax>): Steps<{ model: HaproxyModel; findings: Finding[] }>;
  /** A node's findings (memoized by the analyzer), without pausing. */
  node(node: Node): Finding[];
  /** One file's findings in final form. */
  finalize(raw: readonly Finding[]): readonly Finding[];
}

/**
 * The paths to look at: those the file system's change log names (only entries and included files matter), or
 * every entry when there is no log or it no longer reaches back to the record.
 */
function candidates(record: RunRecord, ws: Workspace): string[] {
  const log = ws.fs.changes;
  const changed = log && record.generation !== undefined ? log.since(record.generation) : undefined;
  if (!changed) return ws.allEntries().map((e) => e.path);
  return [...changed].filter((path) => ws.has(path) || record.included.has(path));
}

/** The patched run, or undefined when the change needs a full run. */
export function* patch(record: RunRecord, ws: Workspace, display: (path: string) => string, steps: PatchSteps): Steps<AnalysisResult | undefined> {
  if (ws !== record.ws || ws.entriesVersion !== record.entries || display !== record.display) return undefined;
  const generation = ws.fs.changes?.generation;
  const changed = new Map<string, Parsed<HaproxySyntax>>();
  for (const path of candidates(record, ws)) {
    const e = ws.entry(path);
    if (!e) return undefined;
    const before = record.parses.get(path);
    const parsed = e.language === 'haproxy' ? yield* ws.haproxySteps(path) : ws.keepalived(path);
    if (parsed === before) continue;
    if (e.language !== 'haproxy' || e.standalone || !before?.syntax || !parsed.syntax || record.included.has(path)) return undefined;
    changed.set(path, parsed as Parsed<HaproxySyntax>);
  }
  if (changed.size === 0) {
    record.generation = generation;
    return record.result;
  }

  const previous = record.result;
  const haproxy = new Map<string, HaproxyModel>();
  const models = new Map<HaproxyModel, HaproxyModel>();
  const remade = new Map<string, readonly Finding[]>();
  const sourceFiles = new Map<string, SourceFile>();
  for (const [path, parsed] of changed) {
    const { model, findings } = yield* steps.haproxy(path, parsed);
    models.set(previous.haproxy.get(path)!, model);
    haproxy.set(path, model);
    remade.set(`haproxy:${path}`, findings);
    sourceFiles.set(path, parsed.file);
  }
  // From here on nothing pauses, so an abandoned patch leaves the record as it was. The nodes that serve a changed
  // file get its new model; their findings, and those of every node that shares their addresses, are made again.
  const redo = new Set<Node>();
  for (const node of record.nodes) {
    if (!node.haproxy.some((h) => models.has(h))) continue;
    node.haproxy = node.haproxy.map((h) => models.get(h) ?? h);
    for (const n of node.mutableShared) redo.add(n as Node);
  }
  for (const node of redo) remade.set(`node:${nodeKey(node)}`, steps.node(node));

  const touched = new Set<string>();
  for (const [key, list] of remade) record.parts.replace(key, list, touched);
  const byFile = new Map<string, readonly Finding[]>();
  for (const uri of touched) byFile.set(uri, steps.finalize(record.parts.inFile(uri)));
  for (const [path, parsed] of changed) record.parses.set(path, parsed);
  record.generation = generation;
  record.result = makeResult({
    byFile: PatchedMap.of(previous.byFile, byFile),
    order: record.order,
    files: PatchedMap.of(previous.files, sourceFiles),
    haproxy: PatchedMap.of(previous.haproxy, haproxy),
    keepalived: previous.keepalived,
    nodes: previous.nodes,
    peerGroups: previous.peerGroups,
    notes: previous.notes,
    patchOf: { serial: previous.serial, files: touched },
  });
  return record.result;
}
