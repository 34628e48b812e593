/**
 * The HAProxy model: proxies with the defaults section they inherit from, their binds (parsed addresses),
 * servers, ACL definitions and the rules that reference ACLs and backends. Built from the syntax in one
 * pass; every element keeps the words it came from for exact ranges.
 */
import type { HaproxySyntax, Section, Statement, Word } from '../syntax/haproxy/ast.js';
import { PROXY_KINDS } from '../syntax/haproxy/ast.js';
import { WORD_TEMPLATED } from '../syntax/haproxy/lexer.js';
import { parseIp, type IpAddress } from './address.js';

export interface BindAddress {
  readonly word: Word;
  /** Offsets of this address inside the word (a bind word may list several, comma-separated). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** 'ip': a literal address; 'any': `*`, empty, 0.0.0.0 or ::; 'opaque': hostname, variable or template; 'socket': unix/abns/fd/sockpair. */
  readonly kind: 'ip' | 'any' | 'opaque' | 'socket';
  readonly ip?: IpAddress;
  readonly port?: string;
}

export interface BackendRef {
  readonly statement: Statement;
  readonly name: Word;
  /** Names built at runtime (`%[…]`, variables, templates) cannot be checked. */
  readonly dynamic: boolean;
}

export interface AclRef {
  readonly statement: Statement;
  readonly word: Word;
  readonly name: string;
}

export interface Proxy {
  readonly section: Section;
  readonly kind: 'defaults' | 'frontend' | 'backend' | 'listen';
  readonly name: string;
  /** The defaults section this proxy inherits from (the last one before it, or the one named by `from`). */
  readonly defaults?: Proxy;
  readonly binds: BindAddress[];
  readonly servers: Statement[];
  readonly acls: Map<string, Statement[]>;
  readonly aclRefs: AclRef[];
  readonly backendRefs: BackendRef[];
  /** Last statement per single-valued setting ("mode", "timeout client", …). */
  readonly settings: Map<string, Statement>;
}

export interface HaproxyModel {
  readonly syntax: HaproxySyntax;
  readonly proxies: Proxy[];
  /** Frontend/listen proxies by name, and backend/listen proxies by name (HAProxy keeps separate name spaces). */
  readonly frontends: Map<string, Proxy>;
  readonly backends: Map<string, Proxy>;
}

const SOCKET_PREFIXES = ['unix@', 'abns@', 'abnsz@', 'fd@', 'sockpair@', 'uxst@', 'uxdg@'];
const ADDRESS_PREFIX = /^(?:ipv4|ipv6|udp|udp4|udp6|tcp|tcp4|tcp6|quic4|quic6|mptcp|mptcp4|mptcp6|rhttp)@/;

/** Parses one bind address: `[proto@]host[:port]`, `[v6]:port`, `:port`, `*:port`, socket paths. */
export function parseBindAddress(word: Word, start: number, text: string): BindAddress {
  const base = { word, start, end: start + text.length, text };
  if (text.includes('$') || text.includes('{{') || word.flags & WORD_TEMPLATED) return { ...base, kind: 'opaque' };
  if (text.startsWith('/') || SOCKET_PREFIXES.some((p) => text.startsWith(p))) return { ...base, kind: 'socket' };
  const addr = text.replace(ADDRESS_PREFIX, '');
  let host: string;
  let port: string | undefined;
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(addr);
  if (bracket) {
    host = bracket[1]!;
    port = bracket[2];
  } else {
    const colon = addr.lastIndexOf(':');
    host = colon === -1 ? addr : addr.slice(0, colon);
    port = colon === -1 ? undefined : addr.slice(colon + 1);
  }
  if (host === '' || host === '*') return { ...base, kind: 'any', port };
  const ip = parseIp(host);
  if (!ip) return { ...base, kind: 'opaque', port };
  if (ip.key === '0.0.0.0' || /^[0:]+$/.test(ip.key)) return { ...base, kind: 'any', ip, port };
  return { ...base, kind: 'ip', ip, port };
}

function bindAddresses(st: Statement): BindAddress[] {
  const word = st.words[1];
  if (!word) return [];
  const out: BindAddress[] = [];
  // Offsets map onto the written text only when it has no quotes or escapes; otherwise the whole word is the range.
  const exact = word.text === word.value;
  let at = 0;
  for (const part of word.value.split(',')) {
    const start = exact ? word.start + at : word.start;
    const parsed = parseBindAddress(word, start, part);
    out.push(exact ? parsed : { ...parsed, end: word.end });
    at += part.length + 1;
  }
  return out;
}

