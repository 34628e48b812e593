/**
 * Runs every rule over a workspace: syntax issues, per-file rules, node rules (HAProxy against keepalived
 * on one node) and peer rules (keepalived against keepalived across nodes), then applies severity settings
 * and suppression comments. Pure apart from the Workspace's file system.
 *
 * An Analyzer remembers its results between runs (memo.ts): the language server keeps one, so a run after an
 * edit recomputes the edited file's model and findings, its node and its peer groups, and reuses the rest.
 */
import type { CheckResult, Finding, Related, Rule, RuleContext } from '../rules/rule.js';
import { RULES, RULES_BY_ID } from '../rules/index.js';
import type { SourceFile, Span } from '../syntax/text.js';
import { buildHaproxyModelSteps, type HaproxyModel } from '../model/haproxy.js';
import { buildKeepalivedModel, configIds, type KeepalivedModel } from '../model/keepalived.js';
import type { SyntaxIssue } from '../syntax/issue.js';
import { layoutNodes, type NodeSpec } from '../workspace/layout.js';
import { peerGroups } from '../workspace/peers.js';
import type { NodeView } from '../workspace/types.js';
import { includedFiles, type ExpandedKeepalived, type Parsed, type Workspace } from '../workspace/workspace.js';
import type { HaproxySyntax } from '../syntax/haproxy/ast.js';
import { DEFAULT_SETTINGS, type AnalysisSettings } from './settings.js';
import { FindingParts, finalizeFile, makeResult, orderFiles, type AnalysisResult } from './results.js';
import { Memo, sameItems } from './memo.js';
import { AnsibleStep, type AnsibleRun, type FileRules } from './ansible.js';
import { drain, type Steps } from '../syntax/steps.js';
import { SectionFindings } from './sections.js';
import { BlockFindings } from './blocks.js';
import { groupInputs, membersOf, refiled, sameGroupInputs } from './scope-members.js';
import { ANSIBLE_TEMPLATES, flattenGroups, keepalivedKey, nodeKey, patch, type Node, type RunRecord, type ScopeGroup } from './patch.js';

export type { AnalysisResult } from './results.js';

type Report = (file: SourceFile, span: Span, message: string, related?: readonly Related[], replacement?: string) => void;

type Check<T> = (subject: T, report: Report, context: RuleContext) => CheckResult;

/** The function a rule runs for one scope, if it runs there at all (a 'file' rule runs in both languages). */
function checkOf<T>(rule: Rule, scope: Rule['scope']): Check<T> | undefined {
  if (rule.scope === 'file') return scope === 'haproxy' || scope === 'keepalived' ? (rule[scope] as Check<T>) : undefined;
  return rule.scope === scope && 'check' in rule ? (rule.check as Check<T>) : undefined;
}

function finding(code: string, file: SourceFile, span: Span, message: string, related?: readonly Related[], replacement?: string): Finding {
  return { code, severity: RULES_BY_ID.get(code)!.severity, file, span, message, related, ...(replacement !== undefined ? { replacement } : {}) };
}

/**
 * Findings one rule lists in one file; past that, one more finding says how many places were left out. A mangled
 * or generated file can make a rule fire on every word, and tens of thousands of squiggles help nobody: they
 * only cost time in every later step and in the editor.
 */
export const MAX_FINDINGS_PER_RULE_AND_FILE = 1000;

/** Adds one rule's findings to `into` up to the limit per file; `close()` adds the "more" findings. */
function capped(code: string, into: Finding[]): { report: Report; close: () => void } {
  // Made on the first finding: most checks of a small subject (a peer group, a node) find nothing.
  let counts: Map<SourceFile, number> | undefined;
  let left: Map<SourceFile, { first: Span; places: Set<number> }> | undefined;
  return {
    report: (file, span, message, related, replacement) => {
      counts ??= new Map();
      const n = (counts.get(file) ?? 0) + 1;
      counts.set(file, n);
      if (n <= MAX_FINDINGS_PER_RULE_AND_FILE) into.push(finding(code, file, span, message, related, replacement));
      else (left ??= new Map()).get(file)?.places.add(span.start) ?? left.set(file, { first: span, places: new Set([span.start]) });
    },
    close: () => {
      if (!left) return;
      for (const [file, { first, places }] of left) {
        const more = `${places.size.toLocaleString('en')} more ${code} finding(s) in this file from here on are not listed one by one`;
        into.push(finding(code, file, first, `${more} (only the first ${MAX_FINDINGS_PER_RULE_AND_FILE.toLocaleString('en')} are)`));
      }
    },
  };
}

