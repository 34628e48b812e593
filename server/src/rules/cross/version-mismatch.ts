import { effectiveVersion } from '../../model/keepalived.js';
import type { PeerRule } from '../rule.js';
import { reportDifferences } from './peers.js';

export const rule: PeerRule = {
  id: 'version-mismatch',
  scope: 'peers',
  severity: 'error',
  summary: 'Peers speak different VRRP versions.',
  docs: 'A node rejects adverts of the other VRRP version ("wrong version"), so both become MASTER. Set the same `version` (or global `vrrp_version`) on all peers.',
  check(group, report) {
    reportDifferences(group.members, (m) => effectiveVersion(m.instance, m.model.globalDefs), (m) => m.instance.version ?? m.model.globalDefs.vrrpVersion, (v) => v, (v) => `VRRP version ${v}`, 'each rejects the other\'s adverts and both become MASTER', report);
  },
};
