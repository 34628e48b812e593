/**
 * HAProxy's keyword inventory as lists, for completion and hover: what can be written at a place (the first
 * words of a section, option and timeout names, a keyword's sub-words and values, bind and server parameters,
 * rule actions, sample fetches and converters), and in which versions each entry exists. lookup.ts answers
 * "is this word valid here"; this module answers "what is valid here", from the same keywords.json.
 */
import raw from './keywords.json' with { type: 'json' };
import { HAPROXY_VERSIONS, type HaproxyVersion } from '../versions.js';
import { namedDefaultsRules, versionVerdict, type Entry, type EntryMap, type Verdict } from './lookup.js';

interface KeywordEntry extends Entry {
  readonly in?: readonly string[];
  readonly values?: readonly string[];
  readonly subFrom?: string;
  readonly negatable?: boolean;
  readonly namedDefaultsOnly?: boolean;
  readonly httpOnly?: boolean;
}

/** The fields every inventory entry has: in which versions it exists. */
export type Versioned = Pick<Entry, 'since' | 'sinceUpperBound' | 'removedIn' | 'removed' | 'deprecated' | 'build'>;

/** A sample fetch or converter: its argument signature and types as HAProxy's keyword dump names them. */
export interface FetchEntry extends Versioned {
  readonly args?: string | number | 'variable';
  readonly out?: string;
  readonly in?: string;
}

interface CatalogData {
  readonly sectionHeaders: EntryMap;
  readonly sections: Readonly<Record<string, { readonly keywords: Readonly<Record<string, KeywordEntry>> }>>;
  readonly proxy: Readonly<Record<string, KeywordEntry>>;
  readonly options: Readonly<Record<string, KeywordEntry>>;
  readonly timeouts: Readonly<Record<string, KeywordEntry>>;
  readonly bindParams: EntryMap;
  readonly serverParams: EntryMap;
  readonly actions: Readonly<Record<string, EntryMap>>;
  readonly fetches: Readonly<Record<string, FetchEntry>>;
  readonly converters: Readonly<Record<string, FetchEntry>>;
  readonly aclKeywords: Readonly<Record<string, { readonly fetch: string; readonly match: string }>>;
  readonly predefinedAcls: readonly string[];
}

const DATA = raw as unknown as CatalogData;
const PROXIES: ReadonlySet<string> = new Set(['defaults', 'frontend', 'backend', 'listen']);
const own = (map: object, key: string) => Object.prototype.hasOwnProperty.call(map, key);

export interface CatalogItem {
  readonly name: string;
  readonly entry: KeywordEntry;
}

/** How an entry stands for a target version. 'maybe': it depends on the build or on data not proven complete. */
export type Availability = 'yes' | 'deprecated' | 'maybe' | 'too-new' | 'removed';

export function availability(entry: Versioned, target: HaproxyVersion): Availability {
  const v: Verdict | undefined = versionVerdict(entry, target);
  if (!v) return entry.deprecated ? 'deprecated' : 'yes';
  return v.kind === 'unverifiable' ? 'maybe' : v.kind === 'removed' ? 'removed' : 'too-new';
}

/** Entries worth offering for a target: those it has, or may have (a build option, an unproven newer list). */
export const offerable = (entry: Versioned, target: HaproxyVersion): boolean => {
  const a = availability(entry, target);
  return a === 'yes' || a === 'deprecated' || a === 'maybe';
};

/** The versions hapair knows that accept the entry (for "since 2.8"-style notes). */
export function versionsWith(entry: Versioned): HaproxyVersion[] {
  return HAPROXY_VERSIONS.filter((v) => offerable(entry, v));
}

const items = (map: Readonly<Record<string, KeywordEntry>>): CatalogItem[] => Object.keys(map).map((name) => ({ name, entry: map[name]! }));

/** Keywords that open a section. */
export function sectionHeaders(): CatalogItem[] {
  return items(DATA.sectionHeaders);
}

export function sectionHeader(kind: string): KeywordEntry | undefined {
  return own(DATA.sectionHeaders, kind) ? DATA.sectionHeaders[kind] : undefined;
}

/**
 * The first words of a line in a section; `named` false for an anonymous defaults section. Rules and ACLs
 * (namedDefaultsOnly) are listed for a defaults section only when it has a name and the target allows them.
 */
export function sectionKeywords(kind: string, named = true, target?: HaproxyVersion): CatalogItem[] {
  const rules = named && (target === undefined || namedDefaultsRules(target));
  const map = DATA.sections[kind]?.keywords ?? {};
  return items(map).filter((i) => rules || kind !== 'defaults' || !i.entry.namedDefaultsOnly);
}

/** The entry of a section's first word, if the section knows it. */
export function sectionKeyword(kind: string, keyword: string): KeywordEntry | undefined {
  const map = DATA.sections[kind]?.keywords;
  return map && own(map, keyword) ? map[keyword] : undefined;
}

/**
 * The words that may follow a keyword: option and timeout names for this section, rule-set names of
 * tcp-request, actions of http-request, sub-keywords of stats, http-check… Undefined when free-form.
 */
