/** What a quick fix is: a title and the edits it makes, possibly in several files (both peers of a pair). */
import type { Finding } from '../../rules/rule.js';
import type { FeatureContext } from '../context.js';
import type { FileEdits } from '../edits.js';

export interface QuickFix {
  readonly title: string;
  /** Edits per file; a file may appear more than once (its edits never overlap). */
  readonly changes: readonly FileEdits[];
  /** The one obvious fix, which an editor may apply without asking ("auto fix"). */
  readonly preferred?: boolean;
}

/** The fixes a rule offers for one of its findings; none when the finding's context does not allow a safe edit. */
export type Fixer = (ctx: FeatureContext, finding: Finding) => QuickFix[];

/** A fix made of edits that may each have failed: nothing when any did (a half fix is worse than none). */
export function fixOf(title: string, changes: ReadonlyArray<FileEdits | undefined>, preferred?: boolean): QuickFix[] {
  if (changes.length === 0 || changes.some((c) => c === undefined)) return [];
  return [{ title, changes: changes as FileEdits[], ...(preferred ? { preferred } : {}) }];
}
