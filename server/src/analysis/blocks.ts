/**
 * The per-block half of a keepalived file's analysis. Rules marked `perBlock` (rules/rule.ts) run over one top-level
 * statement at a time (a `vrrp_instance` block with all it holds, a `global_defs`, a single line), each seen as a
 * file of its own, and their findings are kept with the statement. After an edit only the statements it touched are
 * checked again: a reparse keeps the others as the same objects, moved in place (syntax/keepalived/incremental.ts),
 * so their findings are reused, placed where the statement is now.
 *
 * What such a rule may read beyond its statement is the cache's key: the `$NAME` definitions, the global_defs
 * blocks, whether the file has control flow, and the config-id. A change to any of them checks every block again.
 * Its messages do not depend on where the statement is (they name no line), so a moved statement keeps them. A
 * finding lies in its statement; a related place may also lie in a global_defs block (the line that turns strict
 * mode on, say), which is kept relative to that block: while the cache holds, the block is the same object.
 */
import type { KStatement } from '../syntax/keepalived/ast.js';
import type { KeepalivedModel, VrrpInstance } from '../model/keepalived.js';
import type { SourceFile, Span } from '../syntax/text.js';
import type { CheckResult, Related, Report } from '../rules/rule.js';
import { drain, type Steps } from '../syntax/steps.js';
import { sameItems } from './memo.js';

/** A check of one rule, bound to its id and context. */
export type BlockCheck = (model: KeepalivedModel, report: Report) => CheckResult;

/** A span kept relative to the start of the top-level statement it lies in. */
interface Relative {
  readonly start: number;
  readonly end: number;
}

/** A related place, relative to the finding's statement or, when `anchor` is set, to that global_defs block. */
interface RelatedPlace extends Relative {
  readonly anchor?: KStatement;
  readonly message: string;
}

/** A finding kept between runs; it lies inside its statement, its related places there or in a global_defs block. */
interface Kept {
  readonly code: string;
  readonly at: Relative;
  readonly message: string;
  readonly related?: readonly RelatedPlace[];
  readonly replacement?: string;
}

/** Most blocks have no findings: they share one empty list. */
const NO_FINDINGS: readonly Kept[] = [];

/** Blocks checked between two pauses. */
const BLOCKS_PER_STEP = 256;

/** Statements an edit replaced that may stay among the kept ones, beyond twice the file's: a small file sweeps seldom too. */
const SWEEP_SLACK = 64;

const globalsOf = (model: KeepalivedModel): KStatement[] => model.tree.filter((st) => st.keyword.value === 'global_defs');

/** What, besides its own statement, a per-block rule may read: compared by identity, the definitions by content. */
function contextOf(model: KeepalivedModel): unknown[] {
  const definitions = [...model.definitions].map(([name, value]) => `${name}=${value}`).join('\n');
  return [model.configId, model.controlFlow, definitions, ...globalsOf(model)];
}

/** One top-level statement as a file of its own: the statement, with its instance if it is one. */
export function blockModel(model: KeepalivedModel, statement: KStatement, instance: VrrpInstance | undefined): KeepalivedModel {
  return { ...model, tree: [statement], instances: instance ? [instance] : [], includes: [] };
}

/** What per-block rules found, kept per top-level statement between runs of one Analyzer. */
export class BlockFindings {
  /** Undefined until the file was checked under the current context. */
  private kept: Map<KStatement, readonly Kept[]> | undefined;
  private context: readonly unknown[] = [];

  /**
   * Runs `checks` (code → check) over every top-level statement of `model` that changed since the last call, and
   * reports every statement's findings through `report(code)`.
   */
  *run(model: KeepalivedModel, checks: ReadonlyMap<string, BlockCheck>, report: (code: string) => Report): Steps<void> {
    const context = contextOf(model);
    if (!sameItems(context, this.context)) {
      this.kept = undefined;
      this.context = context;
    }
    // With nothing to reuse, one call per rule over the whole file is cheaper than one per rule and statement.
    if (!this.kept) {
      this.kept = yield* checkWhole(model, checks, report);
      return;
    }
    // Fresh statements join the kept ones in place (under one context, a statement's findings are its own, so a run
    // abandoned midway leaves only right entries); those an edit replaced are swept out now and then. An edit costs a
    // look-up per statement, not a new map of them all.
    const kept = this.kept;
    const globals = globalsOf(model);
    let instanceOf: Map<KStatement, VrrpInstance> | undefined;
    let checked = 0;
    for (const statement of model.tree) {
      const known = kept.get(statement);
      if (known) {
        replay(statement, known, report);
        continue;
      }
      instanceOf ??= new Map(model.instances.map((i) => [i.statement, i]));
      const fresh = checkOne(blockModel(model, statement, instanceOf.get(statement)), statement, globals, checks, report);
      if (fresh) kept.set(statement, fresh);
      if (++checked % BLOCKS_PER_STEP === 0) yield;
    }
    if (kept.size > 2 * model.tree.length + SWEEP_SLACK) {
      const now = new Set(model.tree);
      for (const statement of kept.keys()) if (!now.has(statement)) kept.delete(statement);
    }
  }
}

