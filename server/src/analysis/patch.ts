/**
 * The run after a keystroke, when it can patch the previous one. Typing changes one file: the layout and every other
 * file's results stay what they were, so the previous run's findings are kept and only the parts the edit reaches
 * are made again. A HAProxy file: its findings, and those of the nodes that serve it or share its addresses. A
 * keepalived file: its models and findings, its nodes' findings, and the peer groups of their scopes. A file read
 * through keepalived includes: its syntax findings, and all the above for each keepalived file that includes it. A
 * file an Ansible layout read (a template, an inventory, a vars file): the Ansible step again, with its hosts' nodes
 * and peer groups, which are theirs alone. Which files changed comes from the file system's change log (or, without
 * one, from comparing every entry's parse; never beside an Ansible layout, whose files are no entries), and each
 * file's findings are finalized on their own: the work does not grow with the workspace.
 *
 * Anything else goes through the full run, which records what the next patch needs: a new or removed file, a
 * keepalived edit that changes which files its includes read or which config-ids it uses, other settings.
 */
import type { Finding } from '../rules/rule.js';
import type { HaproxyModel } from '../model/haproxy.js';
import type { KeepalivedModel } from '../model/keepalived.js';
import type { SourceFile } from '../syntax/text.js';
import type { SyntaxIssue } from '../syntax/issue.js';
import type { HaproxySyntax } from '../syntax/haproxy/ast.js';
import type { KeepalivedSyntax } from '../syntax/keepalived/ast.js';
import type { NodeView, PeerGroup } from '../workspace/types.js';
import type { ExpandedKeepalived, Parsed, Workspace } from '../workspace/workspace.js';
import type { Steps } from '../syntax/steps.js';
import { makeResult, type AnalysisResult, type FindingParts } from './results.js';
import { PatchedMap } from './patched-map.js';
import type { AnsibleRun } from './ansible.js';

/** A node of the analysis: its models are replaced in place when a patch brings new ones. */
export type Node = NodeView & { haproxy: readonly HaproxyModel[]; keepalived?: KeepalivedModel; sharedVipNodes: readonly NodeView[] };

/** One peer group of a scope, under the name its findings go under. */
export interface ScopeGroup {
  readonly key: string;
  readonly group: PeerGroup;
  readonly findings: readonly Finding[];
}

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
  /**
   * The files keepalived includes matched, as the run read them (a HAProxy file among them is keepalived text too),
   * those it could not read included; a patch puts in the new text of those it follows.
   */
  readonly included: Map<string, SourceFile>;
  /** The keepalived main files (checked for nodes) whose includes read each of those files that was text. */
  readonly includers: ReadonlyMap<string, readonly string[]>;
  /** The run's Ansible step, when it read any file or folder: a change that reaches what it read runs it again. */
  rendering: AnsibleRun | undefined;
  /** The parts of the findings that the Ansible step's hosts made (see Analyzer.renderedParts). */
  renderedKeys: ReadonlySet<string>;
  readonly parts: FindingParts;
  /** The result's files in the order of their shown names. */
  readonly order: readonly string[];
  /** The nodes each file is part of: as their keepalived main file, or as a HAProxy file they serve. */
  readonly nodesOf: ReadonlyMap<string, readonly Node[]>;
  /** Per keepalived main file, each time it was checked: for which config-id (undefined: every one it uses), and the models. */
  readonly uses: Map<string, Array<{ readonly fixedId: string | undefined; readonly models: readonly KeepalivedModel[] }>>;
  /** The nodes made of real files, by scope. */
  readonly scopes: ReadonlyMap<string, readonly Node[]>;
  /**
   * The peer groups of each scope of nodes made of real files (the Ansible hosts' are parts `renderedKeys` names,
   * which editor features do not see). Replaced, not changed, by a patch: a result's list of peer groups, made when
   * asked for, reads the one it had.
   */
  groupsByScope: ReadonlyMap<string, readonly ScopeGroup[]>;
  /** The list of peer groups of `groupsByScope`, made once when first asked for. */
  peerGroups: () => readonly PeerGroup[];
  result: AnalysisResult;
}

/** `make`'s value, made on the first call. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** The peer groups of every scope as one list, made when first asked for: each keystroke flattening them would cost time in proportion to the workspace. */
export const flattenGroups = (groupsByScope: ReadonlyMap<string, readonly ScopeGroup[]>): (() => readonly PeerGroup[]) =>
  once(() => [...groupsByScope.values()].flatMap((made) => made.map((g) => g.group)));

export const nodeKey = (node: NodeView): string => `${node.scope}\n${node.name}`;

/** The part of the findings on rendered text, moved to the templates: made last, from every other part. */
export const ANSIBLE_TEMPLATES = 'ansible-templates';

/** The name a keepalived file's findings go under, per config-id it was checked for. */
export const keepalivedKey = (path: string, fixedId: string | undefined, i: number): string => `keepalived:${path}\n${fixedId ?? ''}#${i}`;