/** The setting key of a statement: keyword plus sub-keyword for families like `timeout client`. */
export function settingKey(st: Statement): string {
  const [first, second] = st.words;
  const kw = first!.value;
  if ((kw === 'timeout' || kw === 'option' || kw === 'no') && second) {
    return kw === 'no' && second.value === 'option' && st.words[2] ? `option ${st.words[2].value}` : `${kw} ${second.value}`;
  }
  return kw;
}

/** Words after `if`/`unless` name ACLs, except operators and anonymous `{ … }` ACLs. Runs on every line of
 * every proxy, so it allocates nothing for lines without a condition. */
function collectConditionRefs(st: Statement, into: AclRef[]): void {
  const words = st.words;
  let i = 1;
  while (i < words.length && words[i]!.value !== 'if' && words[i]!.value !== 'unless') i++;
  let depth = 0;
  for (i++; i < words.length; i++) {
    const w = words[i]!;
    const v = w.value;
    if (v === '{' || v === '!{') depth++;
    else if (v === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && v !== '||' && v !== 'or' && v !== '!') {
      const name = v.startsWith('!') ? v.slice(1) : v;
      if (name) into.push({ statement: st, word: w, name });
    }
  }
}

const isDynamicName = (w: Word) => w.value.includes('%[') || w.value.includes('$') || (w.flags & WORD_TEMPLATED) !== 0;

function buildProxy(section: Section, defaults: Proxy | undefined): Proxy {
  const kind = section.kind as Proxy['kind'];
  const proxy: Proxy = {
    section,
    kind,
    name: section.name?.value ?? '',
    defaults,
    binds: [],
    servers: [],
    acls: new Map(),
    aclRefs: [],
    backendRefs: [],
    settings: new Map(),
  };
  for (const st of section.statements) {
    const kw = st.words[0]!.value;
    switch (kw) {
      case 'bind':
        proxy.binds.push(...bindAddresses(st));
        break;
      case 'server':
        proxy.servers.push(st);
        break;
      case 'acl': {
        const name = st.words[1]?.value;
        if (name) {
          const list = proxy.acls.get(name);
          if (list) list.push(st);
          else proxy.acls.set(name, [st]);
        }
        break;
      }
      case 'use_backend':
      case 'default_backend': {
        const target = st.words[1];
        if (target) proxy.backendRefs.push({ statement: st, name: target, dynamic: isDynamicName(target) });
        break;
      }
    }
    if (kw !== 'acl') collectConditionRefs(st, proxy.aclRefs);
    proxy.settings.set(settingKey(st), st);
  }
  return proxy;
}

export function buildHaproxyModel(syntax: HaproxySyntax): HaproxyModel {
  const proxies: Proxy[] = [];
  const frontends = new Map<string, Proxy>();
  const backends = new Map<string, Proxy>();
  const namedDefaults = new Map<string, Proxy>();
  let lastDefaults: Proxy | undefined;
  for (const section of syntax.sections) {
    if (!PROXY_KINDS.has(section.kind)) continue;
    const fromAt = section.header.words.findIndex((w) => w.value === 'from');
    const fromName = fromAt > 0 ? section.header.words[fromAt + 1]?.value : undefined;
    const parent = fromName !== undefined ? namedDefaults.get(fromName) : lastDefaults;
    const proxy = buildProxy(section, parent);
    proxies.push(proxy);
    if (proxy.kind === 'defaults') {
      lastDefaults = proxy;
      const name = section.header.words[1]?.value;
      if (name && name !== 'from') namedDefaults.set(name, proxy);
      continue;
    }
    if (proxy.kind !== 'backend' && !frontends.has(proxy.name)) frontends.set(proxy.name, proxy);
    if (proxy.kind !== 'frontend' && !backends.has(proxy.name)) backends.set(proxy.name, proxy);
  }
  return { syntax, proxies, frontends, backends };
}

/** A setting as the proxy sees it: its own, else inherited from its defaults chain. */
export function effectiveSetting(proxy: Proxy, key: string): Statement | undefined {
  for (let p: Proxy | undefined = proxy; p; p = p.defaults) {
    const st = p.settings.get(key);
    if (st) return st;
  }
  return undefined;
}

/** The proxy's mode (`http`, `tcp`, `log`); HAProxy's default is tcp. */
export function effectiveMode(proxy: Proxy): string {
  return effectiveSetting(proxy, 'mode')?.words[1]?.value ?? 'tcp';
}
