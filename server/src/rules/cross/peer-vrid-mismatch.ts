import { intOf } from '../../model/keepalived.js';
import type { PeerRule } from '../rule.js';
import { reportDifferences } from './peers.js';

export const rule: PeerRule = {
  id: 'peer-vrid-mismatch',
  scope: 'peers',
  severity: 'error',
  summary: 'Peer instances (sharing a VIP) use different virtual_router_id values.',
  docs: 'VRRP routers only listen to adverts for their own VRID. With different VRIDs each node ignores the other without a single log line, and both hold the VIP (split brain). Use the same VRID on every peer, and a different one for every other cluster on the network.',
  check(group, report) {
    reportDifferences(
      group.members,
      (m) => intOf(m.instance.vrid),
      (m) => m.instance.vrid,
      (v) => v,
      (v) => `virtual_router_id ${v}`,
      'they ignore each other and both become MASTER',
      report,
    );
  },
};