/** The rules of each scope with their checks, in RULES order: a peer group or a node is checked thousands of times. */
const checksByScope = new Map<Rule['scope'], ReadonlyArray<readonly [Rule, Check<unknown>]>>();

function checksOf<T>(scope: Rule['scope']): ReadonlyArray<readonly [Rule, Check<T>]> {
  let list = checksByScope.get(scope);
  if (!list) {
    list = RULES.flatMap((rule) => {
      const check = checkOf<unknown>(rule, scope);
      return check ? [[rule, check] as const] : [];
    });
    checksByScope.set(scope, list);
  }
  return list as ReadonlyArray<readonly [Rule, Check<T>]>;
}

/** Every rule of a scope over one subject, pausing after each rule that ran; `skip` leaves rules out. */
function* runRules<T>(scope: Rule['scope'], subject: T, context: RuleContext, into: Finding[] = [], skip?: (rule: Rule) => boolean): Steps<Finding[]> {
  for (const [rule, check] of checksOf<T>(scope)) {
    if (skip?.(rule)) continue;
    const { report, close } = capped(rule.id, into);
    const steps = check(subject, report, context);
    if (steps) yield* steps;
    close();
    yield;
  }
  return into;
}

type KeepalivedResults = Array<{ model: KeepalivedModel; findings: Finding[] }>;

const perSection = (rule: Rule) => (rule.scope === 'haproxy' || rule.scope === 'file') && rule.perSection !== undefined;
const perBlock = (rule: Rule) => (rule.scope === 'keepalived' || rule.scope === 'file') && rule.perBlock === true;

/** Where the local rules of a file run part by part, reusing the findings of the parts an edit left alone. */
interface PartFindings<M> {
  run(model: M, checks: ReadonlyMap<string, (model: M, report: Report) => CheckResult>, report: (code: string) => Report): Steps<void>;
}

/**
 * Every rule of a language over a file's model: the local ones (per section, per block) through `parts`, which checks
 * only the parts an edit touched and reuses the findings of the others (sections.ts, blocks.ts), then the file-wide ones.
 */
function* runRulesByPart<M>(scope: 'haproxy' | 'keepalived', model: M, context: RuleContext, local: (rule: Rule) => boolean, parts: PartFindings<M>, into: Finding[] = []): Steps<Finding[]> {
  const checks = new Map<string, (model: M, report: Report) => CheckResult>();
  for (const rule of RULES) {
    const check = local(rule) ? checkOf<M>(rule, scope) : undefined;
    if (check) checks.set(rule.id, (m, report) => check(m, report, context));
  }
  const reporters = new Map([...checks.keys()].map((code) => [code, capped(code, into)]));
  yield* parts.run(model, checks, (code) => reporters.get(code)!.report);
  for (const r of reporters.values()) r.close();
  return yield* runRules(scope, model, context, into, local);
}

function syntaxFindings(file: SourceFile, issues: readonly SyntaxIssue[]): Finding[] {
  const into: Finding[] = [];
  const byCode = new Map<string, ReturnType<typeof capped>>();
  for (const i of issues) (byCode.get(i.code) ?? byCode.set(i.code, capped(i.code, into)).get(i.code)!).report(file, i, i.message);
  for (const c of byCode.values()) c.close();
  return into;
}
const binaryFinding = (file: SourceFile) => finding('parse-error', file, { start: 0, end: 0 }, 'this file is not text (it contains NUL bytes); it was not checked');

/** Each group of a grouping the analyzer remembers, and the name of its part. */
const groupKeys = new WeakMap<readonly number[], string>();

/** A node of the analysis; shareAddresses gives it the nodes that share its addresses. */
const makeNode = (name: string, scope: string, keepalived: KeepalivedModel | undefined, haproxy: readonly HaproxyModel[]): Node => ({ name, keepalived, haproxy, sharedVipNodes: [], scope });

/**
 * Gives each node the nodes that serve the same HAProxy files, and so share its bind addresses (found through an
 * index: comparing every node with every other was the largest cost of an edit in a workspace of a thousand nodes).
 * Nodes serving the same files get one list: a thousand keepalived files beside one haproxy.cfg would otherwise make
 * a thousand lists of a thousand.
 */
