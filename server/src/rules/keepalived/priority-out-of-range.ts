import type { KeepalivedRule } from '../rule.js';
import { intOutsideRange } from './range.js';

export const rule: KeepalivedRule = {
  id: 'priority-out-of-range',
  scope: 'keepalived',
  perBlock: true,
  severity: 'error',
  summary: 'priority outside 1..255.',
  docs: 'keepalived ignores an out-of-range priority and uses 100 instead, which silently changes which node is MASTER. 255 means "address owner" and is reserved for the node that really owns the VIP.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      const problem = intOutsideRange(inst.priority, 'priority', 1, 255);
      if (problem) report(inst.priority!.statement.file, inst.priority!.word, `${problem}: keepalived uses 100 instead`);
    }
  },
};
