import { effectivePriority } from '../../model/keepalived.js';
import type { PeerRule } from '../rule.js';
import { peerName, priorityAnchor } from './peers.js';

export const rule: PeerRule = {
  id: 'duplicate-priority',
  scope: 'peers',
  severity: 'warning',
  summary: 'Two peers have the same priority.',
  docs: 'With equal priorities VRRP falls back to comparing primary IP addresses, so which node holds the VIP depends on addressing, not on intent, and health-check weights may no longer move it. Give every peer a distinct priority (for example 110 and 100).',
  check(group, report) {
    for (const m of group.members) {
      if (m.instance.priority?.opaque) continue;
      const mine = effectivePriority(m.instance);
      if (mine === undefined) continue;
      const same = group.members.filter((o) => o !== m && o.node !== m.node && !o.instance.priority?.opaque && effectivePriority(o.instance) === mine);
      if (same.length === 0) continue;
      const here = priorityAnchor(m);
      const implicit = m.instance.priority ? '' : ' (implicit)';
      report(here.file, here.span, `priority ${mine}${implicit} is also the priority of ${same.map(peerName).join(', ')}: the election falls back to IP addresses`, same.map((o) => {
        const there = priorityAnchor(o);
        return { file: there.file, span: there.span, message: `${peerName(o)}: priority ${mine}` };
      }));
    }
  },
};
