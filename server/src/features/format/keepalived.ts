/**
 * keepalived formatting: a line's level is the number of blocks open where it starts, less the `}` it starts
 * with (`}}` closes two), so blocks opened and closed on one line, `{` on a line of its own and stray braces all
 * come out consistent. In a Jinja `{% if %}…{% else %}…{% endif %}` each branch starts from the depth at the
 * `{% if %}` and the depth after the first branch continues after `{% endif %}`, as the parser reads them.
 *
 * Comment lines follow the HAProxy rules (column-0 comments stay unless `indentAllComments`); a `$NAME=value`
 * definition is left as written, continuation lines included (their blanks are part of the value); so is the
 * indentation of a line whose `@id` prefix sits in the left margin (`@lb1<TAB>priority 110`, the keyword lined up
 * with the block's other lines: the layout of keepalived's own samples).
 *
 * Works from the lexer's tokens, which keep every brace, comment and template tag, including those of the
 * template branches the parse tree leaves out.
 */
import type { SourceFile } from '../../syntax/text.js';
import type { IToken } from 'chevrotain';
import { Comment, Conditional, Definition, JinjaTrivia, tokenizeKeepalived, LBrace, RBrace } from '../../syntax/keepalived/lexer.js';
import type { TextEdit } from '../edits.js';
import { commentLevel, emptyPlan, KEEP, planEdits, type FormatOptions, type LinePlan } from './lines.js';

const JINJA_BRANCH = /^\{%[-+]?\s*(if|elif|else|endif)\b/;

export function formatKeepalived(file: SourceFile, options: FormatOptions, range?: { first: number; last: number }): TextEdit[] {
  return planEdits(file, keepalivedPlan(file, options), options, range);
}

function keepalivedPlan(file: SourceFile, options: FormatOptions): LinePlan {
  const lexed = tokenizeKeepalived(file.text);
  const groups = lexed.groups;
  const tokens = inOrder([lexed.tokens, groups['comments'] ?? [], groups['trivia'] ?? [], groups['definitions'] ?? []]);

  const lines = file.lines();
  const plan: LinePlan = { ...emptyPlan(lines.lineCount, options.normalizeSpacing), frozen: new Uint8Array(lines.lineCount) };
  let depth = 0;
  const branches: Array<{ atIf: number; afterFirst?: number }> = [];
  /** The line being read (-1: none), the depth where it started, and the `}` it starts with. */
  let line = -1;
  let lineDepth = 0;
  let closesFirst = 0;
  let leading = true;
  let marginCondition = false;
  const settle = () => {
    if (line >= 0) plan.levels[line] = marginCondition ? KEEP : Math.max(0, lineDepth - closesFirst);
  };
  // Tokens come in file order, so the line only moves forward.
  let at = 0;
  let nextLineStart = lines.lineCount > 1 ? lines.lineStart(1) : Infinity;
  const advanceTo = (offset: number) => {
    while (offset >= nextLineStart) nextLineStart = ++at + 1 < lines.lineCount ? lines.lineStart(at + 1) : Infinity;
  };

  for (const t of tokens) {
    const start = t.startOffset;
    const end = start + t.image.length;
    const type = t.tokenType;
    advanceTo(start);
    if (at !== line) {
      settle();
      line = at;
      lineDepth = depth;
      closesFirst = 0;
      leading = true;
      const atColumn0 = start === lines.lineStart(at);
      // `@id` written in the left margin, the keyword lined up after it, is a layout of its own: kept.
      marginCondition = type === Conditional && atColumn0;
      if (type === Comment) {
        // A comment runs to the line's end: nothing else is on its line.
        plan.levels[at] = commentLevel(atColumn0, depth, options);
        plan.lastEnds[at] = end;
        line = -1;
        continue;
      }
    }
    plan.lastEnds[at] = end;
    if (type === Definition) {
      const first = at;
      advanceTo(end);
      for (let l = first; l <= at; l++) plan.frozen![l] = 1;
      line = -1;
      continue;
    }
    if (leading && type === RBrace) closesFirst++;
    else leading = false;
    if (type === LBrace) depth++;
    else if (type === RBrace) depth = Math.max(0, depth - 1);
    else if (type === JinjaTrivia) depth = followBranches(t.image, branches, depth);
    if (plan.words && type !== Comment && type !== JinjaTrivia) {
      const spans = plan.words.get(at) ?? [];
      spans.push(start, end);
      plan.words.set(at, spans);
    }
  }
  settle();
  return plan;
}

/** Sorted token lists merged into one, in file order. */
function inOrder(lists: IToken[][]): IToken[] {
  const out: IToken[] = [];
  const next = lists.map(() => 0);
  for (;;) {
    let pick = -1;
    for (let i = 0; i < lists.length; i++) {
      const t = lists[i]![next[i]!];
      if (t && (pick === -1 || t.startOffset < lists[pick]![next[pick]!]!.startOffset)) pick = i;
    }
    if (pick === -1) return out;
    out.push(lists[pick]![next[pick]!++]!);
  }
}

/** The depth after a template tag: `{% else %}` restarts from the depth at `{% if %}`, `{% endif %}` resumes the first branch's. */
function followBranches(tag: string, branches: Array<{ atIf: number; afterFirst?: number }>, depth: number): number {
  const kind = JINJA_BRANCH.exec(tag)?.[1];
  if (kind === 'if') branches.push({ atIf: depth });
  const top = branches[branches.length - 1];
  if (!top) return depth;
  if (kind === 'elif' || kind === 'else') {
    top.afterFirst ??= depth;
    return top.atIf;
  }
  if (kind === 'endif') {
    branches.pop();
    return top.afterFirst ?? depth;
  }
  return depth;
}
