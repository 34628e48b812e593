/**
 * A HAProxy file is kept as a list of chunks: one per section (its header line up to the next header line), and
 * at the start of the file one for the lines before the first header if any hold words. A chunk keeps its words
 * and line records at offsets relative to the stretch of text it was lexed with, plus where that stretch starts
 * in the file as it is now (`delta`, `lineDelta`).
 *
 * That is what makes an edit cheap (incremental.ts): only the chunks it touches are lexed again, and the chunks
 * after it are moved by changing their two numbers. They keep their Statement and Section objects, so the model
 * keeps their proxies and the analysis keeps their findings (model/haproxy.ts, analysis/sections.ts).
 */
import type { SyntaxIssue } from '../issue.js';
import type { Span } from '../text.js';
import type { LexedLines } from './lexer.js';
import { WORD_TEMPLATED, WORD_UNTERMINATED, type WordTable } from './words.js';
import { SECTION_KEYWORDS, Section, Statement, type Branch, type Placement, type SectionKind } from './ast.js';
import type { Steps } from '../steps.js';

/** The words of one stretch of text, lexed together; its chunks share them. */
export interface Stretch {
  /** Its `text` is the stretch's text: offsets in the table and lines in the rows are relative to it. */
  readonly table: WordTable;
  readonly lines: LexedLines;
}

/**
 * The open `.if` blocks at some point of the file, innermost first: the branch being read, the line that opened the
 * block, and the blocks around it. A linked list, so opening and closing a block cost the same at any depth.
 */
export interface CondFrame {
  readonly branch: Branch;
  readonly sawElse: boolean;
  readonly opener: Statement;
  readonly outer: CondFrame | undefined;
}

/** The open blocks, outermost first. */
export function openBlocks(frames: CondFrame | undefined): CondFrame[] {
  const out: CondFrame[] = [];
  for (let f = frames; f; f = f.outer) out.push(f);
  return out.reverse();
}

const sectionKinds: ReadonlySet<string> = new Set(SECTION_KEYWORDS);
const DIRECTIVES: ReadonlySet<string> = new Set(['.if', '.elif', '.else', '.endif', '.notice', '.warning', '.alert', '.diag']);
const NONE: never[] = [];

/** Branch ids are unique over every parse, so a chunk kept from an older parse never shares one with a new branch. */
let branchIds = 0;

/** What follows `.if`/`.elif`: the condition, decided per target version by the rules. */
const testOf = (st: Statement): string => st.words().slice(1).map((w) => w.value).join(' ');

/**
 * The open `.if` blocks after a directive line: `.if` opens a block, `.elif`/`.else` move to its next branch and
 * `.endif` closes it; a misplaced one is reported through `problem` and changes nothing. Message directives
 * (`.notice`…) change nothing either.
 */
function afterDirective(frames: CondFrame | undefined, st: Statement, problem: (message: string) => void): CondFrame | undefined {
  const keyword = st.keyword;
  if (keyword === '.if') {
    const opened: Branch = { id: branchIds++, parent: frames?.branch, previous: undefined, test: testOf(st), depth: (frames?.branch.depth ?? 0) + 1 };
    return { branch: opened, sawElse: false, opener: st, outer: frames };
  }
  if (keyword === '.elif' || keyword === '.else') {
    if (!frames) problem(`'${keyword}' without a matching '.if'`);
    else if (frames.sawElse) problem(`'${keyword}' after '.else'`);
    else {
      const { id, parent, depth } = frames.branch;
      const next: Branch = { id, parent, previous: frames.branch, test: keyword === '.else' ? undefined : testOf(st), depth };
      return { branch: next, sawElse: keyword === '.else', opener: frames.opener, outer: frames.outer };
    }
    return frames;
  }
  if (keyword === '.endif') {
    if (!frames) problem(`'.endif' without a matching '.if'`);
    else return frames.outer;
  }
  return frames;
}