function shareAddresses(nodes: readonly Node[]): void {
  const servers = new Map<HaproxyModel, Node[]>();
  const order = new Map<Node, number>();
  nodes.forEach((node, i) => {
    order.set(node, i);
    for (const h of node.haproxy) (servers.get(h) ?? servers.set(h, []).get(h)!).push(node);
  });
  const listsByFiles = new Map<string, Node[]>();
  for (const node of nodes) {
    if (node.haproxy.length === 0) {
      node.sharedVipNodes = [node];
      continue;
    }
    const files = node.haproxy.map((h) => h.syntax.file.uri).join('\0');
    node.sharedVipNodes = listsByFiles.get(files) ?? listsByFiles.set(files, [...new Set(node.haproxy.flatMap((h) => servers.get(h)!))].sort((a, b) => order.get(a)! - order.get(b)!)).get(files)!;
  }
}

/** Nodes by cluster scope, in the order of their first node. */
function byScope(nodes: readonly Node[]): Map<string, Node[]> {
  const scopes = new Map<string, Node[]>();
  for (const node of nodes) (scopes.get(node.scope) ?? scopes.set(node.scope, []).get(node.scope)!).push(node);
  return scopes;
}

/** Paths shown as they are; one function, so that results that depend on how paths are shown can be kept. */
const asIs = (path: string): string => path;

export class Analyzer {
  private settings: AnalysisSettings | undefined;
  private readonly haproxyFiles = new Memo<{ model: HaproxyModel; findings: Finding[] }>();
  private readonly expansions = new Map<string, { main: SourceFile; x: ExpandedKeepalived }>();
  private readonly keepalivedFiles = new Memo<Array<{ model: KeepalivedModel; findings: Finding[] }>>();
  private readonly nodeFindings = new Memo<Finding[]>();
  private readonly groupFindings = new Memo<readonly Finding[]>();
  /** Per set of nodes serving the same HAProxy files: an object that stays the same while their inputs do. */
  private readonly sharedInputs = new Memo<object>();
  private readonly ansible = new AnsibleStep();
  /** What the last full run was made of, for the runs that only patch it (patch.ts). */
  private record: RunRecord | undefined;
  /** Which nodes the files form, and per cluster scope which instances are peers: kept while their inputs are the same. */
  private readonly layout = new Memo<NodeSpec[]>();
  private readonly groupings = new Memo<number[][]>();
  /** Per HAProxy file: what the per-section rules found in each section. */
  private readonly sectionFindings = new Map<string, SectionFindings>();
  /** Per keepalived file and config-id (path, line feed, id): what the per-block rules found in each top-level statement. */
  private readonly blockFindings = new Map<string, BlockFindings>();

  /** Forgets everything: after files were created or deleted, includes and globs may resolve differently. */
  reset(): void {
    for (const memo of [this.haproxyFiles, this.keepalivedFiles, this.nodeFindings, this.groupFindings, this.sharedInputs, this.layout, this.groupings]) memo.clear();
    this.expansions.clear();
    this.sectionFindings.clear();
    this.blockFindings.clear();
    this.record = undefined;
    this.ansible.clear();
  }

  run(ws: Workspace, settings: AnalysisSettings = DEFAULT_SETTINGS, display: (path: string) => string = asIs): AnalysisResult {
    return drain(this.steps(ws, settings, display));
  }

