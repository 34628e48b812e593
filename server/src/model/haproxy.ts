/**
 * The HAProxy model: proxies with the defaults section they inherit from, their binds (parsed addresses),
 * servers, ACL definitions and the rules that reference ACLs and backends. Built from the syntax in one
 * pass; every element keeps the words it came from for exact ranges.
 */
import type { HaproxySyntax, Section, Statement, Word } from '../syntax/haproxy/ast.js';
import { PROXY_KINDS } from '../syntax/haproxy/ast.js';
import { WORD_QUOTED, WORD_TEMPLATED } from '../syntax/haproxy/words.js';
import type { Span } from '../syntax/text.js';
import { parseIp, type IpAddress } from './address.js';
import { drain, type Steps } from '../syntax/steps.js';
import { NameIndex, ProxyTable, proxiesNamed } from './proxy-names.js';

export type { NameIndex, ProxyTable } from './proxy-names.js';

/**
 * One address of a `bind` line (a bind word may list several, comma-separated). Its range is read through the line,
 * so it follows the line when an edit above moves it.
 */
export class BindAddress implements Span {
  constructor(
    /** The bind line. */
    readonly statement: Statement,
    /** Where the address starts in the word's text, or undefined when the word has quotes or escapes: then the
     * address does not map onto the written text and its range is the whole word. */
    private readonly at: number | undefined,
    readonly text: string,
    /** 'ip': a literal address; 'any': `*`, empty, 0.0.0.0 or ::; 'opaque': hostname, variable or template; 'socket': unix/abns/fd/sockpair. */
    readonly kind: 'ip' | 'any' | 'opaque' | 'socket',
    readonly ip?: IpAddress,
    readonly port?: string,
  ) {}

  get word(): Word {
    return this.statement.word(1)!;
  }

  get start(): number {
    return this.statement.wordStart(1) + (this.at ?? 0);
  }

  get end(): number {
    return this.at === undefined ? this.statement.wordEnd(1) : this.start + this.text.length;
  }
}

/** A name used on a line: the value of word `index` of `statement`. */
export interface NameRef {
  readonly statement: Statement;
  readonly index: number;
  readonly name: string;
}

/** The word of a reference, for ranges (made on demand: most references never need one). */
export const refWord = (ref: NameRef): Word => ref.statement.word(ref.index)!;

export interface BackendRef extends NameRef {
  /** Names built at runtime (`%[…]`, variables, templates) cannot be checked. */
  readonly dynamic: boolean;
}

export type AclRef = NameRef;

export interface Proxy {
  readonly section: Section;
  readonly kind: 'defaults' | 'frontend' | 'backend' | 'listen';
  readonly name: string;
  /** The defaults section named after `from` on the header (`frontend fe from web`), if any. */
  readonly from: string | undefined;
  /** The defaults section this proxy inherits from (the last one before it, or the one named by `from`). */
  readonly defaults?: Proxy;
  /** `http`, `tcp` or `log`, its own or inherited (HAProxy's default is tcp); rules that compare sections read the modes of the proxies they look up by name. */
  readonly mode: string;
  readonly binds: readonly BindAddress[];
  readonly servers: readonly Statement[];
  /** The `server-template` lines, which define servers by a name prefix and a count. */
  readonly templates: readonly Statement[];
  /** The lines that tune the proxy, whose values HAProxy checks: mode, balance, timeouts, inspect delays, default-server;
   * `effectiveSetting` looks settings up here. */
  readonly tunables: readonly Statement[];
  /** The `acl` lines of each name, in file order. */
  readonly acls: ReadonlyMap<string, readonly Statement[]>;
  readonly aclRefs: readonly AclRef[];
  readonly backendRefs: readonly BackendRef[];
}

