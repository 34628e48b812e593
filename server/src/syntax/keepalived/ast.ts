import type { SourceFile, Span } from '../text.js';
import type { SyntaxIssue } from '../issue.js';

export interface KWord extends Span {
  /** As written, quotes included. */
  readonly text: string;
  /** As keepalived reads it: surrounding double quotes removed, `\#`/`\!` resolved. */
  readonly value: string;
  /** Bit set of KWORD_* flags. */
  readonly flags: number;
}

export interface Condition extends Span {
  readonly id: string;
  readonly negate: boolean;
}

export interface KBlock {
  readonly open: Span;
  /** Absent when the file ends before the block is closed. */
  readonly close?: Span;
  readonly statements: KStatement[];
}

/** A keyword line: the keyword, the words after it on its line, and the `{ … }` block that follows, if any. */
export interface KStatement extends Span {
  readonly file: SourceFile;
  readonly keyword: KWord;
  readonly args: KWord[];
  readonly block?: KBlock;
  /** `@id` / `@^id` prefix: the line exists only for (or except for) that config-id. */
  readonly condition?: Condition;
  /** `~SEQ(…)` / `~LST(…)` prefix: the line is repeated with a loop variable. */
  readonly repeated?: boolean;
}

/** `$NAME=value`. */
export interface Definition extends Span {
  readonly name: string;
  readonly value: string;
  readonly condition?: Condition;
}

export interface KeepalivedSyntax {
  readonly file: SourceFile;
  readonly statements: KStatement[];
  readonly definitions: Definition[];
  readonly issues: SyntaxIssue[];
  readonly comments: Span[];
  readonly templated: boolean;
  /** Jinja `{% … %}` tags: blocks and names may come from other templates or loops, so cross-references are unknowable. */
  readonly controlFlow: boolean;
}
