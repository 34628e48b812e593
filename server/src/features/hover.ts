/**
 * Hover: what the word under the cursor is. For keywords, a description in our own words with arguments,
 * default, versions and the manual link; for VIPs, the instances and nodes that carry them and the frontends
 * that bind them; for backends, their servers and who routes to them; for an auth_pass, how much of it
 * keepalived uses. Pure: markdown and the span of the word; lsp/hover.ts translates.
 */
import type { Span } from '../syntax/text.js';
import type { FeatureContext } from './context.js';
import { hoverHaproxy } from './hover-haproxy.js';
import { hoverKeepalived } from './hover-keepalived.js';

export interface HoverResult {
  readonly markdown: string;
  /** The word the hover is about. */
  readonly span: Span;
}

export function hover(ctx: FeatureContext, offset: number): HoverResult | undefined {
  try {
    if (ctx.haproxy) return hoverHaproxy(ctx, ctx.haproxy.syntax, offset);
    if (ctx.keepalived) return hoverKeepalived(ctx, ctx.keepalived.syntax, offset);
  } catch {
    // Bad input never breaks the editor: no hover rather than an error.
  }
  return undefined;
}