export interface HaproxyModel {
  readonly syntax: HaproxySyntax;
  readonly proxies: Proxy[];
  /** Where the defaults sections are in `proxies`, in file order: rules about inheritance start from them. */
  readonly defaultsPlaces: readonly number[];
  /** Frontend/listen proxies by name, and backend/listen proxies by name (HAProxy keeps separate name spaces). */
  readonly frontends: ProxyTable;
  readonly backends: ProxyTable;
  /** Every frontend, backend and listen named `name`, in file order. */
  named(name: string): Iterable<Proxy>;
  /**
   * The index the three above read: the same object in the next version of the file while no proxy was added or
   * removed and none changed its kind, name or mode (proxy-names.ts).
   */
  readonly names: NameIndex;
}

function modelOf(syntax: HaproxySyntax, proxies: Proxy[], defaultsPlaces: readonly number[], names: NameIndex): HaproxyModel {
  return {
    syntax,
    proxies,
    defaultsPlaces,
    frontends: new ProxyTable(proxies, names, 'frontend'),
    backends: new ProxyTable(proxies, names, 'backend'),
    named: (name) => proxiesNamed(proxies, names, name),
    names,
  };
}

const SOCKET_PREFIXES: ReadonlySet<string> = new Set(['unix', 'abns', 'abnsz', 'fd', 'sockpair', 'uxst', 'uxdg']);
const ADDRESS_PREFIXES: ReadonlySet<string> = new Set([
  'ipv4', 'ipv6', 'udp', 'udp4', 'udp6', 'tcp', 'tcp4', 'tcp6', 'quic4', 'quic6', 'mptcp', 'mptcp4', 'mptcp6', 'rhttp',
]);

/**
 * The scheme, host and port of an address as HAProxy writes them: `[proto@]host[:port]`, `[v6]:port`, `:port`,
 * `*:port`; the port is undefined when there is no colon. A socket (`unix@…`, `fd@…`, a path) has no host or port.
 */
export function splitAddress(text: string): { socket: true } | { socket: false; host: string; port: string | undefined } {
  const at = text.indexOf('@');
  const scheme = at === -1 ? undefined : text.slice(0, at);
  if (text.startsWith('/') || (scheme !== undefined && SOCKET_PREFIXES.has(scheme))) return { socket: true };
  const addr = scheme !== undefined && ADDRESS_PREFIXES.has(scheme) ? text.slice(at + 1) : text;
  const bracket = addr.startsWith('[') ? /^\[([^\]]*)\](?::(.*))?$/.exec(addr) : null;
  if (bracket) return { socket: false, host: bracket[1]!, port: bracket[2] };
  const colon = addr.lastIndexOf(':');
  return colon === -1 ? { socket: false, host: addr, port: undefined } : { socket: false, host: addr.slice(0, colon), port: addr.slice(colon + 1) };
}

/** The kind, address and port of one bind address. */
function classifyBindAddress(text: string, templated: boolean): { kind: BindAddress['kind']; ip?: IpAddress; port?: string } {
  if (text.includes('$') || text.includes('{{') || templated) return { kind: 'opaque' };
  const parts = splitAddress(text);
  if (parts.socket) return { kind: 'socket' };
  const { host, port } = parts;
  if (host === '' || host === '*') return { kind: 'any', port };
  const ip = parseIp(host);
  if (!ip) return { kind: 'opaque', port };
  if (ip.key === '0.0.0.0' || /^[0:]+$/.test(ip.key)) return { kind: 'any', ip, port };
  return { kind: 'ip', ip, port };
}

function bindAddresses(st: Statement, out: BindAddress[]): void {
  const value = st.value(1);
  if (value === undefined) return;
  // Offsets map onto the written text only when it has no quotes or escapes; otherwise the whole word is the range.
  const exact = (st.flags(1) & WORD_QUOTED) === 0;
  const templated = (st.flags(1) & WORD_TEMPLATED) !== 0;
  let at = 0;
  for (const part of value.split(',')) {
    const { kind, ip, port } = classifyBindAddress(part, templated);
    out.push(new BindAddress(st, exact ? at : undefined, part, kind, ip, port));
    at += part.length + 1;
  }
}

/**
 * Index of the `if`/`unless` that starts the line's condition, or -1: the last such word outside `{ … }`. An
 * action's own arguments come before the condition and may be these very words (`http-request set-header X-Mode
 * "if" if is_x`), which HAProxy takes as arguments. The one line this misreads uses an ACL named `if` or `unless`;
 * there no ACL is reported, rather than a wrong one.
 */
