import { effectiveVersion, isAddressOwner, strictModeLine } from '../../model/keepalived.js';
import type { KeepalivedRule } from '../rule.js';
import { linesGoTogether } from './together.js';
import { strictRelated } from './strict.js';

export const rule: KeepalivedRule = {
  id: 'vip-traffic-dropped',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: 'keepalived drops all traffic addressed to the VIPs (accept mode off below priority 255): HAProxy on the VIP cannot be reached.',
  docs:
    'Without accept mode a MASTER below priority 255 installs a firewall rule (nftables or iptables) that drops every packet addressed to its VIPs, so a HAProxy frontend bound to the VIP times out even though the address is up. ' +
    'Accept mode is off when the instance says `no_accept`, and by default in strict mode (`vrrp_strict` or `strict_mode`, the classic "cannot reach the VIP" after copying the sample config). ' +
    'Strict mode with VRRP version 2 turns `accept` off again ("accept mode for VRRP version 2 does not comply with RFC3768"). ' +
    'Remove `vrrp_strict`, which a load balancer rarely needs (keepalived 2.2 enables it even as `vrrp_strict off`), or use `version 3` together with `accept`.',
  mirrors: 'keepalived',
  check(model, report, context) {
    if (!linesGoTogether(model)) return;
    for (const inst of model.instances) {
      if (inst.vips.length === 0 || inst.priority?.opaque || isAddressOwner(inst)) continue;
      const accept = inst.accept;
      const strict = strictModeLine(inst, model.globalDefs, context.versions.keepalived);
      const consequence = 'while MASTER, keepalived drops every packet addressed to the VIPs, so HAProxy and other services on them cannot be reached';
      if (accept?.keyword.value === 'no_accept') {
        if (strict) report(accept.file, accept.keyword, `no_accept: ${consequence}; use 'accept' with version 3, or remove strict mode too`, strictRelated(strict));
        else report(accept.file, accept.keyword, `no_accept: ${consequence}; remove it`);
      } else if (strict && !accept) {
        const anchor = inst.vipBlock!;
        report(anchor.file, anchor.keyword, `strict mode turns accept mode off below priority 255: ${consequence}; add 'accept' with version 3, or remove strict mode`, strictRelated(strict));
      } else if (strict && accept && effectiveVersion(inst, model.globalDefs) === 2) {
        report(accept.file, accept.keyword, `strict mode with VRRP version 2 turns accept mode off again ("does not comply with RFC3768"): ${consequence}; use version 3, or remove strict mode`, strictRelated(strict));
      }
    }
  },
};
