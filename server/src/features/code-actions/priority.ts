/**
 * duplicate-priority: a unique priority for this instance, chosen the way the peer generator chooses one: a
 * MASTER facing an equal BACKUP goes above it, anything else goes below the peer it ties with, by at most 10 and
 * never by more than that peer's (or, going up, this instance's) weighted health checks can bridge.
 */
import { effectivePriority } from '../../model/keepalived.js';
import { pickPriority } from '../../peer/generate.js';
import { anchorOf, peerName } from '../../rules/cross/peers.js';
import type { PeerMember } from '../../workspace/types.js';
import { setInInstance } from './instance-edits.js';
import { memberAt, relatedMembers, type Anchor } from './peer-members.js';
import { fixOf, type Fixer } from './quick-fix.js';

const anchor: Anchor = (m) => anchorOf(m, m.instance.priority ?? m.instance.state);

const isMaster = (m: PeerMember) => m.instance.state?.text === 'MASTER';

export const uniquePriority: Fixer = (ctx, finding) => {
  const at = memberAt(ctx, finding, anchor);
  if (!at) return [];
  const me = at.member;
  const tie = relatedMembers(at.group, finding, anchor, me)[0];
  const own = effectivePriority(me.instance);
  // A line that several config-ids read (`priority $PRIO`, `@lb1 $PRIO=100` and `@lb2 $PRIO=100`) cannot tell them apart.
  const word = me.instance.priority?.word;
  const shared = word && at.group.members.some((m) => m !== me && m.instance.priority?.word.start === word.start && m.instance.priority.statement.file === me.instance.priority!.statement.file);
  if (!tie || own === undefined || shared) return [];
  const used = at.group.members.filter((m) => m.node !== me.node).map((m) => effectivePriority(m.instance) ?? 0);
  const up = isMaster(me) && !isMaster(tie);
  let priority: number;
  try {
    priority = up ? pickPriority(me.model, me.instance, own, 1, { usedPriorities: used }) : pickPriority(tie.model, tie.instance, own, -1, { usedPriorities: used });
  } catch {
    return [];
  }
  return fixOf(`Set priority ${priority} (${up ? 'above' : 'below'} ${peerName(tie)})`, [setInInstance(me.instance, me.instance.priority, 'priority', String(priority))], true);
};