export function conditionWord(st: Statement): number {
  let at = -1;
  let depth = 0;
  for (let i = 1; i < st.count; i++) {
    const v = st.value(i)!;
    if (v === '{' || v === '!{') depth++;
    else if (v === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (v === 'if' || v === 'unless')) at = i;
  }
  return at;
}

/** Words of the condition name ACLs, except operators and anonymous `{ … }` ACLs: adds them to `into`, made at the
 * first one, and returns it. Runs on every line that may have a condition, so it allocates nothing for lines without one. */
function collectConditionRefs(st: Statement, into: AclRef[] | undefined): AclRef[] | undefined {
  const at = conditionWord(st);
  if (at < 0) return into;
  let depth = 0;
  for (let i = at + 1; i < st.count; i++) {
    const v = st.value(i)!;
    if (v === '{' || v === '!{') depth++;
    else if (v === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && v !== '||' && v !== 'or' && v !== '!') {
      const name = v.startsWith('!') ? v.slice(1) : v;
      if (name) (into ??= []).push({ statement: st, index: i, name });
    }
  }
  return into;
}

const isDynamicName = (st: Statement, i: number) => {
  const v = st.value(i)!;
  return v.includes('%[') || v.includes('$') || (st.flags(i) & WORD_TEMPLATED) !== 0;
};

/** Map entries are costly per proxy, and most proxies have no ACLs: the empty map is shared. */
const NO_ACLS: ReadonlyMap<string, readonly Statement[]> = new Map();

/**
 * The keywords whose lines may end in an `if`/`unless` condition, as HAProxy's manual gives them: the rule sets,
 * `use_backend`/`use-server`, `redirect`, the persistence and `stick` rules, `monitor fail`, `stats admin` and
 * `stats http-request`, and a FastCGI application's `pass-header`/`set-param`. On any other line the word is a value
 * HAProxy takes as it is (`description used if the primary fails`, `server if 192.0.2.10:80`), and the words after
 * it are no ACL names. Most lines of a large file are servers and ACLs, so the search is skipped there too.
 */
const CONDITIONAL: ReadonlySet<string> = new Set([
  'http-request',
  'http-response',
  'http-after-response',
  'tcp-request',
  'tcp-response',
  'use_backend',
  'use-server',
  'redirect',
  'force-persist',
  'ignore-persist',
  'stick',
  'monitor',
  'stats',
  'pass-header',
  'set-param',
]);

/** Whether a line with this keyword may end in an `if`/`unless` condition. */
export const takesCondition = (keyword: string): boolean => CONDITIONAL.has(keyword);

/** Most proxies have binds or servers, not both, and few have ACLs: absent lists are this shared empty one. */
const NONE: never[] = [];

function proxyBody(section: Section): ProxyBody {
  let binds: BindAddress[] | undefined;
  let servers: Statement[] | undefined;
  let templates: Statement[] | undefined;
  let tunables: Statement[] | undefined;
  let aclRefs: AclRef[] | undefined;
  let backendRefs: BackendRef[] | undefined;
  let acls: Map<string, Statement[]> | undefined;
  // Indexed rather than for…of: until the engine optimises a loop, for…of allocates a result per line, and a first
  // check of a large file runs mostly before that.
  const statements = section.statements;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i]!;
    const kw = st.keyword;
    switch (kw) {
      case 'bind':
        bindAddresses(st, (binds ??= []));
        break;
      case 'server':
        (servers ??= []).push(st);
        break;
      case 'server-template':
        (templates ??= []).push(st);
        break;
      case 'mode':
      case 'balance':
      case 'timeout':
      case 'default-server':
        (tunables ??= []).push(st);
        break;
      case 'tcp-request':
      case 'tcp-response':
        if (st.value(1) === 'inspect-delay') (tunables ??= []).push(st);
        break;
      case 'acl': {
        const name = st.value(1);
        if (name) {
          acls ??= new Map();
          const list = acls.get(name);
          if (list) list.push(st);
          else acls.set(name, [st]);
        }
        break;
      }
      case 'use_backend':
      case 'default_backend': {
        const target = st.value(1);
        if (target !== undefined) (backendRefs ??= []).push({ statement: st, index: 1, name: target, dynamic: isDynamicName(st, 1) });
        break;
      }
    }
    if (takesCondition(kw)) aclRefs = collectConditionRefs(st, aclRefs);
  }
  return { binds: binds ?? NONE, servers: servers ?? NONE, templates: templates ?? NONE, tunables: tunables ?? NONE, acls: acls ?? NO_ACLS, aclRefs: aclRefs ?? NONE, backendRefs: backendRefs ?? NONE };
}