export interface PatchSteps {
  /** A HAProxy file's model and findings (memoized by the analyzer). */
  haproxy(path: string, parsed: Parsed<HaproxySyntax>): Steps<{ model: HaproxyModel; findings: Finding[] }>;
  /** A keepalived main file with its includes expanded; undefined when it now includes other files than before. */
  expansion(path: string): ExpandedKeepalived | undefined;
  /** A keepalived file's models (for `fixedId`, or one per config-id it uses) and their findings. */
  keepalived(path: string, x: ExpandedKeepalived, fixedId: string | undefined): Steps<Array<{ model: KeepalivedModel; findings: Finding[] }>>;
  syntax(file: SourceFile, issues: readonly SyntaxIssue[]): Finding[];
  /** A scope's peer groups and their findings, the nodes' keepalived models read through `modelOf`; without pausing. */
  scope(scope: string, nodes: readonly Node[], modelOf: (node: Node) => KeepalivedModel | undefined): ScopeGroup[];
  /** Forgets what the analyzer remembered of a peer group or a node that is gone (its part's key). */
  forget(key: string): void;
  /** The Ansible step run again, with the parts its hosts make (findings on rendered text still in them). */
  ansible(): Steps<{ run: AnsibleRun; parts: ReadonlyMap<string, readonly Finding[]> }>;
  /** A node's findings (memoized by the analyzer), without pausing. */
  node(node: Node): Finding[];
  /** One file's findings in final form. */
  finalize(raw: readonly Finding[]): readonly Finding[];
}

/**
 * The paths to look at: those the file system's change log names (only entries and included files matter), or
 * every entry and included file when there is no log or it no longer reaches back to the record; and whether a
 * change reaches what the Ansible step read. Undefined when that cannot be told: without the log.
 */
function candidates(record: RunRecord, ws: Workspace): { paths: Iterable<string>; ansible: boolean } | undefined {
  const log = ws.fs.changes;
  const changed = log && record.generation !== undefined ? log.since(record.generation) : undefined;
  const rendering = record.rendering;
  if (!changed) return rendering ? undefined : { paths: new Set([...ws.allEntries().map((e) => e.path), ...record.included.keys()]), ansible: false };
  return { paths: [...changed].filter((path) => ws.has(path) || record.included.has(path)), ansible: rendering !== undefined && [...changed].some((path) => rendering.reaches(path)) };
}

