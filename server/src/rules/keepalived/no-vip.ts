import { effectiveVersion, strictModeLine } from '../../model/keepalived.js';
import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'no-vip',
  scope: 'keepalived',
  perBlock: true,
  severity: 'information',
  summary: 'An instance with no virtual_ipaddress.',
  docs: 'keepalived warns ("No VIP specified; at least one is sensible") and with VRRPv3 or strict mode rejects the instance ("at least one is required"). It is a legitimate design when notify scripts move a cloud floating IP instead; then HAProxy bind checks are skipped for the node. virtual_ipaddress_excluded does not count: keepalived warns all the same.',
  mirrors: 'keepalived',
  check(model, report, context) {
    for (const inst of model.instances) {
      if (inst.vips.length > 0 || !inst.name) continue;
      const strict = strictModeLine(inst, model.globalDefs, context.versions.keepalived) !== undefined;
      const v3 = effectiveVersion(inst, model.globalDefs) === 3;
      const consequence = strict || v3 ? `with ${v3 ? 'VRRP version 3' : 'strict mode'} keepalived rejects the instance ("at least one is required")` : 'fine if notify scripts move the address, otherwise nothing fails over';
      report(inst.statement.file, inst.statement.args[0]!, `'${inst.name}' has no virtual_ipaddress: ${consequence}`);
    }
  },
};
