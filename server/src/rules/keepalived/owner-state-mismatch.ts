import { isAddressOwner, strictModeLine } from '../../model/keepalived.js';
import type { KeepalivedRule } from '../rule.js';
import { linesGoTogether } from './together.js';
import { strictRelated } from './strict.js';

export const rule: KeepalivedRule = {
  id: 'owner-state-mismatch',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: "A state that disagrees with the priority: 'state BACKUP' at priority 255, or in strict mode 'state MASTER' below 255.",
  docs:
    'Priority 255 marks the address owner: it takes the VIPs over from any peer, whatever `state BACKUP` says (keepalived accepts this silently outside strict mode). ' +
    'In strict mode keepalived goes further and makes the state match the priority ("State MASTER must match being address owner"): a MASTER below 255 starts as BACKUP, a BACKUP at 255 as MASTER. ' +
    'Give BACKUP nodes a priority of 254 or less; under strict mode use MASTER only with 255, or BACKUP everywhere.',
  mirrors: 'keepalived',
  check(model, report, context) {
    if (!linesGoTogether(model)) return;
    for (const inst of model.instances) {
      const state = inst.state;
      if (!state || state.opaque || inst.priority?.opaque) continue;
      const owner = isAddressOwner(inst);
      const strict = strictModeLine(inst, model.globalDefs, context.versions.keepalived);
      if (owner && state.text === 'BACKUP') {
        if (strict) report(state.statement.file, state.word, `strict mode starts '${inst.name}' as MASTER: at priority 255 it is the address owner ("State MASTER must match being address owner")`, strictRelated(strict));
        else report(state.statement.file, state.word, `priority 255 makes '${inst.name}' the address owner: it takes the VIPs over from any peer whatever 'state BACKUP' says; give a BACKUP 254 or less`);
      } else if (!owner && strict && state.text === 'MASTER') {
        report(state.statement.file, state.word, `strict mode starts '${inst.name}' as BACKUP: only priority 255 may start as MASTER ("State MASTER must match being address owner")`, strictRelated(strict));
      }
    }
  },
};
