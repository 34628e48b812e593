/**
 * Quick fixes for peers that disagree on a single setting (virtual_router_id, advert_int) or on their
 * authentication: copy the peer's value into this instance, or this instance's value into the peer. Both
 * directions are offered; which node is right is the user's call.
 */
import { effectiveVersion, type Setting } from '../../model/keepalived.js';
import { anchorOf, peerName } from '../../rules/cross/peers.js';
import type { PeerMember } from '../../workspace/types.js';
import type { FileEdits } from '../edits.js';
import { setInInstance } from './instance-edits.js';
import { memberAt, relatedMembers, type Anchor } from './peer-members.js';
import { fixOf, type Fixer, type QuickFix } from './quick-fix.js';
import { appendToBlock, blockLines, deleteLines, fileEdits } from './text-edits.js';

const known = (s: Setting | undefined): string | undefined => (s && !s.opaque && s.text !== undefined ? s.text : undefined);

/** A fixer for a setting that peers must share; `fallback` is keepalived's value when the line is absent. */
function copySetting(keyword: string, settingOf: (m: PeerMember) => Setting | undefined, fallback?: string): Fixer {
  const anchor: Anchor = (m) => anchorOf(m, settingOf(m));
  return (ctx, finding) => {
    const at = memberAt(ctx, finding, anchor);
    if (!at) return [];
    const me = at.member;
    const mine = known(settingOf(me)) ?? fallback;
    const out: QuickFix[] = [];
    for (const peer of relatedMembers(at.group, finding, anchor, me)) {
      const theirs = known(settingOf(peer)) ?? fallback;
      if (theirs !== undefined) out.push(...fixOf(`Use ${keyword} ${theirs}, as on ${peerName(peer)}`, [setInInstance(me.instance, settingOf(me), keyword, theirs)]));
      if (mine !== undefined) out.push(...fixOf(`Set ${keyword} ${mine} on ${peerName(peer)}, as here`, [setInInstance(peer.instance, settingOf(peer), keyword, mine)]));
    }
    return out;
  };
}

export const copyVrid = copySetting('virtual_router_id', (m) => m.instance.vrid);
export const copyAdvertInt = copySetting('advert_int', (m) => m.instance.advertInt, '1');

/** Makes `to` authenticate as `from` does: the same auth_type and auth_pass as written, or no authentication. */
function copyAuthentication(from: PeerMember, to: PeerMember): Array<FileEdits | undefined> {
  const { authType, authPass } = from.instance;
  const target = to.instance;
  const hasAuth = authPass && authType && /^(PASS|AH)$/.test(authType.text ?? '');
  if (!hasAuth) return target.authBlock ? [fileEdits(target.authBlock.file, [deleteLines(target.authBlock.file.text, target.authBlock)])] : [undefined];
  if (authType.opaque || authPass.opaque) return [undefined];
  if (!target.authBlock) return [fileEdits(target.statement.file, [appendToBlock(target.statement, blockLines(target.statement.file.text, 'authentication', [`auth_type ${authType.word.text}`, `auth_pass ${authPass.word.text}`]))])];
  const edits: Array<FileEdits | undefined> = [];
  for (const [keyword, mine, theirs] of [['auth_type', target.authType, authType], ['auth_pass', target.authPass, authPass]] as const) {
    if (mine) edits.push(setInInstance(target, mine, keyword, theirs.word.text));
    else edits.push(fileEdits(target.authBlock.file, [appendToBlock(target.authBlock, [`${keyword} ${theirs.word.text}`])]));
  }
  return edits;
}

const authAnchor: Anchor = (m) => anchorOf(m, m.instance.authPass ?? m.instance.authType);

/** Only VRRPv2 carries authentication: with another version the finding is about the version, not the password. */
const isV2 = (m: PeerMember) => effectiveVersion(m.instance, m.model.globalDefs) === 2;

export const copyAuth: Fixer = (ctx, finding) => {
  const at = memberAt(ctx, finding, authAnchor);
  if (!at || !isV2(at.member)) return [];
  const me = at.member;
  return relatedMembers(at.group, finding, authAnchor, me)
    .filter(isV2)
    .flatMap((peer) => [
      ...fixOf(`Use the authentication of ${peerName(peer)}`, copyAuthentication(peer, me)),
      ...fixOf(`Give ${peerName(peer)} this authentication`, copyAuthentication(me, peer)),
    ]);
};
