import type { KeepalivedRule } from '../rule.js';
import { parseIp } from '../../model/address.js';

export const rule: KeepalivedRule = {
  id: 'own-address-in-peers',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: "The node's own unicast_src_ip appears in its unicast_peer list.",
  docs: 'A node sending adverts to itself is a copy-paste mistake from the peer config (seen in generated configs). keepalived 2.2 does not complain, but the real peer is then usually missing from the list.',
  check(model, report) {
    for (const inst of model.instances) {
      const src = inst.unicastSrcIp;
      const own = src && !src.opaque && src.text ? parseIp(src.text) : undefined;
      if (!own) continue;
      for (const peer of inst.unicastPeers) {
        if (peer.ip?.key === own.key) {
          report(peer.statement.file, peer.word, `${peer.text} is this node's own unicast_src_ip: a node must list its peers, not itself`, [
            { file: src!.statement.file, span: src!.word, message: 'own address' },
          ]);
        }
      }
    }
  },
};
