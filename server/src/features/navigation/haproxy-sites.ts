/**
 * Every place a HAProxy file defines or uses a name: section names (backends, userlists, resolvers, peers…), ACLs
 * and servers. Found in one pass over the syntax tree and kept per model; the analysis rebuilds a model only when
 * its file changes, so cursor moves and repeated requests on an unchanged file reuse the same list.
 */
import type { HaproxyModel, Proxy } from '../../model/haproxy.js';
import type { Section, SectionKind, Statement } from '../../syntax/haproxy/ast.js';
import type { Span } from '../../syntax/text.js';
import { spanAt } from '../span-search.js';

export type HaproxyNameKind =
  | 'backend'
  | 'frontend'
  | 'defaults'
  | 'acl'
  | 'server'
  | 'userlist'
  | 'resolvers'
  | 'peers'
  | 'ring'
  | 'cache'
  | 'http-errors'
  | 'mailers'
  | 'fcgi-app';

export interface HaproxySite extends Span {
  readonly kind: HaproxyNameKind;
  readonly name: string;
  readonly definition: boolean;
  /** The proxy section an ACL or server name belongs to; section names belong to the whole file. */
  readonly proxy?: Proxy;
  /** False when the range is a whole quoted word that holds more than the name (`"!is_api"`). */
  readonly exact: boolean;
}

/** The name space a section's own name lives in. A `listen` is referenced as a backend. */
const SECTION_NAME_KINDS: Partial<Record<SectionKind, HaproxyNameKind>> = {
  frontend: 'frontend',
  backend: 'backend',
  listen: 'backend',
  defaults: 'defaults',
  userlist: 'userlist',
  resolvers: 'resolvers',
  peers: 'peers',
  ring: 'ring',
  cache: 'cache',
  'http-errors': 'http-errors',
  mailers: 'mailers',
  'fcgi-app': 'fcgi-app',
};

/** `table NAME` names a proxy that holds a stick-table, whichever name space it is in. */
const TABLE = 'table';

/** On lines starting with a keyword: the word after `param` (searched from index `from`) names a section. */
interface ParamUse {
  readonly param: string;
  readonly kind: HaproxyNameKind | typeof TABLE;
  readonly from: number;
}
const use = (param: string, kind: ParamUse['kind'], from = 1): ParamUse => ({ param, kind, from });
const SERVER_USES = [use('resolvers', 'resolvers', 2)];
const RULE_USES = [use('table', TABLE), use('errorfiles', 'http-errors')];
// A Map, as every word-keyed table: a line starting with `constructor` must find nothing, not Object's.
const PARAM_USES: ReadonlyMap<string, readonly ParamUse[]> = new Map(Object.entries<readonly ParamUse[]>({
  server: SERVER_USES,
  'default-server': SERVER_USES,
  'server-template': SERVER_USES,
  'stick-table': [use('peers', 'peers')],
  'email-alert': [use('mailers', 'mailers')],
  filter: [use('cache', 'cache')],
  'http-request': [use('cache-use', 'cache'), ...RULE_USES],
  'http-response': [use('cache-store', 'cache'), ...RULE_USES],
  'http-after-response': RULE_USES,
  'tcp-request': RULE_USES,
  'tcp-response': RULE_USES,
  stick: RULE_USES,
  'http-error': [use('errorfiles', 'http-errors')],
  errorfiles: [use('errorfiles', 'http-errors', 0)],
  'use-fcgi-app': [use('use-fcgi-app', 'fcgi-app', 0)],
  'use-server': [use('use-server', 'server', 0)],
}));

/** Sample fetches and actions whose argument names a section: which argument, and what it names. A
 * `backend/server` argument (srv_* fetches) names both. */
type CallArg = readonly [index: number, kind: 'userlist' | 'backend' | 'backend/server' | 'resolvers'];
const CALLS: ReadonlyMap<string, CallArg> = new Map<string, CallArg>([
  ['http_auth', [0, 'userlist']],
  ['http_auth_group', [0, 'userlist']],
  ...['nbsrv', 'be_conn', 'be_conn_free', 'be_sess_rate', 'queue', 'avg_queue', 'connslots'].map((f): [string, CallArg] => [f, [0, 'backend']]),
  ...['srv_is_up', 'srv_conn', 'srv_conn_free', 'srv_queue', 'srv_sess_rate', 'srv_iweight', 'srv_uweight', 'srv_weight'].map((f): [string, CallArg] => [f, [0, 'backend/server']]),
  ['do-resolve', [1, 'resolvers']],
]);
const CALL = /([a-z_][a-z0-9_-]*)\(([^()]*)\)/g;

const cache = new WeakMap<HaproxyModel, readonly HaproxySite[]>();

/** The file's name sites in file order. */
export function haproxySites(model: HaproxyModel): readonly HaproxySite[] {
  let sites = cache.get(model);
  if (!sites) {
    sites = collect(model);
    cache.set(model, sites);
  }
  return sites;
}

/** The site under the cursor (a cursor right after a name still counts). */
export function haproxySiteAt(model: HaproxyModel, offset: number): HaproxySite | undefined {
  return spanAt(haproxySites(model), offset);
}

/** Whether two sites name the same thing. */
export function sameName(a: HaproxySite, b: HaproxySite): boolean {
  return a.kind === b.kind && a.name === b.name && a.proxy === b.proxy;
}

