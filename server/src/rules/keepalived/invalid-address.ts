import type { AddressEntry } from '../../model/keepalived.js';
import type { KeepalivedRule, Report } from '../rule.js';

function check(entries: readonly AddressEntry[], consequence: string, report: Report): void {
  for (const e of entries) {
    if (!e.opaque && !e.ip) report(e.statement.file, e.word, `'${e.text}' is not an IP address: keepalived ${consequence}`);
  }
}

export const rule: KeepalivedRule = {
  id: 'invalid-address',
  scope: 'keepalived',
  severity: 'error',
  summary: 'A virtual_ipaddress or unicast_peer entry that is not a literal IP address.',
  docs: 'keepalived skips VIP entries it cannot parse ("VRRP parsed invalid IP") and unicast peers that are not literal addresses (host names are not resolved). The VIP or the peer is then silently missing.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      check(inst.vips, 'skips this VIP', report);
      check(inst.excludedVips, 'skips this VIP', report);
      check(inst.unicastPeers, 'skips this peer (host names are not resolved)', report);
    }
  },
};
