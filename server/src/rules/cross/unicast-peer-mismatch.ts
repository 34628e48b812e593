import { parseIp } from '../../model/address.js';
import type { PeerMember } from '../../workspace/types.js';
import type { PeerRule } from '../rule.js';
import { anchorOf, peerName } from './peers.js';

/** Whether the instance really sends unicast: with no peer listed keepalived falls back to multicast (see unicast-without-peers). */
const usesUnicast = (m: PeerMember) => m.instance.unicastPeers.length > 0;

export const rule: PeerRule = {
  id: 'unicast-peer-mismatch',
  scope: 'peers',
  severity: 'error',
  summary: "A peer's unicast_src_ip is missing from the other's unicast_peer list, or only one side uses unicast.",
  docs: "In unicast mode a node sends adverts only to the addresses in its unicast_peer block. If A's list lacks B's source address, B never hears A; if only one side uses unicast, the other multicasts into the void. Either way both nodes become MASTER. List each peer's unicast_src_ip in the other's unicast_peer block.",
  check(group, report) {
    for (const m of group.members) {
      for (const o of group.members) {
        if (o === m || o.node === m.node) continue;
        if (usesUnicast(m) !== usesUnicast(o)) {
          if (usesUnicast(m)) continue; // reported once, on the side that does not use unicast
          const here = anchorOf(m, undefined);
          const there = o.instance.unicastPeerBlock ?? o.instance.unicastSrcIp?.statement;
          report(here.file, here.span, `this instance uses multicast but peer ${peerName(o)} uses unicast: they never hear each other and both become MASTER`, there ? [{ file: there.file, span: there.keyword, message: `${peerName(o)} unicast settings` }] : []);
          continue;
        }
        const src = o.instance.unicastSrcIp;
        const srcIp = src && !src.opaque && src.text ? parseIp(src.text) : undefined;
        if (!srcIp || m.instance.unicastPeers.some((p) => p.opaque) || m.instance.unicastPeers.length === 0) continue;
        if (m.instance.unicastPeers.some((p) => p.ip?.key === srcIp.key)) continue;
        const here = m.instance.unicastPeerBlock ? { file: m.instance.unicastPeerBlock.file, span: m.instance.unicastPeerBlock.keyword } : anchorOf(m, undefined);
        report(here.file, here.span, `unicast_peer does not list ${src!.text}, the unicast_src_ip of peer ${peerName(o)}: that peer's adverts are never expected and both become MASTER`, [
          { file: src!.statement.file, span: src!.word, message: `${peerName(o)} unicast_src_ip` },
        ]);
      }
    }
  },
};