  /**
   * A run that pauses between pieces of work (a slice of a huge file's lexing, one rule over one file): the
   * language server interleaves requests with it and abandons it when an edit makes it outdated. What it had
   * finished stays remembered for the next run.
   */
  *steps(ws: Workspace, settings: AnalysisSettings = DEFAULT_SETTINGS, display: (path: string) => string = asIs): Steps<AnalysisResult> {
    if (settings !== this.settings) this.reset();
    this.settings = settings;
    const context: RuleContext = { versions: settings.versions };
    // Read by every node of a set, made once per run: the set's nodes may have new models since the last one.
    const sharedTokens = new Map<readonly NodeView[], object>();
    const nodeFindings = (node: Node) => this.nodeFindingsOf(node, context, sharedTokens);
    // File rules on the Ansible step's rendered configs.
    const fileRules: FileRules = { haproxy: (m) => drain(runRules('haproxy', m, context)), keepalived: (m) => drain(runRules('keepalived', m, context)) };
    if (this.record) {
      const patched = yield* patch(this.record, ws, display, {
        haproxy: (path, parsed) => this.haproxyFile(path, parsed, context),
        expansion: (path) => {
          const before = this.expansions.get(path)?.x;
          const x = this.expand(ws, path);
          if (!before) return undefined;
          // The same files, in the same order: their text may have changed (a patch follows that), not which they are.
          const paths = (e: ExpandedKeepalived) => includedFiles(e).map((f) => f.uri);
          return sameItems(paths(x), paths(before)) ? x : undefined;
        },
        keepalived: (path, x, fixedId) => this.keepalivedFile(ws, path, x, fixedId, context),
        syntax: syntaxFindings,
        scope: (scope, nodes, modelOf) => drain(this.scopeGroups(scope, nodes, context, modelOf)),
        forget: (key) => (key.startsWith('node:') ? this.nodeFindings.forget(key.slice('node:'.length)) : this.groupFindings.forget(key)),
        ansible: function* (this: Analyzer) {
          const run = this.ansible.run(ws, fileRules);
          return { run, parts: yield* this.renderedParts(run, context, nodeFindings) };
        }.bind(this),
        node: (node) => drain(nodeFindings(node)),
        finalize: (raw) => finalizeFile(raw, settings),
      });
      if (patched) return patched;
      this.record = undefined;
    }
    // Changes after this point are the next patch's to look at (patch.ts).
    const generation = ws.fs.changes?.generation;
    const raw: Finding[] = [];
    const parts = new FindingParts();
    // What each entry's parse was, for the next run to see what changed (read once: files are not read twice).
    const parses = new Map<string, Parsed<unknown>>();
    const files = new Map<string, SourceFile>();
    // Templates rendered per Ansible inventory host: their findings are moved to the templates at the end.
    const ansible = this.ansible.run(ws, fileRules);
    const rendered: Finding[] = [];
    const add = (key: string, list: readonly Finding[]) => {
      const own = ansible.withoutRendered(list, rendered);
      for (const f of own) {
        raw.push(f);
        files.set(f.file.uri, f.file);
      }
      parts.add(key, own);
    };
    const entries = ws.allEntries();

    const haproxyModels = new Map<string, HaproxyModel>();
    for (const e of entries) {
      if (e.language !== 'haproxy') continue;
      const parsed = yield* ws.haproxySteps(e.path);
      parses.set(e.path, parsed);
      files.set(e.path, parsed.file);
      if (!parsed.syntax) {
        add(`binary:${e.path}`, [binaryFinding(parsed.file)]);
        continue;
      }
      const result = yield* this.haproxyFile(e.path, parsed as Parsed<HaproxySyntax>, context);
      add(`haproxy:${e.path}`, result.findings);
      haproxyModels.set(e.path, result.model);
    }

    // keepalived: expand includes once per file; a file included by another is read only through it.
    const expanded = new Map<string, ExpandedKeepalived>();
    const includedPaths = new Map<string, SourceFile>();
    for (const e of entries) {
      if (e.language !== 'keepalived') continue;
      const parsed = ws.keepalived(e.path);
      parses.set(e.path, parsed);
      files.set(e.path, parsed.file);
      if (!parsed.syntax) {
        add(`binary:${e.path}`, [binaryFinding(parsed.file)]);
        continue;
      }
      const x = this.expand(ws, e.path);
      yield;
      expanded.set(e.path, x);
      // Files an include matched but could not read count too: one that changes (text now?) changes the expansion.
      for (const f of includedFiles(x)) includedPaths.set(f.uri, f);
    }
    const standalone = new Set(entries.filter((e) => e.standalone).map((e) => e.path));
    // A file named on the command line is checked even when another file includes it.
    const mains = [...expanded.keys()].filter((p) => !includedPaths.has(p) || standalone.has(p));
    const keepalivedModels = new Map<string, KeepalivedModel[]>();
    const reported = new Set<string>();
    const reportSyntaxOnce = (file: SourceFile) => {
      if (reported.has(file.uri)) return;
      reported.add(file.uri);
      files.set(file.uri, file);
      const syntax = ws.keepalived(file.uri).syntax;
      if (syntax) add(`syntax:${file.uri}`, syntaxFindings(file, syntax.issues));
    };

    /** One model per config-id the file uses (`@id` lines), or a single one; its syntax findings and those of its includes, once. */
    const uses: RunRecord['uses'] = new Map();
    const modelsOf = function* (this: Analyzer, path: string, fixedId?: string): Steps<KeepalivedModel[]> {
      const x = expanded.get(path)!;
      const syntax = ws.keepalived(path).syntax!;
      reportSyntaxOnce(syntax.file);
      x.included.forEach(reportSyntaxOnce);
      const results = yield* this.keepalivedFile(ws, path, x, fixedId, context);
      results.forEach((r, i) => add(keepalivedKey(path, fixedId, i), r.findings));
      const models = results.map((r) => r.model);
      (uses.get(path) ?? uses.set(path, []).get(path)!).push({ fixedId, models });
      keepalivedModels.set(path, models);
      return models;
    }.bind(this);
    const layoutMains = mains.filter((p) => !standalone.has(p));
    const layoutHaproxy = [...haproxyModels.keys()].filter((p) => !standalone.has(p));
    const specs: NodeSpec[] = this.layout
      .get('nodes', [display, ...ws.manifests, '\0', ...layoutMains, '\0', ...layoutHaproxy], () => layoutNodes(layoutMains, layoutHaproxy, display, ws.manifests))
      .slice();
    for (const p of mains.filter((m) => standalone.has(m))) specs.push({ name: display(p), keepalived: p, haproxy: [], scope: `file:${p}` });

    const nodes: Node[] = [];
    /** The nodes made from each file: its keepalived config and the HAProxy configs it serves. */
    const nodesOf = new Map<string, Node[]>();
    for (const spec of specs) {
      if (!expanded.has(spec.keepalived)) continue;
      for (const model of yield* modelsOf(spec.keepalived, spec.configId)) {
        const name = model.configId !== undefined && spec.configId === undefined ? `${spec.name}@${model.configId}` : spec.name;
        const node = makeNode(name, spec.scope, model, spec.haproxy.map((h) => haproxyModels.get(h)).filter((m): m is HaproxyModel => m !== undefined));
        nodes.push(node);
        for (const path of [spec.keepalived, ...spec.haproxy]) (nodesOf.get(path) ?? nodesOf.set(path, []).get(path)!).push(node);
      }
    }
    shareAddresses(nodes);
    for (const node of nodes) add(`node:${nodeKey(node)}`, yield* nodeFindings(node));
    const scopes = byScope(nodes);
    const groupsByScope = new Map<string, ScopeGroup[]>();
    for (const [scope, members] of scopes) {
      const made = yield* this.scopeGroups(scope, members, context);
      groupsByScope.set(scope, made);
      for (const { key, findings } of made) add(key, findings);
    }
    // The Ansible hosts: checked like nodes, but editor features do not see them (their scopes are their own).
    const renderedParts = yield* this.renderedParts(ansible, context, nodeFindings);
    for (const [key, list] of renderedParts) add(key, list);
    for (const memo of [this.haproxyFiles, this.keepalivedFiles, this.nodeFindings, this.groupFindings, this.sharedInputs, this.layout, this.groupings]) memo.sweep();
    for (const path of this.expansions.keys()) if (!expanded.has(path)) this.expansions.delete(path);
    for (const path of this.sectionFindings.keys()) if (!haproxyModels.has(path)) this.sectionFindings.delete(path);
    for (const key of this.blockFindings.keys()) if (!expanded.has(key.slice(0, key.indexOf('\n')))) this.blockFindings.delete(key);
    add(ANSIBLE_TEMPLATES, ansible.mapBack(rendered, raw));

    const found = parts.byFile();
    const byFile = new Map<string, readonly Finding[]>();
    for (const uri of files.keys()) byFile.set(uri, finalizeFile(found.get(uri) ?? [], settings));
    const fileOrder = orderFiles(files.keys(), display);
    const peerGroupsOf = flattenGroups(groupsByScope);
    const result = makeResult({ byFile, order: fileOrder, files, haproxy: haproxyModels, keepalived: keepalivedModels, nodes, peerGroups: peerGroupsOf, problems: ansible.problems });
    // Ansible layouts depend on files that are no entries (inventories, vars): a patch must see every change to
    // tell whether one reaches them, which only a file system with a change log tells.
    if (!ansible.readsFiles || generation !== undefined) {
      const includers = new Map<string, string[]>();
      // Files read as text only: one that was not gets findings of other kinds, and a full run when it changes.
      for (const path of uses.keys()) for (const f of expanded.get(path)!.included) (includers.get(f.uri) ?? includers.set(f.uri, []).get(f.uri)!).push(path);
      const rendering = ansible.readsFiles ? ansible : undefined;
      this.record = { ws, entries: ws.entriesVersion, generation, display, parses, included: includedPaths, includers, rendering, renderedKeys: new Set(renderedParts.keys()), parts, order: fileOrder, nodesOf, uses, scopes, groupsByScope, peerGroups: peerGroupsOf, result };
    }
    return result;
  }

