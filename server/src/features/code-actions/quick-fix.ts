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

/**
 * The changes with each edit made once. The model can reach one line of text more than once (a file included
 * twice, as `include conf.d/*` and `include ./conf.d/*`; a line that several config-ids read), and a fixer that
 * edits every entry it is given would then edit that line twice: an overlap the editor rejects.
 */
function onePerSpot(changes: readonly FileEdits[]): FileEdits[] {
  const seen = new Set<string>();
  const out: FileEdits[] = [];
  for (const change of changes) {
    const edits = change.edits.filter((e) => {
      const key = `${change.file.uri}\0${e.start}\0${e.end}\0${e.newText}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (edits.length > 0) out.push(edits.length === change.edits.length ? change : { file: change.file, edits });
  }
  return out;
}

/** A fix made of edits that may each have failed: nothing when any did (a half fix is worse than none). */
export function fixOf(title: string, changes: ReadonlyArray<FileEdits | undefined>, preferred?: boolean): QuickFix[] {
  if (changes.length === 0 || changes.some((c) => c === undefined)) return [];
  return [{ title, changes: onePerSpot(changes as FileEdits[]), ...(preferred ? { preferred } : {}) }];
}
