/**
 * Groups HAProxy lines into sections. HAProxy's format has no nesting beyond "a section header starts a
 * section", so after chevrotain's lexer the structure is a single linear pass; a grammar engine would only
 * add cost.
 */
import type { SourceFile, Span } from '../text.js';
import type { SyntaxIssue } from '../issue.js';
import { Atoms } from './atoms.js';
import { lexHaproxySteps, type LexedLines } from './lexer.js';
import { drain, type Steps } from '../steps.js';
import { WORD_TEMPLATED, WORD_UNTERMINATED, WordTable } from './words.js';
import { SECTION_KEYWORDS, Statement, type Branch, type HaproxySyntax, type Section, type SectionKind, type Word } from './ast.js';

const sectionKinds: ReadonlySet<string> = new Set(SECTION_KEYWORDS);
const DIRECTIVES: ReadonlySet<string> = new Set(['.if', '.elif', '.else', '.endif', '.notice', '.warning', '.alert', '.diag']);

interface CondFrame {
  branch: Branch;
  sawElse: boolean;
  opener: Statement;
}

/** What follows `.if`/`.elif`: the condition, decided per target version by the rules. */
const testOf = (st: Statement): string => st.words().slice(1).map((w) => w.value).join(' ');

/** Parses a whole file, pausing between slices of lexing (steps.ts). */
export function* parseHaproxySteps(file: SourceFile): Steps<HaproxySyntax> {
  // About one word per 7 characters in typical configs; the table grows if there are more.
  const table = new WordTable(file.text, new Atoms(), file.text.length >> 3);
  const lexed = yield* lexHaproxySteps(table);
  return yield* groupLinesSteps(file, table, lexed);
}

export function parseHaproxy(file: SourceFile): HaproxySyntax {
  return drain(parseHaproxySteps(file));
}

/** Lines grouped between two pauses: a few milliseconds of work. */
const LINES_PER_STEP = 16_384;

/**
 * After lexing (whole or incremental), one pass groups the lines into sections and tracks `.if` blocks, pausing
 * every few thousand lines (steps.ts).
 */
export function* groupLinesSteps(file: SourceFile, table: WordTable, lexed: LexedLines): Steps<HaproxySyntax> {
  const text = file.text;
  const { rows, comments: commentOffsets } = lexed;
  const issues: SyntaxIssue[] = [];
  const orphans: Statement[] = [];
  const sections: Section[] = [];
  const directives: Statement[] = [];
  const conds: CondFrame[] = [];
  let condCounter = 0;
  let current: { kind: SectionKind; header: Statement; name?: Word; statements: Statement[] } | undefined;
  let templated = false;
  // Changes only at a directive, not per line.
  let branch: Branch | undefined;

  const closeSection = () => {
    if (!current) return;
    const last = current.statements[current.statements.length - 1] ?? current.header;
    sections.push({ ...current, start: current.header.start, end: last.end });
    current = undefined;
  };

  const handleDirective = (st: Statement) => {
    directives.push(st);
    const name = st.keyword;
    const top = conds[conds.length - 1];
    if (name === '.if') {
      conds.push({ branch: { id: condCounter++, parent: branch, previous: undefined, test: testOf(st), depth: conds.length + 1 }, sawElse: false, opener: st });
    } else if (name === '.elif' || name === '.else') {
      if (!top) issues.push({ code: 'parse-error', start: st.start, end: st.end, message: `'${name}' without a matching '.if'` });
      else if (top.sawElse) issues.push({ code: 'parse-error', start: st.start, end: st.end, message: `'${name}' after '.else'` });
      else {
        const { id, parent, depth } = top.branch;
        top.branch = { id, parent, previous: top.branch, test: name === '.else' ? undefined : testOf(st), depth };
        top.sawElse = name === '.else';
      }
    } else if (name === '.endif') {
      if (!top) issues.push({ code: 'parse-error', start: st.start, end: st.end, message: `'.endif' without a matching '.if'` });
      else conds.pop();
    }
    branch = conds[conds.length - 1]?.branch;
  };

  const data = rows.data;
  for (let r = 0, untilPause = LINES_PER_STEP; r < rows.length; r += 3) {
    if (--untilPause === 0) {
      yield;
      untilPause = LINES_PER_STEP;
    }
    const firstWord = data[r]!;
    const count = data[r + 1]!;
    for (let i = firstWord; i < firstWord + count; i++) {
      const flags = table.flags(i);
      if (flags & WORD_UNTERMINATED) {
        issues.push({ code: 'parse-error', start: table.start(i), end: table.end(i), message: 'Unmatched quote: the quote is not closed before the end of the line' });
      }
      if (flags & WORD_TEMPLATED) templated = true;
    }
    const st = new Statement(table, firstWord, count, data[r + 2]!, branch);
    const keyword = st.keyword;
    if (keyword.charCodeAt(0) === 46 /* . */ && DIRECTIVES.has(keyword)) {
      handleDirective(st);
      continue;
    }
    if (sectionKinds.has(keyword)) {
      closeSection();
      const anonymous = keyword === 'defaults' && st.value(1) === 'from';
      current = { kind: keyword as SectionKind, header: st, name: anonymous ? undefined : st.word(1), statements: [] };
      continue;
    }
    (current ? current.statements : orphans).push(st);
  }
  closeSection();

  for (const frame of conds) {
    issues.push({ code: 'parse-error', start: frame.opener.start, end: frame.opener.end, message: "'.if' block is not closed by '.endif'" });
  }
  const comments: Span[] = [];
  for (let c = 0; c < commentOffsets.length; c += 2) comments.push({ start: commentOffsets.data[c]!, end: commentOffsets.data[c + 1]! });
  // `{% … %}` anywhere (a standalone tag or inside a word) means control flow; `{# … #}` comments do not.
  const controlFlow = text.includes('{%');
  return { file, orphans, sections, directives, issues, comments, templated: templated || controlFlow, controlFlow, words: table, lexed };
}