/**
 * Reports a problem of the line whose words are `first`…`first + count - 1`. A function of its own, not a closure
 * in the loop over lines: one there made the engine keep the loop's variables in a heap object for every line.
 */
function lineProblem(issues: SyntaxIssue[], table: WordTable, first: number, count: number): (message: string) => void {
  return (message) => issues.push({ code: 'parse-error', start: table.start(first), end: table.end(first + count - 1), message });
}

export class Chunk implements Placement {
  readonly table: WordTable;
  /** Where the stretch's text starts in the file now: the offset and the 0-based line. Moved by edits before the chunk. */
  delta: number;
  lineDelta: number;
  /** The chunk's section; absent for the lines before the first header. */
  readonly section: Section | undefined;
  /** Lines before the first section header. */
  readonly orphans: Statement[];
  /** `.if`/`.elif`/`.else`/`.endif` and message directives. */
  readonly directives: Statement[];
  /** Problems found while grouping, at offsets relative to the stretch (`issues()` gives them in file offsets). */
  private readonly relativeIssues: SyntaxIssue[];
  /** The innermost `.if` branch open where the chunk starts; the chunk's lines were grouped knowing it. */
  readonly entry: Branch | undefined;
  /** The `.if` blocks open after the chunk's last line. */
  readonly exit: CondFrame | undefined;
  /** A word holds a Jinja `{{ … }}` or `{% … %}`. */
  readonly templated: boolean;
  /** The chunk's text holds a Jinja `{% … %}` tag. */
  readonly controlFlow: boolean;

  constructor(
    readonly stretch: Stretch,
    /** The chunk's characters and line records in the stretch: [from, to), rows [rowFrom, rowTo) (three numbers per row). */
    readonly from: number,
    readonly to: number,
    readonly rowFrom: number,
    readonly rowTo: number,
    /** The stretch-relative line at `from`. */
    private readonly firstLine: number,
    delta: number,
    lineDelta: number,
    entry: CondFrame | undefined,
  ) {
    this.table = stretch.table;
    this.delta = delta;
    this.lineDelta = lineDelta;
    this.entry = entry?.branch;
    const table = this.table;
    const rows = stretch.lines.rows.data;
    // Lists are made when a line needs one: most chunks have no orphans, directives or issues, and share one empty list.
    let orphans: Statement[] | undefined;
    let directives: Statement[] | undefined;
    let issues: SyntaxIssue[] | undefined;
    let header: Statement | undefined;
    let statements: Statement[] | undefined;
    let templated = false;
    let frames = entry;
    let branch = this.entry;
    for (let r = rowFrom; r < rowTo; r += 3) {
      const first = rows[r]!;
      const count = rows[r + 1]!;
      for (let i = first; i < first + count; i++) {
        const flags = table.flags(i);
        if (flags & WORD_UNTERMINATED) (issues ??= []).push({ code: 'parse-error', start: table.start(i), end: table.end(i), message: 'Unmatched quote: the quote is not closed before the end of the line' });
        if (flags & WORD_TEMPLATED) templated = true;
      }
      const st = new Statement(this, first, count, rows[r + 2]!, branch);
      const keyword = st.keyword;
      if (keyword.charCodeAt(0) === 46 /* . */ && DIRECTIVES.has(keyword)) {
        (directives ??= []).push(st);
        frames = afterDirective(frames, st, lineProblem((issues ??= []), table, first, count));
        branch = frames?.branch;
        continue;
      }
      // Chunks are cut before every header, so a header can only be the chunk's first line.
      if (header === undefined && sectionKinds.has(keyword)) {
        header = st;
        statements = [];
        continue;
      }
      if (statements) statements.push(st);
      else (orphans ??= []).push(st);
    }
    this.orphans = orphans ?? NONE;
    this.directives = directives ?? NONE;
    this.relativeIssues = issues && issues.length > 0 ? issues : NONE;
    this.templated = templated;
    this.exit = frames;
    const kind = header?.keyword as SectionKind;
    this.section = header && new Section(kind, header, statements!, kind === 'defaults' && header.value(1) === 'from');
    this.controlFlow = stretch.table.text.slice(from, to).includes('{%');
  }

