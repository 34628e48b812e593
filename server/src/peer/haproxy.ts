/**
 * The peer node's copy of a HAProxy config. Both nodes of a pair normally run the same file (frontends bind the
 * VIP, or `*`), so the copy is identical, except that binds on the node's own address (its unicast_src_ip) move
 * to the peer's address. Every other byte is kept. Pure: model in, text out.
 */
import type { HaproxyModel } from '../model/haproxy.js';
import { parseIp } from '../model/address.js';
import type { PeerResult } from './generate.js';

export interface HaproxyPeerOptions {
  /** This node's own address; binds on it move to `to`. */
  readonly from?: string;
  /** The peer node's own address. */
  readonly to?: string;
}

/** Offset of the host part inside a bind address text (`ipv4@[2001:db8::1]:80` → after `ipv4@[`). */
function hostBounds(text: string, port: string | undefined): { start: number; end: number } {
  let end = port === undefined ? text.length : text.length - port.length - 1;
  let start = text.indexOf('@') + 1;
  if (text[start] === '[' && text[end - 1] === ']') {
    start++;
    end--;
  }
  return { start, end };
}

export function generateHaproxyPeer(model: HaproxyModel, options: HaproxyPeerOptions): PeerResult {
  const text = model.syntax.file.text;
  const from = options.from === undefined ? undefined : parseIp(options.from);
  const to = options.to === undefined ? undefined : parseIp(options.to);
  const changes: string[] = [];
  const warnings: string[] = [];
  const edits: Array<{ start: number; end: number; text: string }> = [];
  if (from && to && options.to) {
    for (const proxy of model.proxies) {
      for (const b of proxy.binds) {
        if (b.kind !== 'ip' || b.ip?.key !== from.key) continue;
        if (b.end - b.start !== b.text.length) {
          warnings.push(`${proxy.kind} ${proxy.name}: bind ${b.text} is quoted or escaped; change it to ${options.to} by hand`);
          continue;
        }
        const host = hostBounds(b.text, b.port);
        edits.push({ start: b.start + host.start, end: b.start + host.end, text: options.to });
        changes.push(`${proxy.kind} ${proxy.name}: bind ${b.text} → ${options.to}${b.port === undefined ? '' : `:${b.port}`}`);
      }
    }
  }
  if (changes.length === 0) changes.push('identical copy: no bind uses this node\'s own address');
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, changes, warnings };
}
