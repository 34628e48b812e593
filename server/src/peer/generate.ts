/**
 * "Generate peer config": from one node's keepalived config, the config of its peer. Only what must differ
 * changes: state (MASTER ⇄ BACKUP), priority (unique, and within reach of every weighted health check),
 * unicast_src_ip ⇄ unicast_peer, router_id, and nopreempt/preempt_delay where the peer would start as MASTER.
 * Every other byte, comments and formatting included, is kept. Pure: text in, text out.
 */
import type { KStatement, KWord } from '../syntax/keepalived/ast.js';
import { KWORD_QUOTED } from '../syntax/keepalived/lexer.js';
import { configIds, effectivePriority, intOf, type KeepalivedModel, type VrrpInstance } from '../model/keepalived.js';
import { parseIp } from '../model/address.js';

export interface PeerOptions {
  /** The peer's priority: lower than a MASTER's, higher than a BACKUP's. */
  readonly priority?: number;
  /** The new node's own address, when the original lists several unicast peers. */
  readonly srcIp?: string;
  /** The original node's address, when it sets no unicast_src_ip. */
  readonly peerIp?: string;
  readonly routerId?: string;
  /** Priorities already used by other known peers, to stay unique. */
  readonly usedPriorities?: readonly number[];
}

export interface PeerResult {
  readonly text: string;
  /** One line per change, for the user ("VI_1: priority 110 → 100"). */
  readonly changes: string[];
  readonly warnings: string[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Default distance between MASTER and BACKUP priorities when no weight limits it. */
const DEFAULT_GAP = 10;

/** What the generator could not decide on its own; an editor asks the user, the CLI names the option. */
export type PeerQuestion = { readonly option: 'srcIp'; readonly choices: readonly string[] } | { readonly option: 'peerIp' };

export class PeerError extends Error {
  constructor(
    message: string,
    readonly question?: PeerQuestion,
  ) {
    super(message);
  }
}

const replaceWord = (w: KWord, value: string): Edit => ({ start: w.start, end: w.end, text: w.flags & KWORD_QUOTED ? `"${value}"` : value });

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl === -1 ? text.length : nl + 1 };
}

/** Smallest |weight| of the instance's weighted health checks: the priority gap must stay below it. */
function weightLimit(model: KeepalivedModel, inst: VrrpInstance): number | undefined {
  let limit: number | undefined;
  for (const t of inst.trackScripts) {
    const script = t.name.text ? model.scripts.get(t.name.text) : undefined;
    const w = intOf(t.weight ?? script?.weight);
    if (w !== undefined && w !== 0) limit = Math.min(limit ?? Infinity, Math.abs(w));
  }
  return limit;
}

function pickPriority(model: KeepalivedModel, inst: VrrpInstance, own: number, direction: -1 | 1, options: PeerOptions): number {
  const limit = weightLimit(model, inst);
  const maxGap = limit === undefined ? Infinity : limit - 1;
  const used = new Set(options.usedPriorities ?? []);
  if (options.priority !== undefined) {
    const p = options.priority;
    if (!Number.isInteger(p) || p < 1 || p > 254) throw new PeerError(`--priority ${p} is outside 1..254`);
    if (direction === -1 && p >= own) throw new PeerError(`--priority ${p} must be lower than '${inst.name}''s priority ${own}: the peer is the BACKUP`);
    if (direction === 1 && p <= own) throw new PeerError(`--priority ${p} must be higher than '${inst.name}''s priority ${own}: the peer is the MASTER`);
    if (used.has(p)) throw new PeerError(`--priority ${p} is already used by another peer`);
    if (Math.abs(own - p) > maxGap) throw new PeerError(`--priority ${p} leaves a gap of ${Math.abs(own - p)} to '${inst.name}''s ${own}, but its health check weight ±${limit} can only bridge a gap below ${limit}`);
    return p;
  }
  if (maxGap < 1) throw new PeerError(`'${inst.name}' tracks a script with weight ±1: no priority gap is small enough for it to move the VIP; use a larger weight`);
  for (let gap = Math.min(DEFAULT_GAP, maxGap); gap >= 1; gap--) {
    const p = own + direction * gap;
    if (p >= 1 && p <= 254 && !used.has(p)) return p;
  }
  throw new PeerError(`no free priority for '${inst.name}' within ${Math.min(DEFAULT_GAP, maxGap)} of ${own}`);
}

function nextRouterId(id: string): string {
  const digits = /(\d+)$/.exec(id);
  if (digits) return id.slice(0, digits.index) + String(Number(digits[1]) + 1).padStart(digits[1]!.length, '0');
  if (/master/i.test(id)) return id.replace(/MASTER/g, 'BACKUP').replace(/Master/g, 'Backup').replace(/master/g, 'backup');
  return `${id}-peer`;
}

function requireIp(text: string, option: string): string {
  if (!parseIp(text)) throw new PeerError(`${option} '${text}' is not an IP address`);
  return text;
}