/** What a proxy has in its own lines. */
type ProxyBody = Pick<Proxy, 'binds' | 'servers' | 'templates' | 'tunables' | 'acls' | 'aclRefs' | 'backendRefs'>;

/** The name after `from` on a proxy header, if any. */
function fromOf(header: Statement): string | undefined {
  const at = header.indexOf('from', 1);
  return at > 0 ? header.value(at + 1) : undefined;
}

/**
 * The section's proxy. `known` is the one the previous version of the file had for the same section object (an
 * edit elsewhere leaves a section alone, syntax/haproxy/chunks.ts): it is reused whole while it inherits from the
 * same defaults proxy, and its lines' findings are reused with it (analysis/sections.ts).
 */
function proxyOf(section: Section, from: string | undefined, defaults: Proxy | undefined, known: Proxy | undefined): Proxy {
  if (known && known.defaults === defaults) return known;
  const kind = section.kind as Proxy['kind'];
  const { binds, servers, templates, tunables, acls, aclRefs, backendRefs } = known ?? proxyBody(section);
  const name = section.hasName ? section.header.value(1)! : '';
  const proxy = { section, kind, name, from, defaults, mode: '', binds, servers, templates, tunables, acls, aclRefs, backendRefs };
  proxy.mode = effectiveSetting(proxy, 'mode')?.value(1) ?? 'tcp';
  return proxy;
}

/**
 * Whether the name index still holds for a proxy that replaced another at the same place. Proxies in `.if` blocks
 * never pass: whether two of them clash depends on their blocks, which the index does not record.
 */
const sameForIndex = (before: Proxy, after: Proxy): boolean =>
  before.kind === after.kind && before.name === after.name && before.mode === after.mode && before.section.header.branch === undefined && after.section.header.branch === undefined;

export function buildHaproxyModel(syntax: HaproxySyntax): HaproxyModel {
  return drain(buildHaproxyModelSteps(syntax));
}

/** Proxies built between two pauses (steps.ts). */
const PROXIES_PER_STEP = 512;

/**
 * The model, pausing every few hundred proxies. `previous`, the model of the file's previous version, lends the
 * proxies of unchanged sections, and its name index while every proxy keeps its place, kind, name and mode. An edit
 * touches a run of sections (syntax/haproxy/chunks.ts): the proxies before it are the previous ones, copied as a
 * block, and so are those after it unless a defaults section came or went (which changes what they inherit). In a
 * file of 16,000 proxies, building each of them again cost more than the rest of the model.
 */
