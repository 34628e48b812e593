/**
 * Priorities, chosen the way the peer generator chooses one: unique among the peers, at most 10 away from the
 * peer it is placed next to, and never further than the weighted health checks can bridge (going up this
 * instance's, going down that peer's).
 *
 * duplicate-priority: a MASTER facing an equal BACKUP goes above it, anything else goes below the peer it ties with.
 * priority-out-of-range: alone, the value is clamped into 1..254 (255 stands for the address owner). With peers the
 * instance's role decides: a MASTER goes above every peer, a BACKUP below the MASTER, and among equals the written
 * number tells which end was meant. A word that is no number says nothing about intent: no fix then.
 */
import { keywordOf } from '../../knowledge/keepalived/keywords.js';
import { effectivePriority, intOf, type KeepalivedModel, type VrrpInstance } from '../../model/keepalived.js';
import { pickPriority } from '../../peer/generate.js';
import { peerName, priorityAnchor } from '../../rules/cross/peers.js';
import type { PeerMember } from '../../workspace/types.js';
import { findInstance, isAt, setInInstance } from './instance-edits.js';
import { peersOfInstance } from './peer-edits.js';
import { memberAt, relatedMembers } from './peer-members.js';
import { fixOf, type Fixer, type QuickFix } from './quick-fix.js';

const { min: LOWEST = 1, max: OWNER = 255 } = keywordOf('vrrp_instance', 'priority')!.arg;

const isMaster = (i: VrrpInstance) => i.state?.text === 'MASTER';

/** A line that several config-ids read (`priority $PRIO`, `@lb1 $PRIO=100` and `@lb2 $PRIO=100`) cannot tell them apart. */
function readByPeers(inst: VrrpInstance, peers: readonly PeerMember[]): boolean {
  const word = inst.priority?.word;
  return word !== undefined && peers.some((m) => m.instance.priority?.word.start === word.start && m.instance.priority.statement.file === inst.priority!.statement.file);
}

interface Ranked {
  readonly member: PeerMember;
  readonly priority: number;
}

/** The fix setting a priority next to `next`: above it, or below it; none when no priority fits. */
function placeNext(model: KeepalivedModel, inst: VrrpInstance, next: Ranked, up: boolean, used: readonly number[]): QuickFix[] {
  let priority: number;
  try {
    const [m, i] = up ? [model, inst] : [next.member.model, next.member.instance];
    priority = pickPriority(m, i, next.priority, up ? 1 : -1, { usedPriorities: used });
  } catch {
    return [];
  }
  return fixOf(`Set priority ${priority} (${up ? 'above' : 'below'} ${peerName(next.member)})`, [setInInstance(inst, inst.priority, 'priority', String(priority))], true);
}

export const uniquePriority: Fixer = (ctx, finding) => {
  const at = memberAt(ctx, finding, priorityAnchor);
  if (!at) return [];
  const me = at.member;
  const tie = relatedMembers(at.group, finding, priorityAnchor, me)[0];
  const own = effectivePriority(me.instance);
  if (!tie || own === undefined || readByPeers(me.instance, at.group.members.filter((m) => m !== me))) return [];
  const used = at.group.members.filter((m) => m.node !== me.node).map((m) => effectivePriority(m.instance) ?? 0);
  return placeNext(me.model, me.instance, { member: tie, priority: own }, isMaster(me.instance) && !isMaster(tie.instance), used);
};

export const priorityInRange: Fixer = (ctx, finding) => {
  const found = findInstance(ctx, (i) => i.priority !== undefined && isAt(finding, i.priority.statement.file, i.priority.word));
  if (!found) return [];
  const { model, inst } = found;
  const written = intOf(inst.priority);
  const peers = peersOfInstance(ctx, inst);
  if (readByPeers(inst, peers)) return [];
  const ranked = peers
    .map((member) => ({ member, priority: effectivePriority(member.instance) ?? 0 }))
    .filter((r) => r.priority >= LOWEST && r.priority <= OWNER)
    .sort((a, b) => b.priority - a.priority);
  if (ranked.length === 0) {
    if (written === undefined) return [];
    const clamped = written < LOWEST ? LOWEST : OWNER - 1;
    return fixOf(`Set priority ${clamped}`, [setInInstance(inst, inst.priority, 'priority', String(clamped))], true);
  }
  const master = ranked.find((r) => isMaster(r.member.instance));
  const used = ranked.map((r) => r.priority);
  if (isMaster(inst) && !master) return placeNext(model, inst, ranked[0]!, true, used);
  if (!isMaster(inst) && master) return placeNext(model, inst, master, false, used);
  if (written === undefined) return [];
  return written > OWNER ? placeNext(model, inst, ranked[0]!, true, used) : placeNext(model, inst, ranked[ranked.length - 1]!, false, used);
};
