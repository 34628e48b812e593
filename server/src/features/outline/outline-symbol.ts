import type { Span } from '../../syntax/text.js';
import type { SymbolIcon } from './icons.js';

/** One row of a document's outline. */
export interface OutlineSymbol {
  /** Never empty (editors reject empty names). */
  readonly name: string;
  readonly detail?: string;
  readonly icon: SymbolIcon;
  /** The whole section, block or line. */
  readonly span: Span;
  /** The name within it. */
  readonly selection: Span;
  readonly children: readonly OutlineSymbol[];
}

/** Shared by every leaf: a large file has tens of thousands of them. */
export const NO_CHILDREN: readonly OutlineSymbol[] = [];

/** Details stay short: an outline row is one line. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
