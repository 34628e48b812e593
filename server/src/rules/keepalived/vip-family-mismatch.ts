import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'vip-family-mismatch',
  scope: 'keepalived',
  severity: 'error',
  summary: 'virtual_ipaddress mixes IPv4 and IPv6 addresses in one instance.',
  docs: 'A VRRP instance advertises one address family; keepalived drops VIPs of the other family ("address family must match VRRP instance"). Use a second instance (or virtual_ipaddress_excluded) for the other family.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      const first = inst.vips.find((v) => v.ip);
      if (!first) continue;
      for (const v of inst.vips) {
        if (v.ip && v.ip.family !== first.ip!.family) {
          report(v.statement.file, v.word, `${v.text} is IPv${v.ip.family} but '${inst.name}' advertises IPv${first.ip!.family} (first VIP ${first.text}): keepalived ignores it`);
        }
      }
    }
  },
};
