/**
 * A value that peers must share, written into an instance and every peer of it in one fix: changing a VRID or an
 * advert_int on one node alone would only trade the finding for peer-vrid-mismatch or advert-int-mismatch.
 */
import type { Setting, VrrpInstance } from '../../model/keepalived.js';
import { peerName } from '../../rules/cross/peers.js';
import type { PeerMember } from '../../workspace/types.js';
import type { FeatureContext } from '../context.js';
import type { FileEdits } from '../edits.js';
import { setInInstance } from './instance-edits.js';

/** The instance's peers: the members of its peer group on other nodes (none when it has no group). */
export function peersOfInstance(ctx: FeatureContext, inst: VrrpInstance): PeerMember[] {
  const group = ctx.analysis.peerGroups.find((g) => g.members.some((m) => m.instance === inst));
  const me = group?.members.find((m) => m.instance === inst);
  return group?.members.filter((m) => m.node !== me!.node) ?? [];
}

/** The value every peer has, when they all have the same known one. */
export function agreedValue<T>(peers: readonly PeerMember[], valueOf: (m: PeerMember) => T | undefined): T | undefined {
  const values = new Set(peers.map(valueOf));
  const [only] = values;
  return values.size === 1 ? only : undefined;
}

/** " here and on lb2 (VI_1)" for a fix's title, or nothing when only this instance changes. */
export const hereAndOn = (peers: readonly string[]): string => (peers.length > 0 ? ` here and on ${peers.join(', ')}` : '');

export interface PeerWideEdit {
  readonly changes: FileEdits[];
  /** The peers that needed an edit, by name. */
  readonly peers: string[];
}

/**
 * `keyword written` in the instance and in each peer that does not have it yet (`has`). Config-ids that read one
 * line give the same edit twice; fixOf keeps one. Undefined when any of them cannot be edited (a value only known
 * at deployment, a line shared with another statement).
 */
export function setOnPeers(ctx: FeatureContext, inst: VrrpInstance, settingOf: (i: VrrpInstance) => Setting | undefined, keyword: string, written: string, has: (i: VrrpInstance) => boolean): PeerWideEdit | undefined {
  const changes: FileEdits[] = [];
  /** False when the instance cannot take the value; true when it has (or now gets) it. */
  const set = (i: VrrpInstance): boolean => {
    const setting = settingOf(i);
    const edit = setting?.opaque ? undefined : setInInstance(i, setting, keyword, written);
    if (edit) changes.push(edit);
    return edit !== undefined;
  };
  if (!set(inst)) return undefined;
  const peers: string[] = [];
  for (const peer of peersOfInstance(ctx, inst)) {
    if (has(peer.instance)) continue;
    if (!set(peer.instance)) return undefined;
    peers.push(peerName(peer));
  }
  return { changes, peers };
}
