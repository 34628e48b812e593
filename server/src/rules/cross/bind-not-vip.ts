import { isLoopback, parseIp } from '../../model/address.js';
import type { NodeView } from '../../workspace/types.js';
import type { NodeRule } from '../rule.js';

/**
 * How many VIPs a message names before it only counts the rest: a node may have thousands, and every finding on
 * its HAProxy file would repeat them all.
 */
const NAMED_VIPS = 5;

/** The VIPs as a message lists them: the first few, then how many more. */
function vipList(texts: readonly string[]): string {
  if (texts.length <= NAMED_VIPS) return texts.join(', ');
  return `${texts.slice(0, NAMED_VIPS).join(', ')} and ${texts.length - NAMED_VIPS} more`;
}

/** Addresses a bind in a HAProxy file may use: every VIP and own address of the nodes serving that file. Undefined when the check does not apply. */
function allowedAddresses(nodes: readonly NodeView[]): { keys: Set<string>; vipTexts: string[] } | undefined {
  const keys = new Set<string>();
  const vipTexts: string[] = [];
  let vipCount = 0;
  for (const n of nodes) {
    for (const inst of n.keepalived?.instances ?? []) {
      for (const v of [...inst.vips, ...inst.excludedVips]) {
        if (v.opaque) return undefined;
        vipCount++;
        if (v.ip && !keys.has(v.ip.key)) {
          keys.add(v.ip.key);
          vipTexts.push(v.text.replace(/\/\d+$/, ''));
        }
      }
      for (const own of [inst.unicastSrcIp, inst.mcastSrcIp]) {
        if (own?.opaque) return undefined;
        const ip = own?.text ? parseIp(own.text) : undefined;
        if (ip) keys.add(ip.key);
      }
    }
  }
  // No keepalived config, or VIPs managed elsewhere (notify scripts moving a cloud floating IP).
  return vipCount === 0 ? undefined : { keys, vipTexts };
}

export const rule: NodeRule = {
  id: 'bind-not-vip',
  scope: 'node',
  severity: 'warning',
  summary: "A HAProxy bind on a specific IP that is neither a VIP of the node's keepalived instances nor the node's own address.",
  docs: 'Clients reach the pair through the VIP. A frontend bound to some other specific address is unreachable through the VIP, and on the node that does not own that address HAProxy cannot even start. Bind the VIP (with `net.ipv4.ip_nonlocal_bind=1` so the BACKUP can start), or `*`. Not reported when no keepalived config is known for the node, or when its instances declare no virtual_ipaddress.',
  check(node, report) {
    for (const hap of node.haproxy) {
      // A HAProxy file shared by several nodes (keepalived-master.conf and keepalived-backup.conf next to one
      // haproxy.cfg) is judged once, by the first node serving it, against all of them. The others only look for
      // that first node: listing every server of the file for each of a thousand nodes grew with the square.
      if ((node.sharedVipNodes.find((n) => n.haproxy.includes(hap)) ?? node) !== node) continue;
      const serving = node.sharedVipNodes.filter((n) => n.haproxy.includes(hap));
      if (serving.length === 0) serving.push(node);
      const allowed = allowedAddresses(serving);
      if (!allowed) continue;
      const names = serving.map((n) => n.name).join(' or ');
      const own = serving.length > 1 ? 'one of their own addresses' : 'its own address';
      const vips = vipList(allowed.vipTexts);
      const first = serving.flatMap((n) => n.keepalived?.instances ?? []).find((i) => i.vipBlock);
      for (const proxy of hap.proxies) {
        for (const bind of proxy.binds) {
          if (bind.kind !== 'ip' || !bind.ip || isLoopback(bind.ip) || allowed.keys.has(bind.ip.key)) continue;
          report(hap.syntax.file, { start: bind.start, end: bind.end }, `${proxy.kind} '${proxy.name}' binds ${bind.text}, which is not a VIP of ${names} (${vips}) nor ${own}: unreachable through the VIP`, first?.vipBlock ? [{ file: first.vipBlock.file, span: first.vipBlock.keyword, message: `VIPs of '${first.name}'` }] : []);
        }
      }
    }
  },
};
