/**
 * Quick fixes for keepalived findings whose fix is a single obvious edit in one instance: drop the node's own
 * address from its unicast peers, list a peer's source address, start as BACKUP where MASTER duplicates the
 * peer's, make a health-check weight big enough to move the VIP, track a defined but unused check, and give
 * nopreempt to the peer that would otherwise take the VIP back.
 */
import { effectivePriority, initialState, intOf, isAddressOwner, trackWeight, type AddressEntry } from '../../model/keepalived.js';
import { anchorOf, peerName, priorityAnchor } from '../../rules/cross/peers.js';
import { untrackedScripts } from '../../rules/cross/haproxy-not-tracked.js';
import { findInstance, isAt, setInInstance } from './instance-edits.js';
import { fixOf, type Fixer } from './quick-fix.js';
import { appendToBlock, blockLines, deleteLines, fileEdits, insertBelow, ownsLines } from './text-edits.js';
import { indentAt } from '../edits.js';
import { memberAt, relatedMembers } from './peer-members.js';

/** own-address-in-peers: the entry goes. */
export const removeOwnAddress: Fixer = (ctx, finding) => {
  const onFinding = (p: AddressEntry) => isAt(finding, p.statement.file, p.word);
  const entry = findInstance(ctx, (i) => i.unicastPeers.some(onFinding))?.inst.unicastPeers.find(onFinding);
  return entry ? fixOf(`Remove ${entry.text} from unicast_peer`, [fileEdits(entry.statement.file, [deleteLines(entry.statement.file.text, entry.statement)])], true) : [];
};

/** unicast-peer-mismatch (a peer's source address missing from the list): the address joins the list. */
export const addUnicastPeer: Fixer = (ctx, finding) => {
  const found = findInstance(ctx, (i) => i.unicastPeerBlock !== undefined && isAt(finding, i.unicastPeerBlock.file, i.unicastPeerBlock.keyword));
  const block = found?.inst.unicastPeerBlock;
  const source = finding.related?.[0];
  const address = source && source.file.text.slice(source.span.start, source.span.end);
  if (!block || !address || /[\s"]/.test(address)) return [];
  return fixOf(`Add ${address} to unicast_peer`, [fileEdits(block.file, [appendToBlock(block, [address])])], true);
};

/** multiple-masters: `state BACKUP` (one MASTER per pair is the norm; not preferred, as either MASTER may be the one to change). */
export const startAsBackup: Fixer = (ctx, finding) => {
  const inst = findInstance(ctx, (i) => i.state !== undefined && isAt(finding, i.state.statement.file, i.state.word))?.inst;
  if (!inst?.state || inst.state.opaque) return [];
  return fixOf('Change state to BACKUP', [setInInstance(inst, inst.state, 'state', 'BACKUP')]);
};

/** weight-cannot-bridge: |weight| one more than the priority gap, its sign kept. */
export const bridgeWeight: Fixer = (ctx, finding) => {
  for (const group of ctx.analysis.peerGroups) {
    const ranked = group.members.map((m) => ({ m, p: effectivePriority(m.instance) ?? 0 })).sort((a, b) => b.p - a.p);
    const [top, next] = ranked;
    if (!top || !next) continue;
    for (const track of top.m.instance.trackScripts) {
      const setting = trackWeight(track, top.m.model.scripts);
      const weight = intOf(setting);
      if (!setting || weight === undefined || !isAt(finding, setting.statement.file, setting.word)) continue;
      const bridging = Math.sign(weight) * (top.p - next.p + 1);
      if (Math.abs(bridging) > 253) return [];
      return fixOf(`Set weight ${bridging}: more than the gap of ${top.p - next.p} to ${peerName(next.m)}`, [{ file: setting.statement.file, edits: [{ start: setting.word.start, end: setting.word.end, newText: String(bridging) }] }], true);
    }
  }
  return [];
};

/**
 * haproxy-not-tracked: track a vrrp_script written above the instance that nothing tracks yet (one fix per such
 * script; preferred when there is one), in the instance's track_script block or a new one at the end of the instance.
 */
export const trackUnusedScript: Fixer = (ctx, finding) => {
  const found = findInstance(ctx, (i) => isAt(finding, i.statement.file, i.statement.args[0] ?? i.statement.keyword));
  if (!found) return [];
  const { model, inst } = found;
  // keepalived looks a script up when it reads the track_script line: only scripts above the instance will do.
  const scripts = untrackedScripts(model).filter((x) => x.statement.file === inst.statement.file && x.statement.start < inst.statement.start);
  const block = inst.statement.block?.statements.find((st) => st.keyword.value === 'track_script' && st.file === inst.statement.file);
  return scripts.flatMap((script) => {
    const edit = block ? appendToBlock(block, [script.name]) : appendToBlock(inst.statement, blockLines(inst.statement.file.text, 'track_script', [script.name]));
    return fixOf(`Track vrrp_script '${script.name}' in '${inst.name}'`, [fileEdits(inst.statement.file, [edit])], scripts.length === 1);
  });
};

/**
 * nopreempt-on-lower-peer: nopreempt for the peer the finding names as taking the VIP back (its related location),
 * which also starts as BACKUP if it would start as MASTER: keepalived keeps nopreempt only then.
 */
export const nopreemptOnLeader: Fixer = (ctx, finding) => {
  const reported = memberAt(ctx, finding, (m) => (m.instance.nopreempt ? { file: m.instance.nopreempt.file, span: m.instance.nopreempt.keyword } : anchorOf(m, undefined)));
  const leader = reported && relatedMembers(reported.group, finding, priorityAnchor, reported.member)[0];
  if (!leader || isAddressOwner(leader.instance)) return [];
  const inst = leader.instance;
  const file = inst.statement.file;
  const toBackup = initialState(inst) === 'MASTER' ? setInInstance(inst, inst.state, 'state', 'BACKUP') : undefined;
  if (toBackup && toBackup.file !== file) return [];
  if (inst.nopreempt) return fixOf(`Start ${peerName(leader)} as BACKUP, so keepalived keeps its nopreempt`, [toBackup], true);
  const below = (inst.priority ?? inst.state)?.statement;
  const add = below?.file === file && ownsLines(file.text, below) ? insertBelow(file.text, below.end, ['nopreempt'], indentAt(file.text, below.start)) : appendToBlock(inst.statement, ['nopreempt']);
  return fixOf(`Add nopreempt to ${peerName(leader)}${toBackup ? ', starting it as BACKUP' : ''}`, [fileEdits(file, [...(toBackup?.edits ?? []), add])], true);
};
