/**
 * Where an offset falls in a HAProxy file: its section, the line's statement, and which word. HAProxy lines
 * are independent, so the line is all the context a feature needs besides the section. Binary searches only:
 * a request on a 24,000-line file must not walk the file.
 */
import type { HaproxySyntax, Section, Statement, Word } from '../syntax/haproxy/ast.js';
import type { Span } from '../syntax/text.js';

export interface HaproxyCursor {
  readonly offset: number;
  /** The section the line belongs to (undefined before the first header). */
  readonly section?: Section;
  /** The words on the cursor's line (the section header when the cursor is on it). */
  readonly statement?: Statement;
  /** Index of the word at the cursor: the word touching it, or where a new word would go. */
  readonly index: number;
  /** The word at the cursor, when the cursor is in or right after one. */
  readonly word?: Word;
  /** The text of the line before the cursor holds something the parser did not take as words (a directive). */
  readonly foreign: boolean;
  /** The cursor is inside a comment. */
  readonly inComment: boolean;
}

/** Index of the last item whose key is at most `value`, or -1 (items sorted by key). */
export function lastAtOrBefore<T>(items: readonly T[], key: (item: T) => number, value: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The statement of `list` that is on `line` (statements are in line order). */
function statementOnLine(list: readonly Statement[], line: number): Statement | undefined {
  const i = lastAtOrBefore(list, (st) => st.line, line);
  return i >= 0 && list[i]!.line === line ? list[i] : undefined;
}

/** Whether the offset is inside one of the spans (sorted, not overlapping), end included. */
export function inSpans(spans: readonly Span[], offset: number): boolean {
  const i = lastAtOrBefore(spans, (sp) => sp.start, offset - 1);
  return i >= 0 && offset > spans[i]!.start && offset <= spans[i]!.end;
}

export function haproxyCursor(syntax: HaproxySyntax, offset: number): HaproxyCursor {
  const text = syntax.file.text;
  const at = Math.max(0, Math.min(offset, text.length));
  const line = syntax.file.lines().lineOf(at);
  const lineStart = syntax.file.lines().lineStart(line);
  const inComment = inSpans(syntax.comments, at);
  const s = lastAtOrBefore(syntax.sections, (sec) => sec.header.line, line);
  // A section's span ends at its last statement, but the blank lines after it still belong to it.
  const section = s >= 0 ? syntax.sections[s] : undefined;
  const statement = section ? (section.header.line === line ? section.header : statementOnLine(section.statements, line)) : statementOnLine(syntax.orphans, line);
  let index = 0;
  let word: Word | undefined;
  if (statement) {
    for (let i = 0; i < statement.count; i++) {
      const w = statement.word(i)!;
      if (w.start > at) break;
      if (at <= w.end) {
        word = w;
        index = i;
        break;
      }
      index = i + 1;
    }
  }
  const before = text.slice(lineStart, statement ? Math.min(statement.start, at) : at);
  const foreign = !inComment && before.trim() !== '';
  return { offset: at, section, statement, index, word, foreign, inComment };
}
