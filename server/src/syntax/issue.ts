import type { Span } from './text.js';

/** A problem found while reading a file, before any rule runs. `code` is a rule id of the registry. */
export interface SyntaxIssue extends Span {
  code: 'parse-error' | 'unbalanced-braces' | 'missing-final-newline';
  message: string;
}
