import { effectivePriority } from '../../model/keepalived.js';
import type { PeerRule } from '../rule.js';
import type { PeerMember } from '../../workspace/types.js';
import { MembersByKey } from './members-by-key.js';
import { NAMED, namedPeers, peerName, priorityAnchor } from './peers.js';

export const rule: PeerRule = {
  id: 'duplicate-priority',
  scope: 'peers',
  severity: 'warning',
  summary: 'Two peers have the same priority.',
  docs: 'With equal priorities VRRP falls back to comparing primary IP addresses, so which node holds the VIP depends on addressing, not on intent, and health-check weights may no longer move it. Give every peer a distinct priority (for example 110 and 100).',
  check(group, report) {
    const priorityOf = (m: PeerMember) => (m.instance.priority?.opaque ? undefined : effectivePriority(m.instance));
    // Nearly every group's priorities differ: nothing to index.
    const known = group.members.map(priorityOf).filter((p) => p !== undefined);
    if (new Set(known).size === known.length) return;
    const index = new MembersByKey(group.members, (m) => {
      const p = priorityOf(m);
      return p === undefined ? undefined : [p];
    });
    for (const m of group.members) {
      const mine = priorityOf(m);
      if (mine === undefined) continue;
      const same = index.withKey(m, mine, NAMED);
      if (same.count === 0) continue;
      const { named, text } = namedPeers(same);
      const here = priorityAnchor(m);
      const implicit = m.instance.priority ? '' : ' (implicit)';
      report(here.file, here.span, `priority ${mine}${implicit} is also the priority of ${text}: the election falls back to IP addresses`, named.map((o) => {
        const there = priorityAnchor(o);
        return { file: there.file, span: there.span, message: `${peerName(o)}: priority ${mine}` };
      }));
    }
  },
};
