/** Fixes that are one replacement: the rule's own "did you mean", and the newline HAProxy wants at the end. */
import { eolOf } from '../edits.js';
import { fixOf, type Fixer } from './quick-fix.js';

/** unknown-keyword, invalid-state, invalid-auth-type: the suggestion the rule found (a near keyword, the right case). */
export const useReplacement: Fixer = (_ctx, finding) =>
  finding.replacement === undefined ? [] : fixOf(`Change to '${finding.replacement}'`, [{ file: finding.file, edits: [{ ...finding.span, newText: finding.replacement }] }], true);

export const addFinalNewline: Fixer = (_ctx, finding) => {
  const text = finding.file.text;
  return fixOf('Add a newline at the end of the file', [{ file: finding.file, edits: [{ start: text.length, end: text.length, newText: eolOf(text) }] }], true);
};