function collect(model: HaproxyModel): HaproxySite[] {
  const sites: HaproxySite[] = [];
  const add = (kind: HaproxyNameKind, name: string, start: number, end: number, definition: boolean, proxy?: Proxy, exact = true) => {
    // Names filled in by a template are not known here.
    if (name && !name.includes('{{')) sites.push({ kind, name, start, end, definition, proxy, exact });
  };
  /** A name written as word `i` of a line: the name's own range when it is written plainly (`!name` counts),
   * else the whole word, which a new name can replace only if the word holds nothing else (`"be_api"`). */
  const addWord = (st: Statement, i: number, kind: HaproxyNameKind, name: string, definition: boolean, proxy?: Proxy) => {
    const w = st.word(i);
    if (!w) return;
    if (w.text.endsWith(name)) add(kind, name, w.end - name.length, w.end, definition, proxy);
    else add(kind, name, w.start, w.end, definition, proxy, w.value === name);
  };
  const tableKind = (name: string): HaproxyNameKind => (!model.backends.has(name) && model.frontends.has(name) ? 'frontend' : 'backend');
  /** `backend/server` (or `server` alone, meaning the proxy at hand). */
  const addServerPath = (text: string, start: number, current: Proxy | undefined) => {
    const slash = text.indexOf('/');
    const backend = slash === -1 ? undefined : text.slice(0, slash);
    if (backend !== undefined) add('backend', backend, start, start + backend.length, false);
    const owner = backend !== undefined ? model.backends.get(backend) : current;
    if (owner) add('server', text.slice(slash + 1), start + slash + 1, start + text.length, false, owner);
  };

  const scanCalls = (st: Statement, proxy: Proxy | undefined) => {
    for (let i = 1; i < st.count; i++) {
      const text = st.written(i)!;
      if (!text.includes('(')) continue;
      const base = st.word(i)!.start;
      for (const m of text.matchAll(CALL)) {
        const call = CALLS.get(m[1]!);
        if (!call) continue;
        const args = m[2]!.split(',');
        const arg = args[call[0]];
        if (!arg) continue;
        let at = base + m.index! + m[1]!.length + 1;
        for (let a = 0; a < call[0]; a++) at += args[a]!.length + 1;
        // Blanks around an argument are allowed; the name is what is left.
        const lead = arg.length - arg.trimStart().length;
        const name = arg.trim();
        if (call[1] === 'backend/server') addServerPath(name, at + lead, proxy);
        else add(call[1], name, at + lead, at + lead + name.length, false);
      }
    }
  };

  const scanLine = (st: Statement, proxy: Proxy | undefined) => {
    const kw = st.keyword;
    const uses = PARAM_USES.get(kw);
    if (uses) {
      for (const u of uses) {
        const at = st.indexOf(u.param, u.from);
        const name = at === -1 ? undefined : st.value(at + 1);
        if (name === undefined || name.includes('%[') || name.includes('$')) continue;
        if (u.kind === TABLE) addWord(st, at + 1, tableKind(name), name, false);
        else addWord(st, at + 1, u.kind, name, false, u.kind === 'server' ? proxy : undefined);
      }
    }
    if (kw === 'server' && proxy) {
      const name = st.value(1);
      if (name !== undefined) addWord(st, 1, 'server', name, true, proxy);
      const track = st.indexOf('track', 2);
      const target = track === -1 ? undefined : st.word(track + 1);
      if (target && target.text === target.value) addServerPath(target.text, target.start, proxy);
    } else if (kw === 'acl' && proxy) {
      const name = st.value(1);
      if (name !== undefined) addWord(st, 1, 'acl', name, true, proxy);
    } else if (kw === 'log') {
      const target = st.word(1);
      if (target?.text.startsWith('ring@')) add('ring', target.text.slice(5), target.start + 5, target.end, false);
    }
    scanCalls(st, proxy);
  };

  const scanHeader = (section: Section) => {
    const kind = SECTION_NAME_KINDS[section.kind];
    if (kind && section.name) addWord(section.header, 1, kind, section.name.value, true);
    const from = section.header.indexOf('from', 1);
    const parent = from === -1 ? undefined : section.header.value(from + 1);
    if (parent !== undefined) addWord(section.header, from + 1, 'defaults', parent, false);
  };

  let p = 0;
  for (const section of model.syntax.sections) {
    const proxy = model.proxies[p]?.section === section ? model.proxies[p++] : undefined;
    scanHeader(section);
    // The model lists a proxy's ACL and backend references in line order: they are merged line by line.
    const aclRefs = proxy?.aclRefs ?? [];
    const backendRefs = proxy?.backendRefs ?? [];
    let a = 0;
    let b = 0;
    for (const st of section.statements) {
      const first = sites.length;
      scanLine(st, proxy);
      for (; a < aclRefs.length && aclRefs[a]!.statement === st; a++) addWord(st, aclRefs[a]!.index, 'acl', aclRefs[a]!.name, false, proxy);
      for (; b < backendRefs.length && backendRefs[b]!.statement === st; b++) {
        if (!backendRefs[b]!.dynamic) addWord(st, backendRefs[b]!.index, 'backend', backendRefs[b]!.name, false);
      }
      if (sites.length - first > 1) sortFrom(sites, first);
    }
  }
  return sites;
}

/** Puts the few sites of one line (added by kind, not by position) in file order. */
function sortFrom(sites: HaproxySite[], first: number): void {
  for (let i = first + 1; i < sites.length; i++) {
    const site = sites[i]!;
    let j = i;
    for (; j > first && sites[j - 1]!.start > site.start; j--) sites[j] = sites[j - 1]!;
    sites[j] = site;
  }
}
