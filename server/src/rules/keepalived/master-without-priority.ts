import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'master-without-priority',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: 'state MASTER with no priority: keepalived makes the instance the address owner (255).',
  docs: 'Without an explicit priority keepalived gives a MASTER instance priority 255, the RFC "address owner". Tracking can then never lower it, so health checks stop moving the VIP. Set an explicit priority below 255.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      if (inst.state?.text === 'MASTER' && !inst.priority) {
        report(inst.state.statement.file, inst.state.word, `'${inst.name}' has no priority: as MASTER it gets 255 (address owner), and track scripts can no longer move the VIP`);
      }
    }
  },
};
