/**
 * The keepalived model: what keepalived would configure from a file, with every value tied to the word it
 * came from. Built from the syntax tree after includes are expanded and `@id` lines are filtered for one
 * config-id, and with `$NAME` parameters substituted. Values that cannot be known statically (Jinja
 * expressions, undefined parameters) are kept but marked opaque so no rule judges them.
 */
import type { SourceFile } from '../syntax/text.js';
import type { Condition, KStatement, KWord, KeepalivedSyntax, Definition } from '../syntax/keepalived/ast.js';
import { KWORD_TEMPLATED } from '../syntax/keepalived/lexer.js';
import { parseIp, type IpAddress } from './address.js';
import { compareVersions, type KeepalivedVersion } from '../knowledge/versions.js';

/** One value as keepalived reads it. */
export interface Setting {
  readonly statement: KStatement;
  /** The word that holds the value (the keyword itself when the value is missing). */
  readonly word: KWord;
  /** The value after parameter substitution; undefined when missing. */
  readonly text?: string;
  /** True when the value is unknown until deployment (template or undefined `$NAME`). */
  readonly opaque: boolean;
}

export interface AddressEntry {
  readonly statement: KStatement;
  readonly word: KWord;
  readonly text: string;
  readonly opaque: boolean;
  /** Undefined when the text is not a literal address. */
  readonly ip?: IpAddress;
}

export interface TrackedScript {
  readonly statement: KStatement;
  readonly name: Setting;
  /** `weight N` given on the track_script line, overriding the script's own weight. */
  readonly weight?: Setting;
}

export interface VrrpScript {
  readonly name: string;
  readonly statement: KStatement;
  readonly weight?: Setting;
  readonly interval?: Setting;
  readonly script?: Setting;
}

export interface VrrpInstance {
  readonly name: string;
  readonly statement: KStatement;
  state?: Setting;
  priority?: Setting;
  vrid?: Setting;
  interface?: Setting;
  advertInt?: Setting;
  version?: Setting;
  authType?: Setting;
  authPass?: Setting;
  unicastSrcIp?: Setting;
  mcastSrcIp?: Setting;
  unicastPeerBlock?: KStatement;
  vipBlock?: KStatement;
  authBlock?: KStatement;
  nopreempt?: KStatement;
  preemptDelay?: Setting;
  /** The last `strict_mode` line whose value keepalived takes (none, on/off words, or a value only known later). */
  strictMode?: Setting;
  /** The last `accept` or `no_accept` line: the one that decides. */
  accept?: KStatement;
  readonly vips: AddressEntry[];
  readonly excludedVips: AddressEntry[];
  readonly unicastPeers: AddressEntry[];
  readonly trackScripts: TrackedScript[];
  /** The entries of its track_script, track_process and track_file blocks (include lines too, which may add some). */
  readonly healthTracks: KStatement[];
}

/** A `vrrp_sync_group`: instances that change state together. */
export interface SyncGroup {
  readonly name: string;
  readonly statement: KStatement;
  /** The instance names of its `group { … }` block. */
  readonly members: Setting[];
  /** `sync_group_tracking_weight`: its members keep their weighted track scripts. */
  readonly trackingWeight: boolean;
  /** The entries of its track_script, track_process and track_file blocks, which every member follows. */
  readonly healthTracks: KStatement[];
}

export interface GlobalDefs {
  routerId?: Setting;
  scriptUser?: Setting;
  enableScriptSecurity?: KStatement;
  /** `vrrp_strict` and its argument, if any (which keepalived reads only from 2.3.0 on: strictModeLine). */
  vrrpStrict?: Setting;
  vrrpVersion?: Setting;
}

export interface IncludeUse {
  readonly statement: KStatement;
  readonly targets: readonly SourceFile[];
  /** Why nothing was included, when nothing was: missing file, outside the workspace, cycle… */
  readonly problem?: string;
}

export interface KeepalivedModel {
  readonly file: SourceFile;
  /** The config-id this model was filtered for (`@id` lines); undefined when the file has none. */
  readonly configId?: string;
  /** The statement tree after include expansion and `@id` filtering. */
  readonly tree: KStatement[];
  readonly globalDefs: GlobalDefs;
  readonly scripts: Map<string, VrrpScript>;
  readonly instances: VrrpInstance[];
  readonly syncGroups: SyncGroup[];
  readonly includes: IncludeUse[];
  readonly definitions: Map<string, string>;
  /** The file uses Jinja `{% … %}` tags: blocks may be repeated, skipped or defined in other templates. */
  readonly controlFlow: boolean;
}

