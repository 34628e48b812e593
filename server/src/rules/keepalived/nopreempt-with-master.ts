import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'nopreempt-with-master',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: 'nopreempt or preempt_delay together with state MASTER.',
  docs: 'Both only work when the instance starts as BACKUP; keepalived clears them for an initial MASTER ("nopreempt will not work with initial state MASTER"). Use `state BACKUP` on every peer and let priorities decide.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      if (inst.state?.text !== 'MASTER') continue;
      if (inst.nopreempt) report(inst.nopreempt.file, inst.nopreempt.keyword, "nopreempt has no effect with 'state MASTER': keepalived clears it; use 'state BACKUP' on all peers");
      // Without a value the line is a missing-value error of its own: keepalived stops before it gets here.
      if (inst.preemptDelay?.text !== undefined) report(inst.preemptDelay.statement.file, inst.preemptDelay.statement.keyword, "preempt_delay has no effect with 'state MASTER': keepalived clears it");
    }
  },
};
