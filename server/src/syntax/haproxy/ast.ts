import type { SourceFile, Span } from '../text.js';
import type { SyntaxIssue } from '../issue.js';
import type { Word, WordTable } from './words.js';
import type { Chunk } from './chunks.js';

export type { Word } from './words.js';

/**
 * Where a line sits in nested `.if` blocks: one branch (the `.if` part, an `.elif` or the `.else`) of block `id`,
 * inside `parent`. One object per branch, shared by its lines, so nesting costs nothing per line; it carries what
 * deciding it needs (rules/haproxy/conditions.ts).
 */
export interface Branch {
  /** The block: every branch of one `.if` … `.endif` has the same id. */
  readonly id: number;
  readonly parent: Branch | undefined;
  /** The branch before this one in its block, whose test must fail for this one to be taken. */
  readonly previous: Branch | undefined;
  /** The condition as written after `.if`/`.elif`; absent for `.else`. */
  readonly test: string | undefined;
  /** 1 for a branch of an outermost `.if` block. */
  readonly depth: number;
}

/**
 * Where a run of words sits in its file now: the words of a chunk (chunks.ts) are stored at offsets and lines
 * relative to the text they were lexed with, and `delta`/`lineDelta` say where that text starts. An edit before
 * the chunk changes these two numbers and nothing else.
 */
export interface Placement {
  readonly table: WordTable;
  readonly delta: number;
  readonly lineDelta: number;
}

/**
 * One configuration line that holds at least one word. Its words stay in its chunk's WordTable; the accessors
 * read them by index (0 is the keyword), and `word(i)` makes an object only when one is needed.
 */
export class Statement implements Span {
  constructor(
    private readonly at: Placement,
    /** Index of the first word in the table. */
    private readonly first: number,
    /** Number of words, at least 1. */
    readonly count: number,
    /** Line number relative to the placement's text. */
    private readonly relativeLine: number,
    /** The innermost `.if` branch the line is in, absent outside any conditional block. */
    readonly branch: Branch | undefined,
  ) {}

  get start(): number {
    return this.at.delta + this.at.table.start(this.first);
  }

  get end(): number {
    return this.at.delta + this.at.table.end(this.first + this.count - 1);
  }

  /** 0-based line number. */
  get line(): number {
    return this.at.lineDelta + this.relativeLine;
  }

  /** The first word's value. */
  get keyword(): string {
    return this.at.table.value(this.first);
  }

  /** The value of word `i` (quotes removed, escapes resolved), or undefined past the last word. */
  value(i: number): string | undefined {
    return i < this.count ? this.at.table.value(this.first + i) : undefined;
  }

  flags(i: number): number {
    return i < this.count ? this.at.table.flags(this.first + i) : 0;
  }

  /** Offsets of word `i` (which must exist), without making a Word. */
  wordStart(i: number): number {
    return this.at.delta + this.at.table.start(this.first + i);
  }

  wordEnd(i: number): number {
    return this.at.delta + this.at.table.end(this.first + i);
  }

  /** Word `i` as written, quotes included. */
  written(i: number): string | undefined {
    return i < this.count ? this.at.table.written(this.first + i) : undefined;
  }

  word(i: number): Word | undefined {
    return i < this.count ? this.at.table.word(this.first + i, this.at.delta) : undefined;
  }

  /** Every word as an object: for the rare callers that need them all (directives, features). */
  words(): Word[] {
    const out: Word[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.at.table.word(this.first + i, this.at.delta));
    return out;
  }

  /** Index of the first word from `from` on whose value is `value`, or -1. */
  indexOf(value: string, from = 0): number {
    for (let i = from; i < this.count; i++) if (this.at.table.value(this.first + i) === value) return i;
    return -1;
  }
}

export const SECTION_KEYWORDS = [
  'global',
  'defaults',
  'frontend',
  'backend',
  'listen',
  'peers',
  'resolvers',
  'userlist',
  'mailers',
  'program',
  'http-errors',
  'ring',
  'cache',
  'fcgi-app',
  'log-forward',
  'namespace_list',
  'crt-store',
  'traces',
  'acme',
] as const;
export type SectionKind = (typeof SECTION_KEYWORDS)[number];

/** Proxies: the sections that carry traffic rules, binds and servers. */
export const PROXY_KINDS: ReadonlySet<SectionKind> = new Set(['defaults', 'frontend', 'backend', 'listen']);

/** A section: its header line and the lines up to the next header. Positions are read through its lines. */
export class Section implements Span {
  constructor(
    readonly kind: SectionKind,
    readonly header: Statement,
    readonly statements: Statement[],
    /** `defaults from x` has no name: its second word is the `from` keyword. */
    private readonly anonymous: boolean,
  ) {}

  /** Whether the header names the section (`global` and anonymous `defaults` have none). */
  get hasName(): boolean {
    return !this.anonymous && this.header.count > 1;
  }

  /** The section's name (absent for `global` and anonymous `defaults`). */
  get name(): Word | undefined {
    return this.anonymous ? undefined : this.header.word(1);
  }

  get start(): number {
    return this.header.start;
  }

  get end(): number {
    return (this.statements[this.statements.length - 1] ?? this.header).end;
  }
}

export interface HaproxySyntax {
  readonly file: SourceFile;
  /** Lines before the first section header. */
  readonly orphans: Statement[];
  readonly sections: Section[];
  /** `.if`/`.elif`/`.else`/`.endif` and message directives. */
  readonly directives: Statement[];
  readonly issues: SyntaxIssue[];
  /** Comment spans, for suppression comments and folding. */
  readonly comments: Span[];
  readonly templated: boolean;
  /** Jinja `{% … %}` tags: sections and names may come from other templates or loops, so cross-references are unknowable. */
  readonly controlFlow: boolean;
  /** The file in chunks, one per section (chunks.ts): the next version of the file re-lexes only the chunks an edit touched. */
  readonly chunks: readonly Chunk[];
}