/** Resolves an include statement to the files it names and their statements, already expanded. */
export type IncludeResolver = (statement: KStatement) => { files: SourceFile[]; statements: KStatement[]; problem?: string };

export const INCLUDE_KEYWORDS: ReadonlySet<string> = new Set(['include', 'includer', 'includem', 'includew', 'includeb', 'includea']);

/** What a statement holds, itself or anywhere in its block, that changes how the whole file is read. */
interface Reach {
  /** An include statement. */
  readonly includes: boolean;
  /** The `@id` conditions, in file order. */
  readonly ids: readonly string[];
}

/**
 * Each statement's reach, found once. A statement's content never changes (a reparse keeps untouched statements as
 * the same objects and only moves them), so after an edit only the statements it made are walked: expanding the
 * includes of a large file and listing its config-ids cost a look-up per top-level statement.
 */
const reachOf = new WeakMap<KStatement, Reach>();

function reach(st: KStatement): Reach {
  let found = reachOf.get(st);
  if (!found) {
    const ids: string[] = [];
    let includes = false;
    const walk = (x: KStatement) => {
      includes ||= INCLUDE_KEYWORDS.has(x.keyword.value);
      if (x.condition) ids.push(x.condition.id);
      const children = x.block?.statements;
      // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
      if (children) for (let i = 0; i < children.length; i++) walk(children[i]!);
    };
    walk(st);
    found = { includes, ids };
    reachOf.set(st, found);
  }
  return found;
}

/**
 * Expands includes into one tree (statements keep their own file) and records each include's outcome. A list
 * without includes is returned as it is: a file without includes costs no copy of its blocks on every run, and its
 * blocks keep their identity from one edit to the next (the ones a reparse kept move in place with their children).
 */
export function expandIncludes(statements: KStatement[], resolve: IncludeResolver, includes: IncludeUse[]): KStatement[] {
  const out: KStatement[] = [];
  let changed = false;
  for (const st of statements) {
    if (!reach(st).includes) out.push(st);
    else if (INCLUDE_KEYWORDS.has(st.keyword.value)) {
      const { files, statements: included, problem } = resolve(st);
      includes.push({ statement: st, targets: files, problem });
      out.push(st);
      // One by one: spreading a large included tree into push() overflows the call stack.
      for (const x of included) out.push(x);
      changed ||= included.length > 0;
    } else {
      const inner = expandIncludes(st.block!.statements, resolve, includes);
      out.push(inner === st.block!.statements ? st : { ...st, block: { ...st.block!, statements: inner } });
      changed ||= inner !== st.block!.statements;
    }
  }
  return changed ? out : statements;
}

/** Every `@id` used in a tree (and in definitions): each one is a host the file describes. */
export function configIds(tree: readonly KStatement[], into = new Set<string>(), definitions: readonly Definition[] = []): Set<string> {
  for (const d of definitions) if (d.condition) into.add(d.condition.id);
  for (const st of tree) for (const id of reach(st).ids) into.add(id);
  return into;
}

/** Whether a line (or definition) with this `@id` condition is read on the host with this config-id. */
function activeFor(item: { readonly condition?: Condition }, configId: string | undefined): boolean {
  if (!item.condition || configId === undefined) return true;
  return (item.condition.id === configId) !== item.condition.negate;
}

function filterTree(tree: readonly KStatement[], configId: string | undefined): KStatement[] {
  if (configId === undefined) return tree as KStatement[];
  const out: KStatement[] = [];
  for (const st of tree) {
    if (!activeFor(st, configId)) continue;
    out.push(st.block ? { ...st, block: { ...st.block, statements: filterTree(st.block.statements, configId) } } : st);
  }
  return out;
}

/** `${NAME}` anywhere, `$NAME` only before a blank, `,`, `)` or the end (keepalived's own rule). */
export function substitute(value: string, defs: ReadonlyMap<string, string>): { text: string; opaque: boolean } {
  if (!value.includes('$')) return { text: value, opaque: false };
  let opaque = false;
  const text = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)(?=$|[\s,)])/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const v = defs.get(name);
    if (v === undefined) {
      opaque = true;
      return whole;
    }
    return v;
  });
  return { text, opaque: opaque || text.includes('$') };
}

