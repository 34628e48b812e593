import type { FileRule } from '../rule.js';
import { checkHaproxyAddresses } from '../haproxy/addresses.js';
import { checkKeepalivedAddresses } from '../keepalived/addresses.js';

export const rule: FileRule = {
  id: 'invalid-address',
  scope: 'file',
  perSection: true,
  perBlock: true,
  severity: 'error',
  mirrors: 'both',
  summary:
    'An address the program cannot use: a keepalived VIP, unicast peer or source that is not a literal IP address (or a VIP with an impossible prefix length); ' +
    'a HAProxy bind without a valid port, a server port out of range, a health-checked server with no port to check.',
  docs:
    'keepalived skips VIP entries it cannot parse ("VRRP parsed invalid IP"), unicast peers and source addresses that are not literal addresses (host names are not resolved: "malformed unicast peer address"), ' +
    'and replaces an impossible VIP prefix length with /32 (/128). The VIP or the peer is then silently missing, or the VIP gets another netmask. ' +
    'HAProxy refuses to start on a bind address without a port (`bind 192.0.2.10 6443` is missing its colon), a port outside 1–65535, an inverted port range or a port offset on a bind, ' +
    'a server port above 65535 or a server port range, and a server with `check` (on its line or a `default-server`) whose address has no port when no `port` parameter gives one. ' +
    'Host names are not judged: whether they resolve depends on the machine.',
  haproxy: checkHaproxyAddresses,
  keepalived: checkKeepalivedAddresses,
};