/** The patched run, or undefined when the change needs a full run. */
export function* patch(record: RunRecord, ws: Workspace, display: (path: string) => string, steps: PatchSteps): Steps<AnalysisResult | undefined> {
  if (ws !== record.ws || ws.entriesVersion !== record.entries || display !== record.display) return undefined;
  const look = candidates(record, ws);
  if (!look) return undefined;
  const generation = ws.fs.changes?.generation;
  const changed = new Map<string, Parsed<HaproxySyntax>>();
  const changedKeepalived = new Map<string, Parsed<KeepalivedSyntax>>();
  /** Files read through includes with new text: the keepalived files that include them are checked again. */
  const changedIncluded = new Map<string, Parsed<KeepalivedSyntax>>();
  for (const path of look.paths) {
    const e = ws.entry(path);
    // Read through includes (the candidates are entries or such files), and not checked as a main file of its own.
    if (record.included.has(path) && (!e || (e.language === 'keepalived' && !record.uses.has(path)))) {
      const parsed = ws.keepalived(path);
      if (parsed.file === record.included.get(path)) continue;
      if (!parsed.syntax || !record.includers.has(path)) return undefined;
      changedIncluded.set(path, parsed);
      continue;
    }
    if (!e) return undefined;
    const before = record.parses.get(path);
    const parsed = e.language === 'haproxy' ? yield* ws.haproxySteps(path) : ws.keepalived(path);
    if (parsed === before) continue;
    if (!before?.syntax || !parsed.syntax || record.included.has(path)) return undefined;
    if (e.language === 'haproxy') changed.set(path, parsed as Parsed<HaproxySyntax>);
    else if (record.uses.has(path)) changedKeepalived.set(path, parsed as Parsed<KeepalivedSyntax>);
    else return undefined;
  }
  for (const path of changedIncluded.keys()) {
    for (const main of record.includers.get(path)!) if (!changedKeepalived.has(main)) changedKeepalived.set(main, ws.keepalived(main));
  }
  if (changed.size === 0 && changedKeepalived.size === 0 && !look.ansible) {
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
  // keepalived files: new models for every config-id they were checked for, which must be the same ids as before.
  const keepalivedModels = new Map<KeepalivedModel, KeepalivedModel>();
  const keepalived = new Map<string, readonly KeepalivedModel[]>();
  const uses = new Map<string, Array<{ fixedId: string | undefined; models: KeepalivedModel[] }>>();
  for (const [path, parsed] of changedKeepalived) {
    // Compared with the analyzer's last expansion of the file, which while a record lives includes what the
    // record's did: an expansion that includes other files ends the record (undefined below, then a full run).
    const x = steps.expansion(path);
    if (!x) return undefined;
    for (const use of record.uses.get(path)!) {
      const results = yield* steps.keepalived(path, x, use.fixedId);
      if (results.length !== use.models.length || results.some((r, i) => r.model.configId !== use.models[i]!.configId)) return undefined;
      results.forEach((r, i) => {
        keepalivedModels.set(use.models[i]!, r.model);
        remade.set(keepalivedKey(path, use.fixedId, i), r.findings);
      });
      const made = results.map((r) => r.model);
      (uses.get(path) ?? uses.set(path, []).get(path)!).push({ fixedId: use.fixedId, models: made });
      keepalived.set(path, made);
    }
    remade.set(`syntax:${path}`, steps.syntax(parsed.file, parsed.syntax!.issues));
    sourceFiles.set(path, parsed.file);
  }
  for (const [path, parsed] of changedIncluded) {
    remade.set(`syntax:${path}`, steps.syntax(parsed.file, parsed.syntax!.issues));
    sourceFiles.set(path, parsed.file);
  }
  // A template, an inventory or a vars file changed: every host is rendered and checked again (what did not change
  // comes back from the analyzer's memos). Its nodes and peer groups are its own, apart from every other scope.
  const ansible = look.ansible ? yield* steps.ansible() : undefined;
  // From here on nothing pauses, so an abandoned patch leaves the record as it was. The peer groups of the scopes
  // a keepalived edit reaches are made again; the instances may now group differently (a VIP typed, a VRID changed).
  const modelOf = (node: Node) => (node.keepalived && keepalivedModels.get(node.keepalived)) ?? node.keepalived;
  const scopes = new Map<string, ScopeGroup[]>();
  for (const path of changedKeepalived.keys()) {
    for (const node of record.nodesOf.get(path) ?? []) {
      if (scopes.has(node.scope)) continue;
      scopes.set(node.scope, steps.scope(node.scope, record.scopes.get(node.scope)!, modelOf));
    }
  }
  // The nodes that serve a changed file get its new model; their findings, and those of every node that shares
  // their addresses, are made again.
  const redo = new Set<Node>();
  for (const path of [...changed.keys(), ...changedKeepalived.keys()]) {
    for (const node of record.nodesOf.get(path) ?? []) {
      node.haproxy = node.haproxy.map((h) => models.get(h) ?? h);
      node.keepalived = modelOf(node);
      for (const n of node.sharedVipNodes) redo.add(n as Node);
    }
  }
  for (const node of redo) remade.set(`node:${nodeKey(node)}`, steps.node(node));
  for (const [scope, made] of scopes) {
    // The parts of groups that are gone are dropped, with what the analyzer remembered of them.
    const kept = new Set(made.map((g) => g.key));
    for (const { key } of record.groupsByScope.get(scope)!) {
      if (kept.has(key)) continue;
      remade.set(key, []);
      steps.forget(key);
    }
    for (const g of made) remade.set(g.key, g.findings);
  }
  if (scopes.size > 0) {
    record.groupsByScope = PatchedMap.of(record.groupsByScope, scopes);
    record.peerGroups = flattenGroups(record.groupsByScope);
  }
  for (const [path, list] of uses) record.uses.set(path, list);
  const rendered: Finding[] = [];
  if (ansible) {
    for (const [key, list] of ansible.parts) remade.set(key, ansible.run.withoutRendered(list, rendered));
    for (const key of record.renderedKeys) {
      if (ansible.parts.has(key)) continue;
      remade.set(key, []);
      steps.forget(key);
    }
  }

  const touched = new Set<string>();
  for (const [key, list] of remade) record.parts.replace(key, list, touched);
  if (ansible) {
    // Last, as in the full run: the templates' own findings, made again above, decide which are reported as is.
    const others = [...ansible.run.templates].flatMap((uri) => record.parts.inFile(uri, ANSIBLE_TEMPLATES));
    record.parts.replace(ANSIBLE_TEMPLATES, ansible.run.mapBack(rendered, others), touched);
    record.rendering = ansible.run;
    record.renderedKeys = new Set(ansible.parts.keys());
  }
  const byFile = new Map<string, readonly Finding[]>();
  for (const uri of touched) byFile.set(uri, steps.finalize(record.parts.inFile(uri)));
  for (const [path, parsed] of [...changed, ...changedKeepalived]) record.parses.set(path, parsed);
  for (const [path, parsed] of changedIncluded) {
    record.included.set(path, parsed.file);
    if (record.parses.has(path)) record.parses.set(path, parsed);
  }
  record.generation = generation;
  record.result = makeResult({
    byFile: PatchedMap.of(previous.byFile, byFile),
    order: record.order,
    files: PatchedMap.of(previous.files, sourceFiles),
    haproxy: PatchedMap.of(previous.haproxy, haproxy),
    keepalived: PatchedMap.of(previous.keepalived, keepalived),
    nodes: previous.nodes,
    peerGroups: record.peerGroups,
    problems: ansible?.run.problems ?? previous.problems,
    patchOf: { serial: previous.serial, files: touched },
  });
  return record.result;
}
