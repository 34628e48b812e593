/**
 * Go to definition, find references and document highlights: each is the symbol under the cursor (symbol.ts) and
 * a selection of its occurrences.
 */
import type { FeatureContext } from '../context.js';
import type { Span } from '../../syntax/text.js';
import { symbolAt, type Occurrence } from './symbol.js';

/** Where the name at `offset` is defined; several places for repeated `acl` lines or a VIP of several instances. */
export function definitions(ctx: FeatureContext, offset: number): Occurrence[] {
  return symbolAt(ctx, offset)?.occurrences().filter((o) => o.definition) ?? [];
}

/** Every use of the name at `offset` in the files that share its scope, definitions too when asked. */
export function references(ctx: FeatureContext, offset: number, includeDeclaration: boolean): Occurrence[] {
  const all = symbolAt(ctx, offset)?.occurrences() ?? [];
  return includeDeclaration ? all : all.filter((o) => !o.definition);
}

export interface Highlight {
  readonly span: Span;
  /** Definitions are writes, uses are reads. */
  readonly write: boolean;
}

/** The occurrences of the name at `offset` in the document itself. */
export function highlights(ctx: FeatureContext, offset: number): Highlight[] {
  const all = symbolAt(ctx, offset)?.occurrences() ?? [];
  return all.filter((o) => o.file.uri === ctx.path).map((o) => ({ span: o.span, write: o.definition }));
}
