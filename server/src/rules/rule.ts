/**
 * What a rule is. A rule's id is its diagnostic code, its file name, its fixture folder, its settings key
 * and its docs anchor. Rules are pure: they read a model and report findings through a callback.
 */
import type { SourceFile, Span } from '../syntax/text.js';
import type { Steps } from '../syntax/steps.js';
import type { HaproxyModel } from '../model/haproxy.js';
import type { KeepalivedModel } from '../model/keepalived.js';
import type { NodeView, PeerGroup } from '../workspace/types.js';
import type { TargetVersions } from '../knowledge/versions.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** The other side of a cross-file finding (the peer's line, the VIP definition…). */
export interface Related {
  readonly file: SourceFile;
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly file: SourceFile;
  readonly span: Span;
  readonly message: string;
  readonly related?: readonly Related[];
  /** Text that fixes the finding when it replaces `span`: the "did you mean" of a misspelt keyword or value (quick fixes offer it). */
  readonly replacement?: string;
}

export type Report = (file: SourceFile, span: Span, message: string, related?: readonly Related[], replacement?: string) => void;

/**
 * What a check returns: nothing, or steps it pauses between (syntax/steps.ts), for a check that takes long on a
 * huge file; the analysis runs them, so a check never has to be drained by hand.
 */
export type CheckResult = void | Steps<void>;

/** What a rule may know besides its subject: the program versions the user targets. */
export interface RuleContext {
  readonly versions: TargetVersions;
}

interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule finds. */
  readonly summary: string;
  /** A few sentences for docs/rules.md: why it matters and how to fix it. */
  readonly docs: string;
  /** Which real program makes the same check, if any (used by the agreement tests). */
  readonly mirrors?: 'haproxy' | 'keepalived' | 'both';
}

export interface SyntaxRule extends RuleInfo {
  readonly scope: 'syntax';
}
/** Findings of the Ansible step itself (analysis/ansible.ts) about templates it could not render per host. */
export interface AnsibleRule extends RuleInfo {
  readonly scope: 'ansible';
}
/**
 * For HAProxy checks: true when what the rule finds in a section depends on nothing but that section's lines, its
 * proxy, the defaults the proxy inherits from and the file-wide flags (templated, control flow). The analysis then
 * runs it one section at a time and keeps its findings for the sections an edit did not touch (analysis/sections.ts);
 * a test runs every fixture both ways. Its messages may name lines of the section itself, not of other sections.
 *
 * 'names' for a rule that compares sections (duplicate names, references) through the model's name tables
 * (`frontends`, `backends`, `named`), reading of the proxies it finds there only their kind, name, mode and header:
 * the analysis runs it the same way and keeps its findings while the name index is the same object, which it is
 * while no proxy was added or removed or changed those (model/proxy-names.ts). It reports in the section it checks;
 * its messages may name lines of earlier sections only.
 */
interface SectionLocal {
  readonly perSection?: true | 'names';
}

/**
 * For keepalived checks: true when what the rule finds in a top-level statement (a `vrrp_instance` block with all it
 * holds, a `global_defs`, a single line) depends on nothing but that statement, its instance, and the file-wide
 * values the analysis keys its cache on: the `$NAME` definitions, the global_defs blocks, control flow and the
 * config-id. The analysis then runs it one top-level statement at a time and keeps its findings for the statements
 * an edit did not touch (analysis/blocks.ts); a test runs every fixture both ways. Such a rule must not read
 * `scripts` or `includes`, and its messages must not depend on where the statement is (no line numbers).
 */
interface BlockLocal {
  readonly perBlock?: boolean;
}

export interface HaproxyRule extends RuleInfo, SectionLocal {
  readonly scope: 'haproxy';
  check(model: HaproxyModel, report: Report, context: RuleContext): CheckResult;
}
export interface KeepalivedRule extends RuleInfo, BlockLocal {
  readonly scope: 'keepalived';
  check(model: KeepalivedModel, report: Report, context: RuleContext): CheckResult;
}
/** A check that exists in both languages under one id (unknown-keyword): one function per language. */
export interface FileRule extends RuleInfo, SectionLocal, BlockLocal {
  readonly scope: 'file';
  haproxy(model: HaproxyModel, report: Report, context: RuleContext): CheckResult;
  keepalived(model: KeepalivedModel, report: Report, context: RuleContext): CheckResult;
}
/** Checks one load-balancer node: its HAProxy config against its keepalived config. */
export interface NodeRule extends RuleInfo {
  readonly scope: 'node';
  check(node: NodeView, report: Report, context: RuleContext): CheckResult;
}
/**
 * Checks VRRP instances of different nodes that back each other up: a rule over one peer group. Its findings are
 * kept while the members' instances, global_defs and scripts are the same objects, also when an edit moved them
 * (analysis/scope-members.ts): it reads nothing else of the models, and reports at the words and statements
 * themselves (a reparse moves those in place), never at spans it computes.
 */
export interface PeerRule extends RuleInfo {
  readonly scope: 'peers';
  check(group: PeerGroup, report: Report, context: RuleContext): CheckResult;
}

export type Rule = SyntaxRule | AnsibleRule | FileRule | HaproxyRule | KeepalivedRule | NodeRule | PeerRule;
