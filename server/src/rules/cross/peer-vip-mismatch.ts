import type { PeerMember } from '../../workspace/types.js';
import type { PeerRule, Related } from '../rule.js';
import { MembersByKey } from './members-by-key.js';
import { anchorOf, NAMED, namedPeers, peerName, someOf } from './peers.js';

/** What follows, for one peer or for several. */
const consequence = (several: boolean) => `the peers reject each other's adverts and ${several ? 'each side becomes' : 'both become'} MASTER`;

/**
 * The advertised VIP addresses (prefix, order, dev and label do not matter), each with the text of its first entry
 * (a file included twice lists its entries twice); undefined when any is unknowable.
 */
function vipKeys(m: PeerMember): Map<string, string> | undefined {
  const keys = new Map<string, string>();
  for (const v of m.instance.vips) {
    if (v.opaque || !v.ip) return undefined;
    if (!keys.has(v.ip.key)) keys.set(v.ip.key, v.text);
  }
  return keys;
}

/** Whether the lists hold the same keys, each. */
function sameKeySets(lists: readonly Map<string, string>[]): boolean {
  const [first, ...rest] = lists;
  return rest.every((keys) => keys.size === first!.size && [...keys.keys()].every((k) => first!.has(k)));
}

export const rule: PeerRule = {
  id: 'peer-vip-mismatch',
  scope: 'peers',
  severity: 'error',
  summary: "Peers' virtual_ipaddress sets differ (addresses only; prefix, order, dev and label are ignored).",
  docs: 'A BACKUP checks that the MASTER advertises exactly its own VIP list; on any difference it rejects the advert ("ip address associated with VRID … not present in MASTER advert") and both nodes become MASTER. Keep the VIP lists identical on all peers.',
  check(group, report) {
    const keysOf = new Map(group.members.map((m) => [m, vipKeys(m)]));
    // Nearly every group advertises one list: nothing to index (a pair of nodes with hundreds of instances checks
    // every group again when a global_defs changes).
    if (sameKeySets([...keysOf.values()].filter((k) => k !== undefined))) return;
    const index = new MembersByKey(group.members, (m) => keysOf.get(m)?.keys());
    const blockOf = (o: PeerMember) => (o.instance.vipBlock ? { file: o.instance.vipBlock.file, span: o.instance.vipBlock.keyword } : anchorOf(o, undefined));
    const relatedOf = (peers: readonly PeerMember[]): Related[] => peers.map((o) => ({ ...blockOf(o), message: `${peerName(o)} virtual_ipaddress` }));
    for (const m of group.members) {
      if (!keysOf.get(m)) continue;
      for (const v of m.instance.vips) {
        const lacking = index.withoutKey(m, v.ip!.key, NAMED);
        if (lacking.count === 0) continue;
        const { named, text } = namedPeers(lacking);
        report(v.statement.file, v.word, `VIP ${v.text} is missing on peer${lacking.count > 1 ? 's' : ''} ${text}: ${consequence(lacking.count > 1)}`, relatedOf(named));
      }
      const missing = index.missingKeys(m, NAMED);
      if (missing.count === 0) continue;
      // Each named address with the first of the peers that advertise it; the text is that peer's (prefix dropped).
      const holders = missing.first.slice(0, missing.count <= NAMED ? NAMED : NAMED - 1).map((k) => ({ k, peers: index.withKey(m, k, NAMED) }));
      const textOf = (k: string, o: PeerMember) => keysOf.get(o)!.get(k)!.replace(/\/\d+$/, '');
      const shown = [...new Set(holders.flatMap((h) => namedPeers(h.peers).named))].slice(0, NAMED);
      const here = blockOf(m);
      // One peer advertises all of them (always so in a pair): that peer is named once.
      const peer = shown[0]!;
      const onePeer = index.peerCount(m) === 1 || (missing.count <= NAMED && holders.every((h) => h.peers.count === 1 && h.peers.first[0] === peer));
      if (onePeer) {
        const texts = someOf(holders.map((h) => textOf(h.k, peer)), missing.count, 'addresses');
        report(here.file, here.span, `peer ${peerName(peer)} also advertises ${texts}, which this instance lacks: ${consequence(false)}`, relatedOf(shown));
      } else {
        const texts = someOf(holders.map((h) => `${textOf(h.k, h.peers.first[0]!)} on ${namedPeers(h.peers).text}`), missing.count, 'addresses', '; ');
        report(here.file, here.span, `peers also advertise ${texts}, which this instance lacks: ${consequence(true)}`, relatedOf(shown));
      }
    }
  },
};
