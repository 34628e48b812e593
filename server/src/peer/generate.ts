/**
 * "Generate peer config": from one node's keepalived config, the config of its peer. Only what must differ
 * changes: state (MASTER ⇄ BACKUP), priority (unique, and within reach of every weighted health check),
 * unicast_src_ip ⇄ unicast_peer, router_id, and nopreempt/preempt_delay where the peer would start as MASTER.
 * Every other byte, comments and formatting included, is kept. Pure: text in, text out.
 */
import type { KStatement, KWord } from '../syntax/keepalived/ast.js';
import { KWORD_QUOTED } from '../syntax/keepalived/lexer.js';
import { configIds, effectivePriority, initialState, intOf, trackWeight, type KeepalivedModel, type Setting, type VrrpInstance } from '../model/keepalived.js';
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

/** The edit that writes `value` in place of a word, quoted when keepalived would otherwise read it differently. */
function replaceWord(w: KWord, value: string): Edit {
  // Blanks split, `#`/`!` start a comment, braces open and close blocks, and at a line start `@…`/`~…` are prefixes.
  const quote = (w.flags & KWORD_QUOTED) !== 0 || /[\s#!{}]|^[@~]/.test(value);
  if (quote && value.includes('"')) throw new PeerError(`'${value}' cannot be written in a keepalived config: it would need quotes around a quote`);
  return { start: w.start, end: w.end, text: quote ? `"${value}"` : value };
}

/** Sets a setting's value; a setting written without one (its word is the keyword itself) gets it after the keyword. */
function setValue(setting: Setting, value: string): Edit {
  if (setting.text !== undefined) return replaceWord(setting.word, value);
  const { text } = replaceWord(setting.word, value);
  return { start: setting.word.end, end: setting.word.end, text: ` ${text}` };
}

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl === -1 ? text.length : nl + 1 };
}

/** The indentation of the instance's statements: its first statement's, or the header's plus one level. */
function blockIndent(text: string, inst: VrrpInstance): string {
  const first = inst.statement.block?.statements.find((st) => st.file === inst.statement.file);
  if (first) {
    const start = lineBounds(text, first.start).start;
    if (/^[ \t]*$/.test(text.slice(start, first.start))) return text.slice(start, first.start);
  }
  const header = /^[ \t]*/.exec(text.slice(lineBounds(text, inst.statement.start).start))![0];
  return header + (/\n\t/.test(text) ? '\t' : '    ');
}

