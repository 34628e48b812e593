import { initialState, isAddressOwner, strictModeLine } from '../../model/keepalived.js';
import type { KeepalivedRule } from '../rule.js';
import { linesGoTogether } from './together.js';
import { strictRelated } from './strict.js';

export const rule: KeepalivedRule = {
  id: 'nopreempt-with-master',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: 'nopreempt or preempt_delay that keepalived clears: on an instance that starts as MASTER or has priority 255, and preempt_delay in strict mode or with nopreempt.',
  docs:
    'Both only work on an instance that starts as BACKUP: keepalived clears them for an initial MASTER ("nopreempt will not work with initial state MASTER"), which is also what an instance with priority 255 and no `state` line is. ' +
    'The address owner (priority 255) always takes over, so nopreempt is cleared there too ("nopreempt is incompatible with priority 255"). ' +
    'preempt_delay is cleared in strict mode and next to nopreempt, which already stops preemption for good. ' +
    'Use `state BACKUP` on every peer, priorities below 255, and one of nopreempt or preempt_delay.',
  mirrors: 'keepalived',
  check(model, report, context) {
    if (!linesGoTogether(model)) return;
    for (const inst of model.instances) {
      const start = initialState(inst);
      const owner = isAddressOwner(inst);
      const explicitMaster = inst.state?.text === 'MASTER';
      // keepalived's order: the owner check, then the initial state, then preempt_delay against strict mode and nopreempt.
      let nopreempt = inst.nopreempt !== undefined;
      if (inst.nopreempt && owner) {
        report(inst.nopreempt.file, inst.nopreempt.keyword, 'nopreempt has no effect at priority 255: the address owner always takes over, and keepalived clears it');
        nopreempt = false;
      } else if (inst.nopreempt && start === 'MASTER') {
        report(inst.nopreempt.file, inst.nopreempt.keyword, "nopreempt has no effect with 'state MASTER': keepalived clears it; use 'state BACKUP' on all peers");
        nopreempt = false;
      }
      // Without a value the line is a missing-value error of its own: keepalived stops before it gets here.
      const delay = inst.preemptDelay;
      if (delay?.text === undefined) continue;
      const at = delay.statement;
      const strict = strictModeLine(inst, model.globalDefs, context.versions.keepalived);
      if (start === 'MASTER') {
        report(at.file, at.keyword, explicitMaster ? "preempt_delay has no effect with 'state MASTER': keepalived clears it" : 'preempt_delay has no effect: at priority 255 with no state line the instance starts as MASTER, and keepalived clears it');
      } else if (strict) report(at.file, at.keyword, 'preempt_delay has no effect in strict mode: keepalived clears it', strictRelated(strict));
      else if (nopreempt) report(at.file, at.keyword, 'preempt_delay has no effect next to nopreempt, which already stops preemption: keepalived clears it');
    }
  },
};
