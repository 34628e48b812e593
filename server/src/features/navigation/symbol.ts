/**
 * The heart of navigation: what name is under the cursor, and everywhere that same thing is written. A name is
 * resolved in the scope the programs use: HAProxy section names per file, ACLs and servers per proxy section,
 * keepalived script and instance names per node (its file and includes), VIPs across the pair. Definition,
 * references, highlights and rename are thin functions over this.
 */
import type { FeatureContext } from '../context.js';
import type { SourceFile, Span } from '../../syntax/text.js';
import { haproxySymbolAt } from './haproxy-symbol.js';
import { keepalivedSymbolAt } from './keepalived-symbol.js';

export interface Occurrence {
  readonly file: SourceFile;
  /** The name itself: `be_api` in `use_backend be_api`, `is_api` in `!is_api`, the address without port or prefix. */
  readonly span: Span;
  /** Where the thing is defined (for VIPs: the node's own virtual_ipaddress entries), as opposed to used. */
  readonly definition: boolean;
  /** False when the span cannot be replaced by a new name as is (an address inside a quoted word). */
  readonly exact: boolean;
}

export interface NameSymbol {
  /** What it is, in the configs' own words: `backend`, `acl`, `vrrp_script`, `VIP`… */
  readonly kind: string;
  /** The name as written at the cursor. */
  readonly name: string;
  /** The name's range at the cursor. */
  readonly span: Span;
  /** Why the name cannot be renamed (a predefined ACL…); undefined when it can. */
  readonly fixed?: string;
  /** Why `newName` is refused (invalid characters, already taken…); undefined when it is fine. */
  checkName(newName: string): string | undefined;
  /** Every occurrence, the one at the cursor included, computed on demand. */
  occurrences(): Occurrence[];
}

/** Why a name written inside a larger quoted word is not renamed automatically. */
export const QUOTED = 'it is part of a quoted word: edit it by hand';

/** The named thing at `offset`, or undefined where there is none (a keyword, a value, a comment). */
export function symbolAt(ctx: FeatureContext, offset: number): NameSymbol | undefined {
  return ctx.language === 'haproxy' ? haproxySymbolAt(ctx, offset) : keepalivedSymbolAt(ctx, offset);
}

/** Keeps the first occurrence of each spot (lists gathered from several models repeat shared files). */
export function uniqueOccurrences(list: Iterable<Occurrence>): Occurrence[] {
  const seen = new Set<string>();
  const out: Occurrence[] = [];
  for (const o of list) {
    const key = `${o.file.uri}\n${o.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(o);
  }
  return out;
}