  /** A HAProxy file's model and findings, reused while its parse is the same. */
  private *haproxyFile(path: string, parsed: Parsed<HaproxySyntax>, context: RuleContext): Steps<{ model: HaproxyModel; findings: Finding[] }> {
    const syntax = parsed.syntax!;
    const sections = this.sectionFindings.get(path) ?? this.sectionFindings.set(path, new SectionFindings()).get(path)!;
    const before = this.haproxyFiles.previous(path)?.model;
    return yield* this.haproxyFiles.getSteps(path, [syntax], function* () {
      const model = yield* buildHaproxyModelSteps(syntax, before);
      return { model, findings: yield* runRulesByPart('haproxy', model, context, perSection, sections, syntaxFindings(parsed.file, syntax.issues)) };
    });
  }

  /** A keepalived file's models (one per config-id, or the one `fixedId`) with their file-rule findings, reused while its expansion is the same. */
  private keepalivedFile(ws: Workspace, path: string, x: ExpandedKeepalived, fixedId: string | undefined, context: RuleContext): Steps<KeepalivedResults> {
    const blockFindings = this.blockFindings;
    const memoKey = `${path}\n${fixedId ?? ''}`;
    const before = this.keepalivedFiles.previous(memoKey);
    return this.keepalivedFiles.getSteps(memoKey, [x], function* () {
      const syntax = ws.keepalived(path).syntax!;
      const ids = fixedId !== undefined ? [fixedId] : [...configIds(x.tree, undefined, syntax.definitions)];
      const variants = ids.length > 0 ? ids : [undefined];
      const out: KeepalivedResults = [];
      for (const configId of variants) {
        const model = buildKeepalivedModel(syntax, { configId, expanded: x, previous: before?.find((r) => r.model.configId === configId)?.model });
        const key = `${path}\n${configId ?? ''}`;
        const blocks = blockFindings.get(key) ?? blockFindings.set(key, new BlockFindings()).get(key)!;
        out.push({ model, findings: yield* runRulesByPart('keepalived', model, context, perBlock, blocks) });
      }
      return out;
    });
  }

