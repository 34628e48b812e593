/**
 * misplaced-rule: the rule moves up, above the first line of its section whose rule HAProxy runs after it, so the
 * config reads in the order HAProxy runs it. Only lines outside `.if` blocks are moved (a move into or out of a block
 * would change which HAProxy reads it), and only a line that holds nothing but the rule and a comment.
 */
import { rankOf, runsLater } from '../../rules/haproxy/misplaced-rule.js';
import { lineStartAt, nextLineStart, eolOf } from '../edits.js';
import { fixOf, type Fixer } from './quick-fix.js';
import { ownsLines } from './text-edits.js';

export const moveRuleUp: Fixer = (ctx, finding) => {
  const syntax = ctx.haproxy?.syntax;
  if (!syntax || syntax.controlFlow) return [];
  const section = syntax.sections.find((s) => s.start <= finding.span.start && finding.span.start < s.end);
  const statements = section?.statements ?? [];
  const at = statements.findIndex((st) => st.start === finding.span.start);
  const st = statements[at];
  if (!st || st.branch !== undefined) return [];
  const rank = rankOf(st);
  const above = statements.slice(0, at).find((e) => runsLater(rank, rankOf(e)));
  if (!above || above.branch !== undefined) return [];
  const text = finding.file.text;
  if (!ownsLines(text, st) || !ownsLines(text, above)) return [];
  const from = lineStartAt(text, st.start);
  const to = nextLineStart(text, st.end);
  // The last line of a file may have no line ending; the moved copy needs one.
  const line = text.slice(from, to).replace(/(\r?\n)?$/, eolOf(text));
  const target = lineStartAt(text, above.start);
  return fixOf(
    `Move this rule above the ${above.keyword} line (line ${above.line + 1})`,
    [{ file: finding.file, edits: [{ start: target, end: target, newText: line }, { start: from, end: to, newText: '' }] }],
    true,
  );
};