/** True when the statement is alone on its lines (a trailing comment aside). */
function ownsLine(text: string, st: KStatement): boolean {
  const bounds = lineBounds(text, st.start);
  const endBounds = lineBounds(text, st.end);
  return /^[ \t]*$/.test(text.slice(bounds.start, st.start)) && /^[ \t]*(?:[#!][^\n]*)?\r?\n?$/.test(text.slice(st.end, endBounds.end));
}

/** An edit that puts `line` on a line of its own right after the `{` that ends at `afterBrace`. */
function lineAfterBrace(text: string, afterBrace: number, line: string, indent: string): Edit {
  const nl = text.indexOf('\n', afterBrace);
  const rest = text.slice(afterBrace, nl === -1 ? text.length : nl);
  const eol = rest.endsWith('\r') ? '\r\n' : '\n';
  if (/^[ \t]*(?:[#!].*)?\r?$/.test(rest)) {
    // The brace ends its line (a comment aside): a new line after it.
    if (nl === -1) return { start: text.length, end: text.length, text: `${eol}${indent}${line}${eol}` };
    return { start: nl + 1, end: nl + 1, text: `${indent}${line}${eol}` };
  }
  // More follows the brace on its line (`{ state MASTER }`): the line breaks after the brace.
  const blanks = rest.length - rest.trimStart().length;
  return { start: afterBrace, end: afterBrace + blanks, text: `${eol}${indent}${line}${eol}${indent}` };
}

/**
 * keepalived lets a block's `{` start the next line, so a line added just before a line that starts with `{` would
 * take that brace as its own block and change how the rest is read. There the brace opens nothing (the file is
 * already broken), and the file is refused rather than read otherwise.
 */
function noBraceCaptured(text: string, edit: Edit, inst: VrrpInstance): Edit {
  if (/^[ \t]*\{/.test(text.slice(edit.end))) throw new PeerError(`'${inst.name}' needs a priority line, but the line where it goes is followed by a '{' that keepalived would give to it; fix the braces first`);
  return edit;
}

/** Smallest |weight| of the instance's weighted health checks: the priority gap must stay below it. */
function weightLimit(model: KeepalivedModel, inst: VrrpInstance): number | undefined {
  let limit: number | undefined;
  for (const t of inst.trackScripts) {
    const w = intOf(trackWeight(t, model.scripts));
    if (w !== undefined && w !== 0) limit = Math.min(limit ?? Infinity, Math.abs(w));
  }
  return limit;
}

/**
 * A priority for a peer of `inst` (whose priority is `own`): below it (-1) or above it (1), unique among
 * `options.usedPriorities`, and close enough for the instance's weighted health checks to bridge. Throws PeerError
 * when none fits. Also used by the duplicate-priority quick fix.
 */
export function pickPriority(model: KeepalivedModel, inst: VrrpInstance, own: number, direction: -1 | 1, options: PeerOptions): number {
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
    const wasMaster = initialState(inst) === 'MASTER';
    const direction = wasMaster ? -1 : 1;
    const priority = pickPriority(model, inst, own, direction, options);

    if (inst.state && ownEdit(inst.state.statement)) {
      const state = wasMaster ? 'BACKUP' : 'MASTER';
      edits.push(setValue(inst.state, state));
      changes.push(`${inst.name}: state ${inst.state.text ?? '(no value)'} → ${state}`);
    }
    if (inst.priority) {
      if (ownEdit(inst.priority.statement)) edits.push(replaceWord(inst.priority.word, String(priority)));
    } else {
      // No priority line: keepalived's implicit value applies; the peer needs an explicit one, just inside the
      // instance's own block (after the line of its first statement could be inside a nested block, or past a
      // `}` on the same line).
      const state = inst.state?.statement;
      const block = inst.statement.block;
      if (state && state.file === file && ownsLine(text, state)) {
        // Where people put it: on the line after `state`.
        const bounds = lineBounds(text, state.start);
        const indent = /^[ \t]*/.exec(text.slice(bounds.start))![0];
        const eol = text.slice(bounds.start, bounds.end).endsWith('\r\n') ? '\r\n' : '\n';
        const before = text.slice(bounds.start, bounds.end).endsWith('\n') ? '' : eol;
        edits.push(noBraceCaptured(text, { start: bounds.end, end: bounds.end, text: `${before}${indent}priority ${priority}${eol}` }, inst));
      } else {
        if (!block || !ownEdit(inst.statement)) throw new PeerError(`'${inst.name}' has no priority line and no place to add one`);
        edits.push(noBraceCaptured(text, lineAfterBrace(text, block.open.end, `priority ${priority}`, blockIndent(text, inst)), inst));
      }
    }
    changes.push(`${inst.name}: priority ${own} → ${priority}`);

    if (!wasMaster) {
      for (const st of [inst.nopreempt, inst.preemptDelay?.statement]) {
        if (st && ownEdit(st)) {
          // Its whole lines when it has them to itself; otherwise only the statement (`{ nopreempt }`).
          const bounds = ownsLine(text, st) ? { start: lineBounds(text, st.start).start, end: lineBounds(text, Math.max(st.start, st.end - 1)).end } : st;
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

  // From the end backwards. At one offset the removal goes first, then the insertions, the last made first, so that
  // they read in the order they were made (`state` + ` MASTER`, then the new priority line).
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  for (const e of ordered) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, changes, warnings };
}

function swapUnicast(inst: VrrpInstance, options: PeerOptions, edits: Edit[], changes: string[], ownEdit: (st: KStatement) => boolean): void {
  const peers = inst.unicastPeers;
  if (peers.length === 0) return;
  const src = inst.unicastSrcIp;
  if (peers.some((p) => p.text === '') || src?.text === '') throw new PeerError(`'${inst.name}' has an empty unicast address (a quote left open?): nothing to swap`);
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
  if (src && ownEdit(src.statement)) edits.push(setValue(src, newSrc));
  changes.push(`${inst.name}: unicast_src_ip ${oldSrc} → ${newSrc}, unicast_peer ${replaced.text} → ${oldSrc}`);
}