export interface ModelOptions {
  /** The host to read `@id` lines for. */
  readonly configId?: string;
  /** The statements with includes expanded (Workspace.expandKeepalived); the file's own statements when absent. */
  readonly expanded?: { tree: KStatement[]; includes: IncludeUse[] };
  /**
   * The model of the file's previous version: while the definitions are the same, instances whose statements the
   * reparse kept are reused (instancesRead).
   */
  readonly previous?: KeepalivedModel;
}

/**
 * Each instance by the statement it was read from, with the definitions it was read under: a few of them, for a
 * file that several models include (each node's model has definitions of its own).
 */
const instancesRead = new WeakMap<KStatement, Array<{ readonly definitions: ReadonlyMap<string, string>; readonly instance: VrrpInstance }>>();
const READINGS_KEPT = 4;

export function buildKeepalivedModel(syntax: KeepalivedSyntax, options: ModelOptions = {}): KeepalivedModel {
  const includes = options.expanded?.includes ?? [];
  const tree = filterTree(options.expanded?.tree ?? syntax.statements, options.configId);
  const read = new Map<string, string>();
  for (const d of syntax.definitions as Definition[]) if (activeFor(d, options.configId)) read.set(d.name, d.value);
  // An instance is read from its statement alone, with the definitions: a statement the reparse kept (the same
  // object) read under the same definitions gives the same instance. Reused, it costs nothing after an edit, and
  // what is remembered of it by identity (the peer grouping) stays valid. The definitions stay the same object
  // while they are the same, so an instance's reading is known current by two identities.
  const previous = options.previous;
  const definitions = previous && sameEntries(previous.definitions, read) ? previous.definitions : read;

  /** A value written as one word, parameters substituted. */
  const wordSetting = (st: KStatement, word: KWord): Setting => {
    const sub = substitute(word.value, definitions);
    return { statement: st, word, text: sub.text, opaque: sub.opaque || (word.flags & KWORD_TEMPLATED) !== 0 };
  };
  /** Argument `index` of a statement; a missing one is the keyword with no text. */
  const setting = (st: KStatement, index = 0): Setting => {
    const word = st.args[index];
    return word ? wordSetting(st, word) : { statement: st, word: st.keyword, opaque: false };
  };
  /** A line of an address block: the address is its first word. */
  const address = (st: KStatement): AddressEntry => {
    const { text, opaque } = wordSetting(st, st.keyword);
    return { statement: st, word: st.keyword, text: text!, opaque, ip: opaque ? undefined : parseIp(text!) };
  };

  const globalDefs: GlobalDefs = {};
  const scripts = new Map<string, VrrpScript>();
  const instances: VrrpInstance[] = [];
  const syncGroups: SyncGroup[] = [];

  const readGlobalDefs = (block: readonly KStatement[]) => {
    for (const st of block) {
      switch (st.keyword.value) {
        case 'router_id': globalDefs.routerId = setting(st); break;
        case 'script_user': globalDefs.scriptUser = setting(st); break;
        case 'enable_script_security': globalDefs.enableScriptSecurity = st; break;
        case 'vrrp_strict': globalDefs.vrrpStrict = setting(st); break;
        case 'vrrp_version': globalDefs.vrrpVersion = setting(st); break;
      }
    }
  };

  const readScript = (st: KStatement) => {
    const name = st.args[0]?.value ?? '';
    const script: { -readonly [K in keyof VrrpScript]: VrrpScript[K] } = { name, statement: st };
    for (const inner of st.block?.statements ?? []) {
      if (inner.keyword.value === 'weight') script.weight = setting(inner);
      else if (inner.keyword.value === 'interval') script.interval = setting(inner);
      else if (inner.keyword.value === 'script') script.script = setting(inner);
    }
    if (name && !scripts.has(name)) scripts.set(name, script);
  };

  const readSyncGroup = (st: KStatement) => {
    const members: Setting[] = [];
    const healthTracks: KStatement[] = [];
    let trackingWeight = false;
    for (const inner of st.block?.statements ?? []) {
      if (inner.keyword.value === 'sync_group_tracking_weight') trackingWeight = true;
      else if (HEALTH_TRACKS.has(inner.keyword.value)) healthTracks.push(...(inner.block?.statements ?? []));
      else if (inner.keyword.value === 'group') {
        // One name per line, or several on one line (`group { VI_1 VI_2 }`).
        for (const line of inner.block?.statements ?? []) {
          if (!notInclude(line)) continue;
          members.push(wordSetting(line, line.keyword));
          for (const word of line.args) members.push(wordSetting(line, word));
        }
      }
    }
    syncGroups.push({ name: st.args[0]?.value ?? '', statement: st, members, trackingWeight, healthTracks });
  };

  const readInstance = (st: KStatement) => {
    const readings = instancesRead.get(st);
    for (let r = 0; readings && r < readings.length; r++) {
      if (readings[r]!.definitions !== definitions) continue;
      instances.push(readings[r]!.instance);
      return;
    }
    const inst: VrrpInstance = {
      name: st.args[0]?.value ?? '',
      statement: st,
      vips: [],
      excludedVips: [],
      unicastPeers: [],
      trackScripts: [],
      healthTracks: [],
    };
    const lines = st.block?.statements ?? [];
    // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
    for (let i = 0; i < lines.length; i++) {
      const inner = lines[i]!;
      const body = inner.block?.statements ?? [];
      switch (inner.keyword.value) {
        // keepalived ignores a later BACKUP once MASTER is set ("state previously set as MASTER").
        case 'state': if (inst.state?.text !== 'MASTER') inst.state = setting(inner); break;
        case 'priority': inst.priority = setting(inner); break;
        case 'virtual_router_id': inst.vrid = setting(inner); break;
        case 'interface': inst.interface = setting(inner); break;
        case 'advert_int': inst.advertInt = setting(inner); break;
        case 'version': inst.version = setting(inner); break;
        case 'unicast_src_ip': inst.unicastSrcIp = setting(inner); break;
        case 'mcast_src_ip': inst.mcastSrcIp = setting(inner); break;
        case 'nopreempt': inst.nopreempt = inner; break;
        case 'preempt': inst.nopreempt = undefined; break;
        case 'preempt_delay': inst.preemptDelay = setting(inner); break;
        case 'strict_mode': {
          // keepalived skips a line whose value is not one of its boolean words ("invalid strict_mode … specified").
          const s = setting(inner);
          if (s.text === undefined || s.opaque || keepalivedBool(s.text) !== undefined) inst.strictMode = s;
          break;
        }
        case 'accept':
        case 'no_accept': inst.accept = inner; break;
        case 'authentication':
          inst.authBlock = inner;
          for (const a of body) {
            if (a.keyword.value === 'auth_type') inst.authType = setting(a);
            else if (a.keyword.value === 'auth_pass') inst.authPass = setting(a);
          }
          break;
        case 'virtual_ipaddress':
          inst.vipBlock = inner;
          inst.vips.push(...body.filter(notInclude).map(address));
          break;
        case 'virtual_ipaddress_excluded':
          inst.excludedVips.push(...body.filter(notInclude).map(address));
          break;
        case 'unicast_peer':
          inst.unicastPeerBlock = inner;
          inst.unicastPeers.push(...body.filter(notInclude).map(address));
          break;
        case 'track_process':
        case 'track_file':
          inst.healthTracks.push(...body);
          break;
        case 'track_script':
          inst.healthTracks.push(...body);
          for (const t of body) {
            if (!notInclude(t)) continue;
            const weightAt = t.args.findIndex((a) => a.value === 'weight');
            inst.trackScripts.push({ statement: t, name: wordSetting(t, t.keyword), weight: weightAt === -1 ? undefined : setting(t, weightAt + 1) });
          }
          break;
      }
    }
    instances.push(inst);
    const reading = { definitions, instance: inst };
    if (!readings) instancesRead.set(st, [reading]);
    else if (readings.unshift(reading) > READINGS_KEPT) readings.length = READINGS_KEPT;
  };

  for (const st of tree) {
    switch (st.keyword.value) {
      case 'global_defs': readGlobalDefs(st.block?.statements ?? []); break;
      case 'vrrp_script': readScript(st); break;
      case 'vrrp_instance': readInstance(st); break;
      case 'vrrp_sync_group': readSyncGroup(st); break;
    }
  }
  return { file: syntax.file, configId: options.configId, tree, globalDefs, scripts, instances, syncGroups, includes, definitions, controlFlow: syntax.controlFlow };
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** Blocks whose entries make an instance follow a check of this node (a script, a process, a file's contents). */
const HEALTH_TRACKS = new Set(['track_script', 'track_process', 'track_file']);

function notInclude(st: KStatement): boolean {
  return !INCLUDE_KEYWORDS.has(st.keyword.value);
}

/** A setting's integer value, or undefined when missing, opaque or not an integer. */
export function intOf(s: Setting | undefined): number | undefined {
  if (!s || s.opaque || s.text === undefined || !isInteger(s.text)) return undefined;
  return Number(s.text);
}

/** Digits, with an optional sign: the peer rules ask this of every member's settings whenever a group is checked. */
function isInteger(text: string): boolean {
  const first = text.charCodeAt(0);
  let i = first === 43 || first === 45 ? 1 : 0;
  if (i === text.length) return false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The weight of a tracked script: given on the track_script line, else the vrrp_script's own (absent: 0). */
export function trackWeight(track: TrackedScript, scripts: ReadonlyMap<string, VrrpScript>): Setting | undefined {
  return track.weight ?? (track.name.text ? scripts.get(track.name.text)?.weight : undefined);
}

/** The priority keepalived will use: explicit, else 255 for `state MASTER` (address owner), else 100. */
export function effectivePriority(inst: VrrpInstance): number | undefined {
  if (inst.priority) return intOf(inst.priority);
  return inst.state?.text === 'MASTER' ? 255 : 100;
}

/** The 8 bytes of auth_pass keepalived actually uses (it compares bytes, not characters). */
export function effectiveAuthPass(pass: string): string {
  // At most 8 characters are at most 8 bytes when none is above U+007F: nearly every password, which needs no encoding.
  if (pass.length <= 8 && /^[\x00-\x7f]*$/.test(pass)) return pass;
  const bytes = new TextEncoder().encode(pass);
  return bytes.length <= 8 ? pass : new TextDecoder().decode(bytes.slice(0, 8));
}

/** VRRP version in effect: the instance's, else global vrrp_version, else 3 for IPv6 VIPs, else 2. */
export function effectiveVersion(inst: VrrpInstance, globals: GlobalDefs): number | undefined {
  const explicit = inst.version ?? globals.vrrpVersion;
  if (explicit) return intOf(explicit);
  return inst.vips.some((v) => v.ip?.family === 6) ? 3 : 2;
}

/** keepalived's boolean words, exactly (`FALSE`, `Off` and `0` are refused); undefined for any other text. */
export function keepalivedBool(text: string): boolean | undefined {
  if (text === 'true' || text === 'on' || text === 'yes') return true;
  if (text === 'false' || text === 'off' || text === 'no') return false;
  return undefined;
}

/** Whether a line's optional boolean turns its option on: no value, or a true word. Undefined when unknowable. */
const switchedOn = (s: Setting): boolean | undefined => (s.opaque ? undefined : s.text === undefined || keepalivedBool(s.text) === true);

/**
 * The line that puts the instance in strict mode; undefined when it is not in strict mode, or when that depends on a
 * value known only later. The instance's own `strict_mode` decides when it has one; else the global `vrrp_strict`,
 * whose argument keepalived reads only from 2.3.0 on: 2.2 and older turn strict mode on whatever follows the keyword,
 * `vrrp_strict off` included.
 */
export function strictModeLine(inst: VrrpInstance, globals: GlobalDefs, target: KeepalivedVersion): KStatement | undefined {
  const own = inst.strictMode;
  if (own) return switchedOn(own) ? own.statement : undefined;
  const global = globals.vrrpStrict;
  if (!global) return undefined;
  if (compareVersions(target, '2.3') < 0) return global.statement;
  return switchedOn(global) ? global.statement : undefined;
}

/** Whether the instance is the address owner: priority 255, written or implied by `state MASTER` without one (false when unknowable). */
export const isAddressOwner = (inst: VrrpInstance): boolean => effectivePriority(inst) === 255;

/** The state keepalived starts the instance in: `state MASTER`, else MASTER for the address owner, else BACKUP. */
export function initialState(inst: VrrpInstance): 'MASTER' | 'BACKUP' | undefined {
  if (inst.state?.opaque) return undefined;
  if (inst.state?.text !== undefined) return inst.state.text === 'MASTER' ? 'MASTER' : 'BACKUP';
  if (inst.priority?.opaque) return undefined;
  return isAddressOwner(inst) ? 'MASTER' : 'BACKUP';
}