  /**
   * The peer groups among one scope's nodes, each with its findings. The grouping depends on the instances and on
   * which of them share a node, and each group's findings on its members: both are kept while those are the same.
   */
  private *scopeGroups(scope: string, nodes: readonly Node[], context: RuleContext, modelOf = (node: Node) => node.keepalived): Steps<ScopeGroup[]> {
    // Peers are instances on different nodes: a scope of one node (a file on its own) has none, however large.
    if (nodes.length < 2) return [];
    const lists = nodes.map((node) => membersOf(node, modelOf(node)));
    const members = lists.flatMap((l) => l.members);
    // Grouped again only when what grouping reads changes (a VIP, a VRID, a name, which node): not at every edit of
    // one instance among hundreds. Each node's part: its name and place, then its members' signatures.
    const groupingInputs: unknown[] = [];
    lists.forEach((l, n) => {
      groupingInputs.push(nodes[n]!.name, n, l.members.length);
      for (const signature of l.signatures) groupingInputs.push(signature);
    });
    const grouping = this.groupings.get(scope, groupingInputs, () => {
      const index = new Map(members.map((m, i) => [m, i]));
      return peerGroups(members).map((g) => g.members.map((m) => index.get(m)!));
    });
    const labelOf = (i: number) => {
      let n = 0;
      for (; i >= lists[n]!.members.length; n++) i -= lists[n]!.members.length;
      return lists[n]!.labels()[i];
    };
    const out: ScopeGroup[] = [];
    for (const indexes of grouping) {
      const group = { members: indexes.map((i) => members[i]!) };
      // One name for the group's part of the findings and for what the analyzer remembers of it; the same while the
      // grouping is (the labels name what the grouping's inputs hold). Two groups keyed alike would share a part,
      // and a patched run that redid one of them would drop the other's findings: hence the ranks in the labels.
      let key = groupKeys.get(indexes);
      if (key === undefined) groupKeys.set(indexes, (key = `group:${JSON.stringify([scope, ...indexes.map(labelOf)])}`));
      // Besides its instance, peer rules read a member's global_defs and scripts: the statements they come from, kept
      // by an edit elsewhere in the file like the instance. An edit of one instance among hundreds of a pair of
      // nodes then checks its own group again, not all of them.
      const kept =
        this.groupFindings.kept(key, (inputs) => sameGroupInputs(inputs, group.members)) ??
        (yield* this.groupFindings.getSteps(key, groupInputs(group.members), () => runRules('peers', group, context)));
      const findings = refiled(kept, group.members);
      // Remembered as re-filed: the next run that keeps them finds them current, and re-files (and re-publishes) nothing.
      if (findings !== kept) this.groupFindings.replace(key, findings);
      out.push({ key, group, findings });
    }
    return out;
  }

