import { effectivePriority, initialState, isAddressOwner, type VrrpInstance } from '../../model/keepalived.js';
import type { PeerRule } from '../rule.js';
import { peerName, priorityAnchor } from './peers.js';

/** nopreempt as keepalived keeps it: it clears the flag on an instance that starts as MASTER or owns the address. */
const keepsNopreempt = (inst: VrrpInstance): boolean => inst.nopreempt !== undefined && !isAddressOwner(inst) && initialState(inst) === 'BACKUP';

export const rule: PeerRule = {
  id: 'nopreempt-on-lower-peer',
  scope: 'peers',
  severity: 'warning',
  summary: 'nopreempt on a peer below the highest priority while the highest-priority peer preempts: the VIP still moves back to it.',
  docs: 'nopreempt stops an instance from taking the VIP from a MASTER of lower priority. It is the returning, higher-priority node that would preempt, so the setting only prevents the failback when that node has it: on the lowest peer of a pair it never has anything to hold back. Put nopreempt (with `state BACKUP`, which it needs) on the highest-priority peer, or on every peer.',
  check(group, report) {
    const ranked = group.members.map((m) => ({ m, p: m.instance.priority?.opaque ? undefined : effectivePriority(m.instance) }));
    if (ranked.some((x) => x.p === undefined || initialState(x.m.instance) === undefined)) return;
    const top = Math.max(...ranked.map((x) => x.p!));
    const highest = ranked.filter((x) => x.p === top);
    // A tie is duplicate-priority's finding; which node wins it depends on addresses.
    if (highest.length !== 1 || keepsNopreempt(highest[0]!.m.instance)) return;
    const leader = highest[0]!.m;
    const cleared = isAddressOwner(leader.instance) ? 'priority 255' : 'it starts as MASTER';
    const why = leader.instance.nopreempt ? `a nopreempt keepalived clears (${cleared})` : 'no nopreempt';
    const there = priorityAnchor(leader);
    for (const { m, p } of ranked) {
      if (m.node === leader.node || !keepsNopreempt(m.instance)) continue;
      report(m.instance.nopreempt!.file, m.instance.nopreempt!.keyword, `nopreempt here (priority ${p}) does not stop the VIP from moving back: ${peerName(leader)} has priority ${top} and ${why}, so it takes the VIP back whenever it returns`, [
        { file: there.file, span: there.span, message: `${peerName(leader)}: priority ${top}, preempts` },
      ]);
    }
  },
};
