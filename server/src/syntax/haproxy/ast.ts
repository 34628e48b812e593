import type { SourceFile, Span } from '../text.js';
import type { SyntaxIssue } from '../issue.js';
import type { Word, WordTable } from './words.js';
import type { LexedLines } from './lexer.js';

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
 * One configuration line that holds at least one word. Its words stay in the file's WordTable; the accessors
 * read them by index (0 is the keyword), and `word(i)` makes an object only when one is needed.
 */
export class Statement implements Span {
  constructor(
    private readonly table: WordTable,
    /** Index of the first word in the table. */
    private readonly first: number,
    /** Number of words, at least 1. */
    readonly count: number,
    /** 0-based line number. */
    readonly line: number,
    /** The innermost `.if` branch the line is in, absent outside any conditional block. */
    readonly branch: Branch | undefined,
  ) {}

  get start(): number {
    return this.table.start(this.first);
  }

  get end(): number {
    return this.table.end(this.first + this.count - 1);
  }

  /** The first word's value. */
  get keyword(): string {
    return this.table.value(this.first);
  }

  /** The value of word `i` (quotes removed, escapes resolved), or undefined past the last word. */
  value(i: number): string | undefined {
    return i < this.count ? this.table.value(this.first + i) : undefined;
  }

  flags(i: number): number {
    return i < this.count ? this.table.flags(this.first + i) : 0;
  }

  /** Word `i` as written, quotes included. */
  written(i: number): string | undefined {
    return i < this.count ? this.table.written(this.first + i) : undefined;
  }

  word(i: number): Word | undefined {
    return i < this.count ? this.table.word(this.first + i) : undefined;
  }

  /** Every word as an object: for the rare callers that need them all (directives, features). */
  words(): Word[] {
    const out: Word[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.table.word(this.first + i));
    return out;
  }

  /** Index of the first word from `from` on whose value is `value`, or -1. */
  indexOf(value: string, from = 0): number {
    for (let i = from; i < this.count; i++) if (this.table.value(this.first + i) === value) return i;
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

export interface Section extends Span {
  readonly kind: SectionKind;
  readonly header: Statement;
  /** The section's name (absent for `global` and anonymous `defaults`). */
  readonly name?: Word;
  readonly statements: Statement[];
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
  /** The lexer's output, kept so that the next version of the file re-lexes only the lines an edit touched. */
  readonly words: WordTable;
  readonly lexed: LexedLines;
}