export function* buildHaproxyModelSteps(syntax: HaproxySyntax, previous?: HaproxyModel): Steps<HaproxyModel> {
  const all = syntax.sections;
  const before = previous?.proxies ?? [];
  // The previous proxies whose sections are the same at the start, then at the end (other sections stepped over):
  // a comparison per section, and no list of the file's proxy sections to make.
  let prefix = 0;
  let start = 0;
  for (; start < all.length; start++) {
    if (prefix < before.length && before[prefix]!.section === all[start]) prefix++;
    else if (PROXY_KINDS.has(all[start]!.kind)) break;
  }
  let suffix = 0;
  let end = all.length;
  for (; end > start; end--) {
    if (suffix < before.length - prefix && before[before.length - 1 - suffix]!.section === all[end - 1]) suffix++;
    else if (PROXY_KINDS.has(all[end - 1]!.kind)) break;
  }
  const run: Section[] = [];
  for (let j = start; j < end; j++) if (PROXY_KINDS.has(all[j]!.kind)) run.push(all[j]!);
  const oldRunEnd = before.length - suffix;
  const shift = prefix + run.length - oldRunEnd;
  const proxies = before.slice(0, prefix);
  const defaultsPlaces = (previous?.defaultsPlaces ?? []).filter((place) => place < prefix);
  // What the next proxy inherits: the last defaults section so far, and the named ones.
  let lastDefaults = defaultsPlaces.length > 0 ? proxies[defaultsPlaces[defaultsPlaces.length - 1]!] : undefined;
  const namedDefaults = new Map<string, Proxy>();
  for (const place of defaultsPlaces) if (proxies[place]!.name) namedDefaults.set(proxies[place]!.name, proxies[place]!);
  let sameNames = previous !== undefined && shift === 0;
  // Without a defaults section in the old run or the new one, the proxies after it inherit as before: kept as a block.
  let keepsEnd = !(previous?.defaultsPlaces ?? []).some((place) => place >= prefix && place < oldRunEnd);
  for (let k = 0; k < run.length + suffix; k++) {
    if (k === run.length && keepsEnd) {
      for (const place of previous!.defaultsPlaces) if (place >= oldRunEnd) defaultsPlaces.push(place + shift);
      // One block copy, not a push per proxy.
      const joined = proxies.concat(before.slice(oldRunEnd));
      return modelOf(syntax, joined, defaultsPlaces, sameNames ? previous!.names : new NameIndex(joined));
    }
    const i = prefix + k;
    const kept = k < run.length ? undefined : before[i - shift]!;
    const section = kept ? kept.section : run[k]!;
    const from = kept ? kept.from : fromOf(section.header);
    // A defaults section starts afresh unless it names one to inherit from ("any new defaults section will reset all
    // previously set default parameters"); other proxies take the last defaults section before them.
    const inherited = from !== undefined ? namedDefaults.get(from) : section.kind === 'defaults' ? undefined : lastDefaults;
    const proxy = proxyOf(section, from, inherited, kept);
    proxies.push(proxy);
    if (sameNames && proxy !== before[i]) sameNames = sameForIndex(before[i]!, proxy);
    if ((k + 1) % PROXIES_PER_STEP === 0) yield;
    if (proxy.kind === 'defaults') {
      if (k < run.length) keepsEnd = false;
      defaultsPlaces.push(i);
      lastDefaults = proxy;
      if (proxy.name) namedDefaults.set(proxy.name, proxy);
    }
  }
  return modelOf(syntax, proxies, defaultsPlaces, sameNames ? previous!.names : new NameIndex(proxies));
}

/** The settings a proxy inherits from its defaults that the rules and features ask about: `mode`, `balance` and
 * `timeout <name>`. All are among the proxy's tunables, so a lookup reads those few lines rather than the section. */
export type InheritedSetting = 'mode' | 'balance' | 'timeout';

/** The last of the proxy's own lines that sets `keyword` (with `name`, for `timeout <name>`). */
function ownSetting(proxy: Proxy, keyword: InheritedSetting, name: string | undefined): Statement | undefined {
  const lines = proxy.tunables;
  for (let i = lines.length - 1; i >= 0; i--) {
    const st = lines[i]!;
    if (st.keyword === keyword && (name === undefined || st.value(1) === name)) return st;
  }
  return undefined;
}

/** A setting as the proxy sees it: its own, else inherited from its defaults chain. */
export function effectiveSetting(proxy: Proxy, keyword: 'mode' | 'balance'): Statement | undefined;
export function effectiveSetting(proxy: Proxy, keyword: 'timeout', name: string): Statement | undefined;
export function effectiveSetting(proxy: Proxy, keyword: InheritedSetting, name?: string): Statement | undefined {
  for (let p: Proxy | undefined = proxy; p; p = p.defaults) {
    const st = ownSetting(p, keyword, name);
    if (st) return st;
  }
  return undefined;
}

