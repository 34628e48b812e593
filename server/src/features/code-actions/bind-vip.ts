/**
 * bind-not-vip: bind the node's VIP instead, keeping the port, the `proto@` prefix and the rest of the line. One
 * fix per VIP of the nodes that serve the file, addresses of the bind's own family first.
 */
import { fixOf, type Fixer, type QuickFix } from './quick-fix.js';

/** At most this many VIPs are offered (a node with dozens of VIPs would drown the menu). */
const MAX_CHOICES = 5;

export const bindVip: Fixer = (ctx, finding) => {
  const model = ctx.haproxy?.model;
  const bind = model?.proxies.flatMap((p) => p.binds).find((b) => b.start === finding.span.start && b.end === finding.span.end);
  // Offsets inside the word are exact only for a word written without quotes or escapes.
  if (!model || !bind?.ip || bind.word.text !== bind.word.value) return [];
  const vips = new Map<string, { text: string; family: 4 | 6 }>();
  for (const node of ctx.analysis.nodes) {
    if (!node.haproxy.includes(model)) continue;
    for (const inst of node.keepalived?.instances ?? []) {
      for (const v of inst.vips) if (v.ip && !v.opaque) vips.set(v.ip.key, { text: v.text.replace(/\/\d+$/, ''), family: v.ip.family });
    }
  }
  const at = bind.text.indexOf('@') + 1;
  const prefix = bind.text.slice(0, at);
  const bracketed = bind.text.slice(at).startsWith('[');
  const ordered = [...vips.values()].sort((a, b) => Number(b.family === bind.ip!.family) - Number(a.family === bind.ip!.family)).slice(0, MAX_CHOICES);
  const out: QuickFix[] = [];
  for (const vip of ordered) {
    // HAProxy reads the port after the last colon; brackets (HAProxy 2.8+) only where the bind already used them.
    const host = vip.family === 6 && bracketed ? `[${vip.text}]` : vip.text;
    const text = `${prefix}${host}${bind.port !== undefined ? `:${bind.port}` : ''}`;
    out.push(...fixOf(`Bind the VIP ${vip.text}${bind.port !== undefined ? ` (port ${bind.port} kept)` : ''}`, [{ file: model.syntax.file, edits: [{ start: bind.start, end: bind.end, newText: text }] }], ordered.length === 1));
  }
  return out;
};