export function generatePeer(model: KeepalivedModel, options: PeerOptions = {}): PeerResult {
  const file = model.file;
  const text = file.text;
  if (configIds(model.tree).size > 0) throw new PeerError('this file uses @id conditional lines, so it already describes several hosts; a peer copy would duplicate them');
  if (model.instances.length === 0) throw new PeerError('no vrrp_instance in this file: nothing to mirror');
  const edits: Edit[] = [];
  const changes: string[] = [];
  const warnings: string[] = [];
  const ownEdit = (st: KStatement): boolean => {
    if (st.file === file) return true;
    warnings.push(`${st.file.uri}: '${st.keyword.value}' is in an included file; change it there as well`);
    return false;
  };

  for (const inst of model.instances) {
    const own = effectivePriority(inst);
    if (own === undefined) throw new PeerError(`'${inst.name}' has a priority that is not a number; cannot derive the peer's`);
    const wasMaster = inst.state?.text === 'MASTER' || (!inst.state && own === 255);
    const direction = wasMaster ? -1 : 1;
    const priority = pickPriority(model, inst, own === 255 && wasMaster ? 255 : own, direction, options);

    if (inst.state && ownEdit(inst.state.statement)) {
      const state = wasMaster ? 'BACKUP' : 'MASTER';
      edits.push(replaceWord(inst.state.word, state));
      changes.push(`${inst.name}: state ${inst.state.text} → ${state}`);
    }
    if (inst.priority) {
      if (ownEdit(inst.priority.statement)) edits.push(replaceWord(inst.priority.word, String(priority)));
    } else {
      // No priority line: keepalived's implicit value applies; the peer needs an explicit one.
      const anchor = inst.state?.statement ?? inst.statement.block?.statements[0];
      if (!anchor || !ownEdit(anchor)) throw new PeerError(`'${inst.name}' has no priority line and no place to add one`);
      const bounds = lineBounds(text, anchor.start);
      const indent = /^[ \t]*/.exec(text.slice(bounds.start))![0];
      edits.push({ start: bounds.end, end: bounds.end, text: `${indent}priority ${priority}\n` });
    }
    changes.push(`${inst.name}: priority ${own} → ${priority}`);

    if (!wasMaster) {
      for (const st of [inst.nopreempt, inst.preemptDelay?.statement]) {
        if (st && ownEdit(st)) {
          const bounds = lineBounds(text, st.start);
          edits.push({ start: bounds.start, end: bounds.end, text: '' });
          changes.push(`${inst.name}: removed ${st.keyword.value} (the peer starts as MASTER)`);
        }
      }
    }
    swapUnicast(inst, options, edits, changes, ownEdit);
  }

  const routerId = model.globalDefs.routerId;
  if (routerId?.text && !routerId.opaque && ownEdit(routerId.statement)) {
    const next = options.routerId ?? nextRouterId(routerId.text);
    edits.push(replaceWord(routerId.word, next));
    changes.push(`router_id ${routerId.text} → ${next}`);
  } else if (options.routerId) warnings.push('--router-id given, but the file has no router_id in global_defs; nothing changed');

  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, changes, warnings };
}

function swapUnicast(inst: VrrpInstance, options: PeerOptions, edits: Edit[], changes: string[], ownEdit: (st: KStatement) => boolean): void {
  const peers = inst.unicastPeers;
  if (peers.length === 0) return;
  const src = inst.unicastSrcIp;
  if (peers.some((p) => p.opaque) || src?.opaque) {
    changes.push(`${inst.name}: unicast addresses are templated; left as they are`);
    return;
  }
  let newSrc: string;
  if (options.srcIp !== undefined) {
    newSrc = requireIp(options.srcIp, '--src-ip');
  } else if (peers.length === 1) {
    newSrc = peers[0]!.text;
  } else {
    throw new PeerError(`'${inst.name}' lists ${peers.length} unicast peers (${peers.map((p) => p.text).join(', ')}): say which one is the new node with --src-ip`, { option: 'srcIp', choices: peers.map((p) => p.text) });
  }
  const oldSrc = src?.text ?? (options.peerIp !== undefined ? requireIp(options.peerIp, '--peer-ip') : undefined);
  if (oldSrc === undefined) throw new PeerError(`'${inst.name}' has no unicast_src_ip: give this node's own address with --peer-ip so the peer can list it`, { option: 'peerIp' });
  const newKey = parseIp(newSrc)?.key;
  const entry = peers.find((p) => p.ip?.key === newKey);
  if (!entry) {
    if (peers.length > 1) throw new PeerError(`--src-ip ${newSrc} is not one of '${inst.name}''s unicast peers (${peers.map((p) => p.text).join(', ')})`);
    changes.push(`${inst.name}: note: --src-ip ${newSrc} replaces the listed peer ${peers[0]!.text}`);
  }
  const replaced = entry ?? peers[0]!;
  if (ownEdit(replaced.statement)) edits.push(replaceWord(replaced.word, oldSrc));
  if (src && ownEdit(src.statement)) edits.push(replaceWord(src.word, newSrc));
  changes.push(`${inst.name}: unicast_src_ip ${oldSrc} → ${newSrc}, unicast_peer ${replaced.text} → ${oldSrc}`);
}