export function subKeywords(kind: string, keyword: string): CatalogItem[] | undefined {
  const entry = sectionKeyword(kind, keyword);
  if (!entry) return undefined;
  if (PROXIES.has(kind)) {
    if (keyword === 'option') return items(DATA.options).filter((i) => !i.entry.in || i.entry.in.includes(kind));
    if (keyword === 'timeout') return items(DATA.timeouts).filter((i) => !i.entry.in || i.entry.in.includes(kind));
    if (entry.subFrom?.startsWith('actions.')) return actions(entry.subFrom.slice('actions.'.length));
  }
  const sub = entry.sub as Readonly<Record<string, KeywordEntry>> | undefined;
  // `set-var*` stands for `set-var(<name>)`: offered without the star.
  return sub ? items(sub).map((i) => (i.name.endsWith('*') ? { ...i, name: i.name.slice(0, -1) } : i)) : undefined;
}

/** The entry of a second word (`option httpchk`, `timeout client`, `stats uri`, `http-request set-header`). */
export function subKeyword(kind: string, keyword: string, word: string): KeywordEntry | undefined {
  return named(subKeywords(kind, keyword), word);
}

/** The entry named `word`; `set-var(txn.x)` names `set-var`, `track-sc0` names `track-sc`. */
function named(list: readonly CatalogItem[] | undefined, word: string): KeywordEntry | undefined {
  let best: CatalogItem | undefined;
  for (const i of list ?? []) {
    if (i.name === word) return i.entry;
    const rest = word.slice(i.name.length);
    if (word.startsWith(i.name) && /^(\(|\d+$)/.test(rest) && (!best || i.name.length > best.name.length)) best = i;
  }
  return best?.entry;
}

/** Fixed values of a keyword's first argument (`balance roundrobin`, `mode http`). */
export function keywordValues(kind: string, keyword: string): readonly string[] | undefined {
  return sectionKeyword(kind, keyword)?.values;
}

/** Whether `no option <name>` is allowed. */
export const negatable = (entry: KeywordEntry): boolean => entry.negatable === true;

/** Rule actions of a rule set (`http-request`, `tcp-request content`…); `set-var*` is offered as `set-var`. */
export function actions(ruleset: string): CatalogItem[] {
  const map = DATA.actions[ruleset];
  if (!map) return [];
  return items(map).map((i) => (i.name.endsWith('*') ? { ...i, name: i.name.slice(0, -1) } : i));
}

export function action(ruleset: string, name: string): KeywordEntry | undefined {
  return named(actions(ruleset), name);
}

export function bindParams(): CatalogItem[] {
  return items(DATA.bindParams);
}

export function serverParams(): CatalogItem[] {
  return items(DATA.serverParams);
}

export function bindParam(name: string): KeywordEntry | undefined {
  return own(DATA.bindParams, name) ? DATA.bindParams[name] : undefined;
}

export function serverParam(name: string): KeywordEntry | undefined {
  return own(DATA.serverParams, name) ? DATA.serverParams[name] : undefined;
}

/** How many words a parameter takes after its name (0 for flags); undefined when unknown or variable. */
export function paramArgs(entry: KeywordEntry | undefined): number | undefined {
  const n = entry?.args;
  return typeof n === 'number' ? n : undefined;
}

export function fetches(): { name: string; entry: FetchEntry }[] {
  return Object.keys(DATA.fetches).map((name) => ({ name, entry: DATA.fetches[name]! }));
}

export function fetch(name: string): FetchEntry | undefined {
  return own(DATA.fetches, name) ? DATA.fetches[name] : undefined;
}

export function converters(): { name: string; entry: FetchEntry }[] {
  return Object.keys(DATA.converters).map((name) => ({ name, entry: DATA.converters[name]! }));
}

export function converter(name: string): FetchEntry | undefined {
  return own(DATA.converters, name) ? DATA.converters[name] : undefined;
}

/** ACL shorthands such as `path_beg` (the `path` fetch matched with `-m beg`). */
export function aclKeywords(): { name: string; fetch: string; match: string }[] {
  return Object.keys(DATA.aclKeywords).map((name) => ({ name, ...DATA.aclKeywords[name]! }));
}

export function aclKeyword(name: string): { fetch: string; match: string } | undefined {
  return own(DATA.aclKeywords, name) ? DATA.aclKeywords[name] : undefined;
}

/** ACLs every proxy has without declaring them (TRUE, HTTP, METH_GET…). */
export function predefinedAcls(): readonly string[] {
  return DATA.predefinedAcls;
}

/**
 * Values of parameter arguments that are fixed lists (HAProxy's keyword dump gives names only). Keys are
 * `bind <param>` or `server <param>`.
 */
export const PARAM_VALUES: Readonly<Record<string, readonly string[]>> = {
  'bind verify': ['none', 'optional', 'required'],
  'bind ssl-min-ver': ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
  'bind ssl-max-ver': ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
  'bind alpn': ['h2,http/1.1', 'h2', 'http/1.1'],
  'bind proto': ['h2'],
  'bind level': ['user', 'operator', 'admin'],
  'server verify': ['none', 'required'],
  'server ssl-min-ver': ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
  'server ssl-max-ver': ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
  'server alpn': ['h2,http/1.1', 'h2', 'http/1.1'],
  'server check-alpn': ['h2,http/1.1', 'h2', 'http/1.1'],
  'server proto': ['h2'],
  'server check-proto': ['h2'],
  'server init-addr': ['last,libc,none', 'libc,none', 'none', 'last', 'libc'],
  'server resolve-prefer': ['ipv4', 'ipv6'],
  'server on-error': ['fastinter', 'fail-check', 'sudden-death', 'mark-down'],
  'server on-marked-down': ['shutdown-sessions'],
  'server on-marked-up': ['shutdown-backup-sessions'],
  'server observe': ['layer4', 'layer7'],
};
