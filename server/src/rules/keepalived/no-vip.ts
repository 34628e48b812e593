import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'no-vip',
  scope: 'keepalived',
  severity: 'information',
  summary: 'An instance with no virtual_ipaddress.',
  docs: 'keepalived warns ("No VIP specified; at least one is sensible") and with VRRPv3 or strict mode rejects the instance. It is a legitimate design when notify scripts move a cloud floating IP instead; then HAProxy bind checks are skipped for the node.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      if (inst.vips.length === 0 && inst.name) {
        report(inst.statement.file, inst.statement.args[0]!, `'${inst.name}' has no virtual_ipaddress: fine if notify scripts move the address, otherwise nothing fails over`);
      }
    }
  },
};
