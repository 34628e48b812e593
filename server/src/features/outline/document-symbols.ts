/**
 * The outline of a document: HAProxy sections with their binds, servers, ACLs and routing lines; keepalived blocks
 * with their nested blocks and list entries (VIPs, unicast peers, tracked scripts). Built from the syntax tree in
 * one pass.
 */
import type { FeatureContext } from '../context.js';
import { haproxyOutline } from './haproxy-outline.js';
import { keepalivedOutline } from './keepalived-outline.js';
import type { OutlineSymbol } from './outline-symbol.js';

export function documentSymbols(ctx: FeatureContext): OutlineSymbol[] {
  if (ctx.haproxy) return haproxyOutline(ctx.haproxy.syntax);
  if (ctx.keepalived) return keepalivedOutline(ctx.keepalived.syntax);
  return [];
}
