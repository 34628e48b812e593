/**
 * HAProxy formatting: section headers at column 0, the lines of a section one level in. `.if` blocks are
 * 'flat' by default (directives at column 0, the lines inside at their usual level: the style of HAProxy's own
 * examples) or 'nested' (directives where a line would stand, the lines inside one level deeper).
 *
 * Comment lines: a comment that starts at column 0 stays there (section banners and commented-out lines sit
 * there on purpose) unless `indentAllComments`; an indented comment takes the level a line would have at its
 * place, so a comment inside a section lines up with the section's lines.
 *
 * Reads the parsed file only (no re-parse): one pass over its statements, directives and comments.
 */
import type { HaproxySyntax, Statement } from '../../syntax/haproxy/ast.js';
import type { TextEdit } from '../edits.js';
import { commentLevel, emptyPlan, planEdits, type FormatOptions, type LinePlan } from './lines.js';

/** What a line holds (0: no statement). */
const Kind = { None: 0, Header: 1, Body: 2, Orphan: 3, Open: 4, Middle: 5, Close: 6, Message: 7 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

const DIRECTIVE_KINDS: Record<string, Kind> = { '.if': Kind.Open, '.elif': Kind.Middle, '.else': Kind.Middle, '.endif': Kind.Close };

export function formatHaproxy(syntax: HaproxySyntax, options: FormatOptions, range?: { first: number; last: number }): TextEdit[] {
  return planEdits(syntax.file, haproxyPlan(syntax, options), options, range);
}

function haproxyPlan(syntax: HaproxySyntax, options: FormatOptions): LinePlan {
  const file = syntax.file;
  const lines = file.lines();
  const count = lines.lineCount;
  const plan = emptyPlan(count, options.normalizeSpacing);
  const kinds = new Uint8Array(count);
  const commentStarts = new Int32Array(count).fill(-1);

  const note = (st: Statement, kind: Kind) => {
    kinds[st.line] = kind;
    plan.lastEnds[st.line] = st.end;
    if (plan.words) {
      const spans: number[] = [];
      for (let i = 0; i < st.count; i++) {
        const w = st.word(i)!;
        spans.push(w.start, w.end);
      }
      plan.words.set(st.line, spans);
    }
  };
  for (const st of syntax.orphans) note(st, Kind.Orphan);
  for (const section of syntax.sections) {
    note(section.header, Kind.Header);
    for (const st of section.statements) note(st, Kind.Body);
  }
  for (const st of syntax.directives) note(st, DIRECTIVE_KINDS[st.keyword] ?? Kind.Message);
  for (const c of syntax.comments) {
    const line = lines.lineOf(c.start);
    plan.lastEnds[line] = Math.max(plan.lastEnds[line]!, c.end);
    if (kinds[line] === Kind.None) commentStarts[line] = c.start;
  }

  const nested = options.conditionals === 'nested';
  /** Whether the next line that is neither a directive nor empty opens a section (or the file ends). */
  const headerFollows = (from: number) => {
    for (let l = from + 1; l < count; l++) {
      const k = kinds[l]!;
      if (k === Kind.Header) return true;
      if (k === Kind.Body || k === Kind.Orphan) return false;
    }
    return true;
  };
  let inSection = false;
  let depth = 0;
  const opened: number[] = [];
  const lineLevel = () => (inSection ? 1 : 0) + (nested ? depth : 0);
  for (let line = 0; line < count; line++) {
    let level: number;
    switch (kinds[line]) {
      case Kind.None:
        if (commentStarts[line] !== -1) plan.levels[line] = commentLevel(commentStarts[line] === lines.lineStart(line), lineLevel(), options);
        continue;
      case Kind.Header:
        inSection = true;
        level = nested ? depth : 0;
        break;
      case Kind.Body:
      case Kind.Orphan:
        level = lineLevel();
        break;
      case Kind.Message:
        level = nested ? lineLevel() : 0;
        break;
      case Kind.Open:
        // A `.if` around a section header stands at the header's level, one inside a section at its lines'.
        level = nested ? (inSection && !headerFollows(line) ? 1 : 0) + depth : 0;
        opened.push(level);
        depth++;
        break;
      case Kind.Middle:
        level = nested ? (opened[opened.length - 1] ?? lineLevel()) : 0;
        break;
      default:
        level = nested ? (opened.pop() ?? lineLevel()) : 0;
        depth = Math.max(0, depth - 1);
    }
    plan.levels[line] = level;
  }
  return plan;
}