  /**
   * The Ansible step's hosts as nodes of their clusters, and what is found on them, by part: the step's own findings
   * (file rules on rendered text, templates it could not render), each host's node findings, and its peer groups'.
   * Findings on rendered text are still there: the caller moves them to the templates (AnsibleRun.mapBack). A full
   * run and a patch that reaches what the step read add the same parts.
   */
  private *renderedParts(run: AnsibleRun, context: RuleContext, nodeFindings: (node: Node) => Steps<Finding[]>): Steps<Map<string, readonly Finding[]>> {
    const parts = new Map<string, readonly Finding[]>();
    // A list kept by a memo goes in as it is: a patch skips a part whose list is the very same.
    const put = (key: string, list: readonly Finding[]) => {
      const before = parts.get(key);
      parts.set(key, before ? [...before, ...list] : list);
    };
    put('ansible', run.findings);
    put('ansible-unrendered', run.unrendered.map((u) => finding('template-not-rendered', u.file, u.span, u.message)));
    const nodes = run.nodes.map((n) => makeNode(n.name, n.scope, n.keepalived, n.haproxy));
    shareAddresses(nodes);
    for (const node of nodes) put(`node:${nodeKey(node)}`, yield* nodeFindings(node));
    for (const [scope, members] of byScope(nodes)) for (const { key, findings } of yield* this.scopeGroups(scope, members, context)) put(key, findings);
    return parts;
  }

  /** A node's findings, reused while its models and those of the nodes sharing its addresses are the same. */
  private nodeFindingsOf(node: Node, context: RuleContext, sharedTokens: Map<readonly NodeView[], object>): Steps<Finding[]> {
    const shared = node.sharedVipNodes;
    let token = sharedTokens.get(shared);
    if (!token) {
      const key = `shared:${JSON.stringify(shared.map(nodeKey))}`;
      token = this.sharedInputs.get(key, shared.flatMap((n) => [n.name, n.keepalived, ...n.haproxy]), () => ({}));
      sharedTokens.set(shared, token);
    }
    const inputs = [node.keepalived, ...node.haproxy, token];
    return this.nodeFindings.getSteps(nodeKey(node), inputs, () => runRules('node', node, context));
  }

  /** A keepalived file with its includes, reused while the file and every file its includes matched are unchanged. */
  private expand(ws: Workspace, path: string): ExpandedKeepalived {
    const main = ws.keepalived(path).file;
    const previous = this.expansions.get(path);
    if (previous && previous.main === main && includedFiles(previous.x).every((f) => ws.keepalived(f.uri).file === f)) return previous.x;
    const x = ws.expandKeepalived(path)!;
    this.expansions.set(path, { main, x });
    return x;
  }
}

/** One run with nothing remembered: what the CLI and tests use. */
export function analyze(ws: Workspace, settings: AnalysisSettings = DEFAULT_SETTINGS, display: (path: string) => string = asIs): AnalysisResult {
  return new Analyzer().run(ws, settings, display);
}
