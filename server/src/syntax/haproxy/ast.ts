import type { SourceFile, Span } from '../text.js';
import type { SyntaxIssue } from '../issue.js';

/** One argument of a line, as HAProxy's tokenizer splits it. */
export interface Word extends Span {
  /** The characters as written, quotes and escapes included. */
  readonly text: string;
  /** The argument HAProxy sees: quotes removed, escapes resolved. */
  readonly value: string;
  /** Bit set of WORD_* flags from the lexer. */
  readonly flags: number;
}

/** One configuration line that holds at least one word. */
export interface Statement extends Span {
  /** 0-based line number. */
  readonly line: number;
  readonly words: Word[];
  /** Branch path of enclosing `.if` blocks ("3.0/5.1"), absent outside any conditional block. */
  readonly branch?: string;
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
}