  /** Offset of the chunk's first character in the file now. */
  get start(): number {
    return this.delta + this.from;
  }

  get end(): number {
    return this.delta + this.to;
  }

  /** The 0-based line of the chunk's first character. */
  get line(): number {
    return this.lineDelta + this.firstLine;
  }

  /** Whether the chunk has problems (without placing them, as issues() does). */
  get hasIssues(): boolean {
    return this.relativeIssues !== NONE;
  }

  /** The chunk's problems, at offsets in the file now. */
  issues(): readonly SyntaxIssue[] {
    return this.relativeIssues === NONE ? NONE : this.relativeIssues.map((i) => ({ ...i, start: i.start + this.delta, end: i.end + this.delta }));
  }

  /** The `#` comments, at offsets in the file now. */
  comments(into: Span[]): void {
    const { data, length } = this.stretch.lines.comments;
    // Pairs sorted by start: find the first at or after `from`.
    let lo = 0;
    let hi = length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (data[2 * mid]! < this.from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = 2 * lo; i < length && data[i]! < this.to; i += 2) into.push({ start: data[i]! + this.delta, end: data[i + 1]! + this.delta });
  }

  /** The same lines grouped again under other open `.if` blocks (an edit before the chunk opened or closed one). */
  regrouped(entry: CondFrame | undefined, delta: number, lineDelta: number): Chunk {
    return new Chunk(this.stretch, this.from, this.to, this.rowFrom, this.rowTo, this.firstLine, delta, lineDelta, entry);
  }
}

/** Chunks grouped between two pauses. */
const ROWS_PER_STEP = 3 * 16_384;

/**
 * Cuts a freshly lexed stretch into chunks, before every section header line, and groups each chunk's lines.
 * `delta`/`lineDelta` say where the stretch starts in the file, `entry` which `.if` blocks are open there.
 * Pauses every few thousand lines (steps.ts).
 */
export function* cutStretch(stretch: Stretch, delta: number, lineDelta: number, entry: CondFrame | undefined): Steps<Chunk[]> {
  const { table } = stretch;
  const text = table.text;
  const rows = stretch.lines.rows.data;
  const rowCount = stretch.lines.rows.length;
  const out: Chunk[] = [];
  let frames = entry;
  let from = 0;
  let rowFrom = 0;
  let firstLine = 0;
  let untilPause = ROWS_PER_STEP;
  for (let r = 0; r < rowCount; r += 3) {
    if (r === rowFrom || !sectionKinds.has(table.value(rows[r]!))) continue;
    const lineStart = text.lastIndexOf('\n', table.start(rows[r]!) - 1) + 1;
    const chunk = new Chunk(stretch, from, lineStart, rowFrom, r, firstLine, delta, lineDelta, frames);
    out.push(chunk);
    frames = chunk.exit;
    untilPause -= r - rowFrom;
    from = lineStart;
    rowFrom = r;
    firstLine = rows[r + 2]!;
    if (untilPause <= 0) {
      yield;
      untilPause = ROWS_PER_STEP;
    }
  }
  out.push(new Chunk(stretch, from, text.length, rowFrom, rowCount, firstLine, delta, lineDelta, frames));
  return out;
}

/** Index of the chunk that holds `offset` (the last one starting at or before it). */
export function chunkAt(chunks: readonly Chunk[], offset: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether a stretch can start a chunk after other chunks: it has no lines with words before its first header. */
export function startsWithHeader(stretch: Stretch): boolean {
  const rows = stretch.lines.rows;
  return rows.length === 0 || sectionKinds.has(stretch.table.value(rows.data[0]!));
}
