import type { KeepalivedRule } from '../rule.js';
import { intOutsideRange } from './range.js';

export const rule: KeepalivedRule = {
  id: 'vrid-out-of-range',
  scope: 'keepalived',
  perBlock: true,
  severity: 'error',
  summary: 'virtual_router_id outside 1..255.',
  docs: 'The VRID is one byte on the wire. keepalived rejects any other value, leaves the VRID unset, and then refuses to load the instance ("the virtual router id must be set").',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      const problem = intOutsideRange(inst.vrid, 'virtual_router_id', 1, 255);
      if (problem) report(inst.vrid!.statement.file, inst.vrid!.word, `${problem}: keepalived will not load instance '${inst.name}'`);
    }
  },
};
