/**
 * vrid-out-of-range, duplicate-vrid: a virtual_router_id that clashes with nothing. Either the VRID the peers
 * already agree on (when it is valid and no other instance of this node uses it), or the lowest VRID that no
 * instance of any node of the cluster uses, written on the peers as well so that the pair keeps agreeing.
 */
import { keywordOf } from '../../knowledge/keepalived/keywords.js';
import { intOf, type KeepalivedModel, type VrrpInstance } from '../../model/keepalived.js';
import { peerName } from '../../rules/cross/peers.js';
import type { FeatureContext } from '../context.js';
import { findInstance, isAt, setInInstance } from './instance-edits.js';
import { agreedValue, hereAndOn, peersOfInstance, setOnPeers } from './peer-edits.js';
import { fixOf, type Fixer, type QuickFix } from './quick-fix.js';

const { min = 1, max = 255 } = keywordOf('vrrp_instance', 'virtual_router_id')!.arg;

const vridOf = (i: VrrpInstance): number | undefined => intOf(i.vrid);
const valid = (v: number | undefined): v is number => v !== undefined && v >= min && v <= max;

/** Every VRID in use on the nodes of the model's cluster (just the model's when it is on no node). */
function clusterVrids(ctx: FeatureContext, model: KeepalivedModel): Set<number> {
  const scope = ctx.analysis.nodes.find((n) => n.keepalived === model)?.scope;
  const models = [model, ...ctx.analysis.nodes.filter((n) => scope !== undefined && n.scope === scope).map((n) => n.keepalived)];
  const used = new Set<number>();
  for (const m of models) for (const i of m?.instances ?? []) if (valid(vridOf(i))) used.add(vridOf(i)!);
  return used;
}

export const freeVrid: Fixer = (ctx, finding) => {
  const found = findInstance(ctx, (i) => i.vrid !== undefined && isAt(finding, i.vrid.statement.file, i.vrid.word));
  if (!found || found.inst.vrid!.opaque) return [];
  const { model, inst } = found;
  const out: QuickFix[] = [];
  const peers = peersOfInstance(ctx, inst);
  const theirs = agreedValue(peers, (m) => vridOf(m.instance));
  if (valid(theirs) && theirs !== vridOf(inst) && !model.instances.some((i) => i !== inst && vridOf(i) === theirs)) {
    out.push(...fixOf(`Use virtual_router_id ${theirs}, as on ${peers.map(peerName).join(', ')}`, [setInInstance(inst, inst.vrid, 'virtual_router_id', String(theirs))], true));
  }
  const used = clusterVrids(ctx, model);
  let free = min;
  while (free <= max && used.has(free)) free++;
  if (free > max) return out;
  const edit = setOnPeers(ctx, inst, (i) => i.vrid, 'virtual_router_id', String(free), (i) => vridOf(i) === free);
  if (edit) out.push(...fixOf(`Set virtual_router_id ${free} (unused in this cluster)${hereAndOn(edit.peers)}`, edit.changes, out.length === 0));
  return out;
};
