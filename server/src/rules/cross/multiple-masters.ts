import type { PeerRule } from '../rule.js';
import { MembersByKey } from './members-by-key.js';
import { NAMED, namedPeers } from './peers.js';

export const rule: PeerRule = {
  id: 'multiple-masters',
  scope: 'peers',
  severity: 'information',
  summary: 'More than one peer starts as MASTER.',
  docs: '`state` is only the initial state; priorities decide the election, so two MASTER configs still converge. It is usually a copy-paste slip though, and with `nopreempt` it matters. Use MASTER on one node and BACKUP on the others, or BACKUP everywhere.',
  check(group, report) {
    const masters = group.members.filter((m) => m.instance.state?.text === 'MASTER');
    if (masters.length < 2) return;
    const index = new MembersByKey(masters, () => ['MASTER']);
    for (const m of masters) {
      const others = index.withKey(m, 'MASTER', NAMED);
      if (others.count === 0) continue;
      report(m.instance.state!.statement.file, m.instance.state!.word, `${namedPeers(others).text} also ${others.count > 1 ? 'start' : 'starts'} as MASTER: priorities will decide, but this is usually a copy-paste slip`);
    }
  },
};
