import { effectivePriority, intOf, trackWeight } from '../../model/keepalived.js';
import type { PeerRule } from '../rule.js';
import { peerName } from './peers.js';

export const rule: PeerRule = {
  id: 'weight-cannot-bridge',
  scope: 'peers',
  severity: 'warning',
  summary: 'A weighted track_script on the highest-priority peer cannot move the VIP: its weight does not exceed the priority gap.',
  docs: 'When a weighted check fails, keepalived changes the priority by the weight instead of entering FAULT. The VIP only moves if that change exceeds the gap to the next peer: MASTER 120 with `weight -2` against BACKUP 100 stays MASTER with a dead HAProxy. Make |weight| larger than the gap, or narrow the gap.',
  check(group, report) {
    const ranked = group.members
      .map((m) => ({ m, p: m.instance.priority?.opaque ? undefined : effectivePriority(m.instance) }))
      .filter((x): x is { m: typeof x.m; p: number } => x.p !== undefined)
      .sort((a, b) => b.p - a.p);
    if (ranked.length < 2 || ranked.length !== group.members.length) return;
    const [top, next] = ranked as [(typeof ranked)[0], (typeof ranked)[0]];
    const gap = top.p - next.p;
    if (gap <= 0 || top.m.node === next.m.node) return;
    for (const track of top.m.instance.trackScripts) {
      const weightSetting = trackWeight(track, top.m.model.scripts);
      const weight = intOf(weightSetting);
      if (!weightSetting || weight === undefined || weight === 0 || Math.abs(weight) > gap) continue;
      report(weightSetting.statement.file, weightSetting.word, `weight ${weight} cannot move the VIP: ${peerName(top.m)} has priority ${top.p} and ${peerName(next.m)} ${next.p}, a gap of ${gap}; when '${track.name.text}' fails this node stays MASTER`, [
        { file: next.m.instance.priority?.statement.file ?? next.m.instance.statement.file, span: next.m.instance.priority?.word ?? next.m.instance.statement.keyword, message: `${peerName(next.m)}: priority ${next.p}` },
      ]);
    }
  },
};
