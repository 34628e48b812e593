/**
 * "Generate peer config" for one file of a workspace, shared by `hapair peer` and the editor command:
 * a keepalived file is mirrored (generate.ts); a HAProxy file is copied with binds on the node's own address
 * moved to the peer's (haproxy.ts), the addresses coming from the node's keepalived config.
 */
import type { Workspace } from '../workspace/workspace.js';
import { layoutNodes } from '../workspace/layout.js';
import { buildHaproxyModel } from '../model/haproxy.js';
import { buildKeepalivedModel, effectivePriority, intOf, type KeepalivedModel } from '../model/keepalived.js';
import type { Language } from '../workspace/types.js';
import { generatePeer, PeerError, type PeerOptions, type PeerResult } from './generate.js';
import { generateHaproxyPeer } from './haproxy.js';
import { dirname } from '../workspace/paths.js';

function keepalivedModel(ws: Workspace, path: string): KeepalivedModel {
  const parsed = ws.keepalived(path);
  if (!parsed.syntax) throw new PeerError(`${path} is not a text file`);
  return buildKeepalivedModel(parsed.syntax, { expanded: ws.expandKeepalived(path)! });
}

/** Priorities of instances in sibling nodes that share a VRID with this file's instances: the peer avoids them. */
function siblingPriorities(ws: Workspace, path: string, model: KeepalivedModel): number[] {
  const vrids = new Set(model.instances.map((i) => intOf(i.vrid)));
  const scope = dirname(dirname(path));
  const used: number[] = [];
  for (const e of ws.allEntries()) {
    if (e.language !== 'keepalived' || e.path === path || dirname(dirname(e.path)) !== scope) continue;
    const other = keepalivedModel(ws, e.path);
    for (const inst of other.instances) {
      const p = effectivePriority(inst);
      const vrid = intOf(inst.vrid);
      if (p !== undefined && vrid !== undefined && vrids.has(vrid)) used.push(p);
    }
  }
  return used;
}

/** The keepalived config of the node a HAProxy file belongs to, if the workspace layout says. */
function nodeKeepalived(ws: Workspace, path: string): string | undefined {
  const entries = ws.allEntries();
  const k = entries.filter((e) => e.language === 'keepalived').map((e) => e.path);
  const h = entries.filter((e) => e.language === 'haproxy').map((e) => e.path);
  return layoutNodes(k, h, (p) => p, ws.manifests).find((n) => n.haproxy.includes(path))?.keepalived;
}

function haproxyPeer(ws: Workspace, path: string, options: PeerOptions): PeerResult {
  const parsed = ws.haproxy(path);
  if (!parsed.syntax) throw new PeerError(`${path} is not a text file`);
  const model = buildHaproxyModel(parsed.syntax);
  const kpath = nodeKeepalived(ws, path);
  const instance = kpath ? keepalivedModel(ws, kpath).instances.find((i) => i.unicastSrcIp && !i.unicastSrcIp.opaque) : undefined;
  // Without a keepalived config next to it, the addresses come from the options alone: this node's own address
  // (--peer-ip, as the peer will list it) and the new node's (--src-ip).
  if (!instance) return generateHaproxyPeer(model, { from: options.peerIp, to: options.srcIp });
  const peers = instance.unicastPeers.filter((p) => !p.opaque).map((p) => p.text);
  let to = options.srcIp;
  if (to === undefined && peers.length === 1) to = peers[0];
  if (to === undefined && peers.length > 1) {
    throw new PeerError(`'${instance.name}' lists ${peers.length} unicast peers (${peers.join(', ')}): say which one is the new node with --src-ip`, { option: 'srcIp', choices: peers });
  }
  return generateHaproxyPeer(model, { from: options.peerIp ?? instance.unicastSrcIp!.text, to });
}

export function peerForFile(ws: Workspace, path: string, language: Language, options: PeerOptions = {}): PeerResult {
  if (language === 'haproxy') return haproxyPeer(ws, path, options);
  const model = keepalivedModel(ws, path);
  return generatePeer(model, { ...options, usedPriorities: options.usedPriorities ?? siblingPriorities(ws, path, model) });
}
