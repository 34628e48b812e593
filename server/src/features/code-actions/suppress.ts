/**
 * "Disable <rule> for this line": a `# hapair-disable-next-line <rule>` comment above the finding's line, at its
 * indentation (analysis/suppress.ts reads it). When the line above already is such a comment, the rule joins
 * its list instead: a new comment in between would take the old one's target away.
 */
import type { Finding } from '../../rules/rule.js';
import { indentAt, lineStartAt } from '../edits.js';
import { fixOf, type QuickFix } from './quick-fix.js';
import { insertAbove } from './text-edits.js';

const DIRECTIVE = /^[ \t]*[#!][ \t]*hapair-disable-next-line\b.*?(?=[ \t]*\r?$)/;

export function disableForLine(finding: Finding): QuickFix[] {
  const text = finding.file.text;
  const line = lineStartAt(text, finding.span.start);
  const title = `Disable ${finding.code} for this line`;
  if (line > 0) {
    const above = lineStartAt(text, line - 1);
    const directive = DIRECTIVE.exec(text.slice(above, line - 1));
    if (directive) {
      const end = above + directive[0].length;
      const separator = /hapair-disable-next-line$/.test(directive[0]) ? ' ' : ', ';
      return fixOf(title, [{ file: finding.file, edits: [{ start: end, end, newText: `${separator}${finding.code}` }] }]);
    }
  }
  return fixOf(title, [{ file: finding.file, edits: [insertAbove(text, line, [`# hapair-disable-next-line ${finding.code}`], indentAt(text, finding.span.start))] }]);
}
