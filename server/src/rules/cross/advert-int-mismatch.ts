import { effectiveVersion } from '../../model/keepalived.js';
import type { PeerMember } from '../../workspace/types.js';
import type { PeerRule } from '../rule.js';
import { reportDifferences } from './peers.js';

/** Seconds between adverts, for VRRPv2 peers only (VRRPv3 peers adopt the MASTER's interval). */
function advertOf(m: PeerMember): number | undefined {
  if (effectiveVersion(m.instance, m.model.globalDefs) !== 2) return undefined;
  const a = m.instance.advertInt;
  if (!a) return 1;
  if (a.opaque || a.text === undefined || !/^\d+(\.\d+)?$/.test(a.text)) return undefined;
  return Math.max(1, Math.round(Number(a.text)));
}

export const rule: PeerRule = {
  id: 'advert-int-mismatch',
  scope: 'peers',
  severity: 'error',
  summary: 'VRRPv2 peers use different advert_int values.',
  docs: 'A VRRPv2 node drops adverts whose interval differs from its own ("advertisement interval mismatch"), so the pair splits and both become MASTER. VRRPv3 peers adopt the MASTER\'s interval and are not reported.',
  check(group, report) {
    reportDifferences(group.members, advertOf, (m) => m.instance.advertInt, (a, b) => a === b, (v) => `advert_int ${v}`, 'VRRPv2 drops adverts with another interval and both become MASTER', report);
  },
};
