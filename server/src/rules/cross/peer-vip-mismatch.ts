import type { PeerMember } from '../../workspace/types.js';
import type { PeerRule } from '../rule.js';
import { anchorOf, peerName } from './peers.js';

/**
 * The advertised VIP addresses (prefix, order, dev and label do not matter), each with the text of its first entry
 * (a file included twice lists its entries twice); undefined when any is unknowable.
 */
function vipKeys(m: PeerMember): Map<string, string> | undefined {
  const keys = new Map<string, string>();
  for (const v of m.instance.vips) {
    if (v.opaque || !v.ip) return undefined;
    if (!keys.has(v.ip.key)) keys.set(v.ip.key, v.text);
  }
  return keys;
}

export const rule: PeerRule = {
  id: 'peer-vip-mismatch',
  scope: 'peers',
  severity: 'error',
  summary: "Peers' virtual_ipaddress sets differ (addresses only; prefix, order, dev and label are ignored).",
  docs: 'A BACKUP checks that the MASTER advertises exactly its own VIP list; on any difference it rejects the advert ("ip address associated with VRID … not present in MASTER advert") and both nodes become MASTER. Keep the VIP lists identical on all peers.',
  check(group, report) {
    // Each member is compared with every other: read its VIPs once.
    const keysOf = new Map(group.members.map((m) => [m, vipKeys(m)]));
    for (const m of group.members) {
      const mine = keysOf.get(m);
      if (!mine) continue;
      for (const o of group.members) {
        if (o === m || o.node === m.node) continue;
        const theirs = keysOf.get(o);
        if (!theirs) continue;
        const there = anchorOf(o, undefined);
        const related = [{ file: o.instance.vipBlock?.file ?? there.file, span: o.instance.vipBlock?.keyword ?? there.span, message: `${peerName(o)} virtual_ipaddress` }];
        for (const v of m.instance.vips) {
          if (!theirs.has(v.ip!.key)) {
            report(v.statement.file, v.word, `VIP ${v.text} is missing on peer ${peerName(o)}: the peers reject each other's adverts and both become MASTER`, related);
          }
        }
        const missing = [...theirs].filter(([k]) => !mine.has(k));
        if (missing.length > 0) {
          const texts = missing.map(([, text]) => text.replace(/\/\d+$/, ''));
          const anchor = m.instance.vipBlock ? { file: m.instance.vipBlock.file, span: m.instance.vipBlock.keyword } : anchorOf(m, undefined);
          report(anchor.file, anchor.span, `peer ${peerName(o)} also advertises ${texts.join(', ')}, which this instance lacks: the peers reject each other's adverts and both become MASTER`, related);
        }
      }
    }
  },
};
