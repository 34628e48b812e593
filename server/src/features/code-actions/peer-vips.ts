/**
 * peer-vip-mismatch: make one instance's virtual_ipaddress list advertise exactly the other's addresses. Entries
 * the target lacks are copied line by line (their `dev` follows the target's interface when it named the source's
 * own), entries the source lacks are removed; what both have stays as written, prefix and label included.
 */
import type { AddressEntry } from '../../model/keepalived.js';
import { anchorOf, peerName } from '../../rules/cross/peers.js';
import type { PeerMember } from '../../workspace/types.js';
import type { FileEdits } from '../edits.js';
import { memberAt, relatedMembers, type Anchor } from './peer-members.js';
import { fixOf, type Fixer } from './quick-fix.js';
import { appendToBlock, blockLines, deleteLines, fileEdits } from './text-edits.js';

const blockAnchor: Anchor = (m) => (m.instance.vipBlock ? { file: m.instance.vipBlock.file, span: m.instance.vipBlock.keyword } : anchorOf(m, undefined));

/** The entry's line as written, with its `dev` renamed from the source's interface to the target's. */
function entryText(v: AddressEntry, from: PeerMember, to: PeerMember): string {
  const text = v.statement.file.text.slice(v.statement.start, v.statement.end);
  const fromIf = from.instance.interface?.text;
  const toIf = to.instance.interface?.text;
  const dev = v.statement.args.findIndex((a) => a.value === 'dev');
  const name = v.statement.args[dev + 1];
  if (dev === -1 || !name || !fromIf || !toIf || name.value !== fromIf || from.instance.interface?.opaque || to.instance.interface?.opaque) return text;
  return text.slice(0, name.start - v.statement.start) + toIf + text.slice(name.end - v.statement.start);
}

/** The entries with one per address: a file included twice lists its addresses twice. */
function onePerAddress(vips: readonly AddressEntry[]): AddressEntry[] {
  const byKey = new Map<string, AddressEntry>();
  for (const v of vips) if (!byKey.has(v.ip!.key)) byKey.set(v.ip!.key, v);
  return [...byKey.values()];
}

/**
 * Edits giving `to` the addresses of `from`. None when an address is unknowable, or when `from` has none: copying
 * an empty list would only delete every VIP of `to`, and a pair without VIPs has nothing to fail over.
 */
function syncVips(from: PeerMember, to: PeerMember): Array<FileEdits | undefined> {
  const all = [...from.instance.vips, ...to.instance.vips];
  if (from.instance.vips.length === 0 || all.some((v) => v.opaque || !v.ip)) return [undefined];
  const want = new Set(from.instance.vips.map((v) => v.ip!.key));
  const have = new Set(to.instance.vips.map((v) => v.ip!.key));
  const changes: Array<FileEdits | undefined> = to.instance.vips.filter((v) => !want.has(v.ip!.key)).map((v) => fileEdits(v.statement.file, [deleteLines(v.statement.file.text, v.statement)]));
  const added = onePerAddress(from.instance.vips).filter((v) => !have.has(v.ip!.key)).map((v) => entryText(v, from, to));
  if (added.length > 0) {
    const block = to.instance.vipBlock;
    const target = to.instance.statement;
    changes.push(block ? fileEdits(block.file, [appendToBlock(block, added)]) : fileEdits(target.file, [appendToBlock(target, blockLines(target.file.text, 'virtual_ipaddress', added))]));
  }
  return changes;
}

/** The finding stands on one of the instance's VIP entries (missing on the peer) or on its block (lacking the peer's). */
function memberOfFinding(ctx: Parameters<Fixer>[0], finding: Parameters<Fixer>[1]) {
  const onEntry: Anchor = (m) => {
    const v = m.instance.vips.find((e) => e.statement.file.uri === finding.file.uri && e.word.start === finding.span.start && e.word.end === finding.span.end);
    return v ? { file: v.statement.file, span: v.word } : blockAnchor(m);
  };
  return memberAt(ctx, finding, onEntry);
}

export const syncPeerVips: Fixer = (ctx, finding) => {
  const at = memberOfFinding(ctx, finding);
  if (!at) return [];
  const me = at.member;
  return relatedMembers(at.group, finding, blockAnchor, me).flatMap((peer) => [
    ...fixOf(`Use the VIPs of ${peerName(peer)}`, syncVips(peer, me)),
    ...fixOf(`Give ${peerName(peer)} the VIPs of this instance`, syncVips(me, peer)),
  ]);
};
