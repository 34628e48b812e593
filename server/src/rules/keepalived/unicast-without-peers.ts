import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'unicast-without-peers',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: 'unicast_src_ip or an empty unicast_peer block with no peer address: keepalived falls back to multicast.',
  docs: 'With no unicast peers keepalived quietly sends multicast adverts instead ("A unicast keyword has been specified without any unicast peers"), which the other node, configured for unicast, never hears: both become MASTER.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      if (inst.unicastPeers.length > 0) continue;
      const anchor = inst.unicastPeerBlock ?? inst.unicastSrcIp?.statement;
      // keepalived 2.2.7 warns for an empty unicast_peer block alone too (verified with -t).
      if (anchor) report(anchor.file, anchor.keyword, `'${inst.name}' sets unicast keywords but lists no unicast_peer: keepalived falls back to multicast`);
    }
  },
};