/** Where `span` of `file` lies relative to `statement`, if it lies inside it. */
function within(statement: KStatement, file: SourceFile, span: Span): Relative | undefined {
  const { start, end } = statement;
  return file === statement.file && start <= span.start && span.end <= end ? { start: span.start - start, end: span.end - start } : undefined;
}

/**
 * A finding made while checking `statement`, kept relative to it; undefined when it lies outside, or a related place
 * lies neither in it nor in one of the file's global_defs blocks.
 */
function keep(statement: KStatement, globals: readonly KStatement[], code: string, found: Parameters<Report>): Kept | undefined {
  const [file, span, message, related, replacement] = found;
  const at = within(statement, file, span);
  const around = related?.map((r): RelatedPlace | undefined => {
    const own = within(statement, r.file, r.span);
    if (own) return { ...own, message: r.message };
    for (const anchor of globals) {
      const there = within(anchor, r.file, r.span);
      if (there) return { ...there, anchor, message: r.message };
    }
    return undefined;
  });
  if (!at || around?.some((r) => r === undefined)) return undefined;
  return { code, at, message, ...(around ? { related: around as RelatedPlace[] } : {}), ...(replacement !== undefined ? { replacement } : {}) };
}

/**
 * Runs the checks over one statement's model and reports what they find. Returns what to keep, or nothing when a
 * finding lies outside the statement (in an included file, say): such a statement is checked on every run.
 */
function checkOne(part: KeepalivedModel, statement: KStatement, globals: readonly KStatement[], checks: ReadonlyMap<string, BlockCheck>, report: (code: string) => Report): readonly Kept[] | undefined {
  const findings: Kept[] = [];
  let keepable = true;
  for (const [code, run] of checks) {
    const steps = run(part, (...found) => {
      report(code)(...found);
      const kept = keep(statement, globals, code, found);
      if (kept) findings.push(kept);
      else keepable = false;
    });
    if (steps) drain(steps);
  }
  if (!keepable) return undefined;
  return findings.length > 0 ? findings : NO_FINDINGS;
}

/**
 * Runs the checks over the whole file and files each finding with the top-level statement it lies in. When one lies
 * in none (inside an included file's lines, say), nothing is kept: the next run checks statement by statement.
 */
function* checkWhole(model: KeepalivedModel, checks: ReadonlyMap<string, BlockCheck>, report: (code: string) => Report): Steps<Map<KStatement, readonly Kept[]>> {
  const tops = new Map<SourceFile, KStatement[]>();
  for (const st of model.tree) (tops.get(st.file) ?? tops.set(st.file, []).get(st.file)!).push(st);
  const found = new Map<KStatement, Kept[]>();
  const globals = globalsOf(model);
  let keepable = true;
  for (const [code, run] of checks) {
    const steps = run(model, (...finding) => {
      report(code)(...finding);
      const statement = containing(tops.get(finding[0]) ?? [], finding[1].start);
      const kept = statement ? keep(statement, globals, code, finding) : undefined;
      if (statement && kept) (found.get(statement) ?? found.set(statement, []).get(statement)!).push(kept);
      else keepable = false;
    });
    if (steps) yield* steps;
  }
  return keepable && filedByPlace(model) ? new Map(model.tree.map((st) => [st, found.get(st) ?? NO_FINDINGS])) : new Map();
}

/**
 * Whether each finding of a whole-file run belongs to the one top-level statement it lies in. Not when includes
 * put one file's statements in two places, both the same objects: a file included twice at the top level (each
 * copy would be credited with the findings of both), or lines included inside a block and also at the top level
 * (the top-level copy would be credited with what the block made of them). Such a file is checked statement by
 * statement from the next run on, where each finding is made by one statement.
 */
function filedByPlace(model: KeepalivedModel): boolean {
  const used = model.includes.filter((use) => use.targets.length > 0);
  if (used.length === 0) return true;
  const top = new Set(model.tree);
  return top.size === model.tree.length && used.every((use) => top.has(use.statement));
}

/** The last of `statements` (in file order) that starts at or before `offset`. */
function containing(statements: readonly KStatement[], offset: number): KStatement | undefined {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return statements[lo - 1];
}

/** A place kept relative to `statement`, where the statement is now. */
const place = (statement: KStatement, r: Relative): Span => ({ start: statement.start + r.start, end: statement.start + r.end });

/** Reports a statement's kept findings where the statement (and a global_defs block they point to) is now. */
function replay(statement: KStatement, findings: readonly Kept[], report: (code: string) => Report): void {
  // Most statements have none; a loop over an empty list still makes an iterator until the engine optimises it.
  if (findings.length === 0) return;
  for (const k of findings) {
    const related: Related[] | undefined = k.related?.map((r) => {
      const base = r.anchor ?? statement;
      return { file: base.file, span: place(base, r), message: r.message };
    });
    report(k.code)(statement.file, place(statement, k.at), k.message, related, k.replacement);
  }
}
