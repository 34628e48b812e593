/**
 * The keepalived half of invalid-address (rules/common/invalid-address.ts).
 */
import type { AddressEntry, KeepalivedModel, Setting } from '../../model/keepalived.js';
import { parseIp } from '../../model/address.js';
import type { Report } from '../rule.js';

/** The address before any `/prefix`. */
function addressPart(text: string): string {
  const slash = text.indexOf('/');
  return slash === -1 ? text : text.slice(0, slash);
}

/**
 * VIPs (keepalived 2.2.7, parse_ipaddress): an unparsable address is skipped ("VRRP parsed invalid IP"); a bad
 * prefix length only costs the prefix ("Invalid address prefix len … - using 32"); an empty one (`a.b.c.d/`)
 * passes silently.
 */
function checkVips(entries: readonly AddressEntry[], report: Report): void {
  for (const e of entries) {
    if (e.opaque) continue;
    const base = e.ip ?? parseIp(addressPart(e.text));
    if (!base) {
      report(e.statement.file, e.word, `'${e.text}' is not an IP address: keepalived skips this VIP`);
      continue;
    }
    const slash = e.text.indexOf('/');
    if (slash === -1) continue;
    const prefix = e.text.slice(slash + 1);
    const full = base.family === 4 ? 32 : 128;
    if (prefix === '' || (/^\d+$/.test(prefix) && Number(prefix) <= full)) continue;
    report(e.statement.file, e.word, `'${prefix}' is not a prefix length for IPv${base.family} (0..${full}): keepalived uses ${addressPart(e.text)}/${full}`);
  }
}

/** unicast_peer entries and source addresses: only the address counts (keepalived ignores a `/prefix` there). */
function checkPeers(entries: readonly AddressEntry[], report: Report): void {
  for (const e of entries) {
    if (!e.opaque && !parseIp(addressPart(e.text))) report(e.statement.file, e.word, `'${e.text}' is not an IP address: keepalived skips this peer (host names are not resolved)`);
  }
}

function checkSource(s: Setting | undefined, report: Report): void {
  if (!s || s.opaque || s.text === undefined || parseIp(addressPart(s.text))) return;
  report(s.statement.file, s.word, `${s.statement.keyword.value} '${s.text}' is not an IP address: keepalived ignores it (host names are not resolved)`);
}

/** The keepalived half of invalid-address: VIPs, unicast peers and source addresses of every instance. */
export function checkKeepalivedAddresses(model: KeepalivedModel, report: Report): void {
  for (const inst of model.instances) {
    checkVips(inst.vips, report);
    checkVips(inst.excludedVips, report);
    checkPeers(inst.unicastPeers, report);
    checkSource(inst.unicastSrcIp, report);
    checkSource(inst.mcastSrcIp, report);
  }
}
