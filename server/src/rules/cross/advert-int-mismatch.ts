import { effectiveVersion } from '../../model/keepalived.js';
import type { PeerMember } from '../../workspace/types.js';
import type { PeerRule } from '../rule.js';
import { reportDifferences } from './peers.js';
import { advertMicros, advertOnWire, inAdvertRange } from '../keepalived/advert-int.js';

/** The interval sent, in whole seconds, for VRRPv2 peers only (VRRPv3 peers adopt the MASTER's interval). */
function advertOf(m: PeerMember): number | undefined {
  if (effectiveVersion(m.instance, m.model.globalDefs) !== 2) return undefined;
  const a = m.instance.advertInt;
  if (!a) return 1;
  if (a.opaque || a.text === undefined) return undefined;
  const micros = advertMicros(a.text);
  // keepalived keeps its default of 1 second for a value out of range (advert-int-out-of-range).
  if (micros === undefined || !inAdvertRange(micros)) return 1;
  return advertOnWire(micros, 2) / 1_000_000;
}

export const rule: PeerRule = {
  id: 'advert-int-mismatch',
  scope: 'peers',
  severity: 'error',
  summary: 'VRRPv2 peers use different advert_int values.',
  docs: 'A VRRPv2 node drops adverts whose interval differs from its own ("advertisement interval mismatch"), so the pair splits and both become MASTER. VRRPv3 peers adopt the MASTER\'s interval and are not reported.',
  check(group, report) {
    reportDifferences(group.members, advertOf, (m) => m.instance.advertInt, (a) => a, (v) => `advert_int ${v}`, 'VRRPv2 drops adverts with another interval and both become MASTER', report);
  },
};
