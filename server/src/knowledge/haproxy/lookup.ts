/**
 * Answers "does HAProxy <version> know this word here?" from keywords.json, for the unknown-keyword rule and
 * later for completion and hover. Pure functions over indexes built once at module load.
 *
 * What the answers rest on: the 2.6 inventory comes from the Debian 2.6.12 binary and was checked against it
 * word by word (every section's first words, options, timeouts, bind and server parameters, rule actions);
 * the 2.8–3.2 additions come from those versions' keyword dumps and manuals, and what 2.4 lacks or still had
 * from HAProxy's CHANGELOG and the 2.4 manual; none of these can be checked here. So:
 *  - an entry that needs a build option (QUIC, 51Degrees…) is never reported: another build may have it;
 *  - "too new" is only claimed where the data proves it (an exact `since`, or the 2.6 binary's own verdict,
 *    which also holds for older targets);
 *  - for targets other than 2.6 the lists may miss a keyword (a newer one, or one 2.4 had and nobody noted), so
 *    a word that is close to no known keyword is 'unverifiable' there rather than unknown (a typo of a known
 *    keyword is still reported).
 */
import raw from './keywords.json' with { type: 'json' };
import { compareVersions, type HaproxyVersion } from '../versions.js';
import { closest } from '../edit-distance.js';

export interface Entry {
  readonly since?: string;
  readonly sinceUpperBound?: boolean;
  readonly removedIn?: string;
  readonly removed?: boolean;
  readonly deprecated?: boolean;
  readonly build?: string;
  readonly in?: readonly string[];
  readonly namedDefaultsOnly?: boolean;
  readonly args?: number | 'variable';
  readonly sub?: Readonly<Record<string, Entry>>;
}
export type EntryMap = Readonly<Record<string, Entry>>;

interface KeywordData {
  readonly baseVersion: string;
  readonly namedDefaultsSince: string;
  readonly sectionHeaders: EntryMap;
  readonly sections: Readonly<Record<string, { readonly keywords: EntryMap }>>;
  readonly proxy: EntryMap;
  readonly options: EntryMap;
  readonly timeouts: EntryMap;
  readonly bindParams: EntryMap;
  readonly serverParams: EntryMap;
  readonly actions: Readonly<Record<string, EntryMap>>;
  readonly actionPrefixes: Readonly<Record<string, readonly string[]>>;
  readonly rejectedBy: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

const DATA = raw as unknown as KeywordData;

/** The version whose lists were verified complete against a real binary. */
export const BASE_VERSION = DATA.baseVersion as HaproxyVersion;

export const PROXY_SECTIONS: ReadonlySet<string> = new Set(['defaults', 'frontend', 'listen', 'backend']);

/** Order in which "it belongs in …" lists sections. */
const SECTION_ORDER = ['global', 'defaults', 'frontend', 'backend', 'listen', ...Object.keys(DATA.sections).sort()].filter(
  (s, i, all) => all.indexOf(s) === i,
);

export type Verdict =
  /** Valid here for the target (possibly deprecated: it still works, so nothing is reported). */
  | { readonly kind: 'known'; readonly deprecated: boolean }
  /** Depends on something the data cannot decide: a build option, or a version whose lists are not proven complete. */
  | { readonly kind: 'unverifiable' }
  /** Exists from `since` on; `exact` false when it may be older than `since` (but is newer than the target). */
  | { readonly kind: 'too-new'; readonly since: string; readonly exact: boolean }
  /** No longer accepted by the target; `removedIn` when HAProxy names the version. */
  | { readonly kind: 'removed'; readonly removedIn?: string }
  /** Allowed in a `defaults` section only when that section has a name. */
  | { readonly kind: 'anonymous-defaults' }
  /** Known, but HAProxy refuses it in this section; `belongsIn` lists where it is valid. */
  | { readonly kind: 'wrong-section'; readonly belongsIn: readonly string[] }
  /** Not known anywhere in any version: a typo, with the closest valid name if one is near. */
  | { readonly kind: 'unknown'; readonly suggestion?: string };

const KNOWN: Verdict = { kind: 'known', deprecated: false };
const DEPRECATED: Verdict = { kind: 'known', deprecated: true };
const UNVERIFIABLE: Verdict = { kind: 'unverifiable' };

/** Whether the entry exists for the target: a verdict about the version, or undefined when it does. */
export function versionVerdict(e: Entry, target: HaproxyVersion): Verdict | undefined {
  if (e.removed) return { kind: 'removed' };
  if (e.removedIn && compareVersions(target, e.removedIn) >= 0) return { kind: 'removed', removedIn: e.removedIn };
  if (e.build) return UNVERIFIABLE;
  if (e.since && compareVersions(target, e.since) < 0) {
    // An upper-bound `since` only proves absence where a binary was asked (the base version), and before it.
    if (e.sinceUpperBound && compareVersions(target, BASE_VERSION) > 0) return UNVERIFIABLE;
    return { kind: 'too-new', since: e.since, exact: !e.sinceUpperBound };
  }
  return undefined;
}

function entryVerdict(e: Entry, target: HaproxyVersion): Verdict {
  return versionVerdict(e, target) ?? (e.deprecated ? DEPRECATED : KNOWN);
}

/** Names valid for the target in a map, cached per map and version (suggestions are drawn from these). */
const validCache = new Map<EntryMap, Map<HaproxyVersion, readonly string[]>>();
function validNames(map: EntryMap, target: HaproxyVersion): readonly string[] {
  let perVersion = validCache.get(map);
  if (!perVersion) validCache.set(map, (perVersion = new Map()));
  let names = perVersion.get(target);
  if (!names) perVersion.set(target, (names = Object.keys(map).filter((k) => versionVerdict(map[k]!, target) === undefined)));
  return names;
}

/** For targets whose lists are not proven complete, an unknown word is only reported as a typo of a known one. */
function unknown(word: string, candidates: readonly string[], target: HaproxyVersion): Verdict {
  const suggestion = closest(word, candidates);
  if (!suggestion && target !== BASE_VERSION) return UNVERIFIABLE;
  return suggestion ? { kind: 'unknown', suggestion } : { kind: 'unknown' };
}

const has = (map: EntryMap, key: string): boolean => Object.prototype.hasOwnProperty.call(map, key);

// ---------------------------------------------------------------- section headers and first words

/** A section header: 'unverifiable' for build-dependent sections (namespace_list), 'too-new' for crt-store & co. */
export function lookupSection(kind: string, target: HaproxyVersion): Verdict {
  const e = has(DATA.sectionHeaders, kind) ? DATA.sectionHeaders[kind]! : undefined;
  return e ? entryVerdict(e, target) : { kind: 'unknown' };
}

/**
 * Where HAProxy 2.6 refuses a proxy keyword outside the sections its manual lists. Everywhere else it only
 * warns ("… ignored because frontend 'x' has no backend capability") and starts, so nothing is reported.
 * Keys with two words are rule sets. Verified with the binary by test/knowledge/haproxy-lookup.test.ts.
 */
const REFUSED_IN: Readonly<Record<string, readonly string[]>> = {
  bind: ['defaults'],
  capture: ['defaults'],
  declare: ['defaults', 'backend'],
  'default-server': ['frontend'],
  description: ['defaults'],
  dispatch: ['defaults'],
  filter: ['defaults'],
  'force-persist': ['defaults'],
  id: ['defaults'],
  'ignore-persist': ['defaults'],
  monitor: ['defaults'],
  redirect: ['defaults'],
  'retry-on': ['frontend'],
  server: ['defaults', 'frontend'],
  'server-template': ['defaults', 'frontend'],
  stick: ['defaults'],
  'stick-table': ['defaults'],
  'tcp-response': ['frontend'],
  'use-fcgi-app': ['defaults', 'frontend'],
  'use-server': ['defaults'],
  use_backend: ['defaults'],
  'tcp-request connection': ['backend'],
  'tcp-request session': ['backend'],
};

/** Every section (of any version) each first word exists in, for "it belongs in …". */
const SECTIONS_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const out = new Map<string, string[]>();
  for (const section of SECTION_ORDER) {
    for (const kw of Object.keys(DATA.sections[section]?.keywords ?? {})) {
      const list = out.get(kw) ?? [];
      list.push(section);
      out.set(kw, list);
    }
  }
  return out;
})();

/** Sections where a word is valid, proxies listed in their usual order. */
export function sectionsOf(keyword: string): readonly string[] {
  return SECTIONS_OF.get(keyword) ?? [];
}

/**
 * The first word of a line in a section. `named` tells whether a `defaults` section has a name (some rules
 * are only allowed in named ones).
 */
export function lookupSectionKeyword(section: string, keyword: string, target: HaproxyVersion, named = true): Verdict {
  const table = sectionTable(section, target);
  if (!table) return UNVERIFIABLE;
  const known = table.verdict(keyword);
  if (known) {
    if (known.kind !== 'known' || section !== 'defaults' || !DATA.sections[section]!.keywords[keyword]!.namedDefaultsOnly) return known;
    if (!namedDefaultsRules(target)) return { kind: 'wrong-section', belongsIn: orderSections((DATA.proxy[keyword]?.in ?? []).filter((s) => s !== 'defaults')) };
    return named ? known : ANONYMOUS;
  }
  if (PROXY_SECTIONS.has(section) && has(DATA.proxy, keyword)) {
    // A proxy keyword outside its sections: only some are refused, the rest are ignored with a warning.
    const e = DATA.proxy[keyword]!;
    const v = versionVerdict(e, target);
    if (v) return v;
    if (REFUSED_IN[keyword]?.includes(section)) return { kind: 'wrong-section', belongsIn: orderSections(e.in ?? []) };
    return UNVERIFIABLE;
  }
  const elsewhere = sectionsOf(keyword);
  if (elsewhere.length > 0) return { kind: 'wrong-section', belongsIn: elsewhere };
  return unknown(keyword, validNames(DATA.sections[section]!.keywords, target), target);
}

const ANONYMOUS: Verdict = { kind: 'anonymous-defaults' };

/** Whether the target accepts rules and ACLs (the namedDefaultsOnly keywords) in named defaults sections. */
export function namedDefaultsRules(target: HaproxyVersion): boolean {
  return compareVersions(target, DATA.namedDefaultsSince) >= 0;
}

/**
 * Verdicts of a section's own keywords for one version. The rule asks once per line of files with hundreds of
 * thousands of lines, so each verdict is kept once made; only the keywords a file uses are ever decided (deciding
 * all of a proxy section's several hundred took over a millisecond of a first check).
 */
class SectionVerdicts {
  private readonly known = new Map<string, Verdict>();

  constructor(
    private readonly keywords: EntryMap,
    private readonly target: HaproxyVersion,
  ) {}

  /** The verdict of one of the section's own keywords; undefined for a word the section does not have. */
  verdict(keyword: string): Verdict | undefined {
    let v = this.known.get(keyword);
    if (v === undefined && has(this.keywords, keyword)) this.known.set(keyword, (v = entryVerdict(this.keywords[keyword]!, this.target)));
    return v;
  }
}

/**
 * A section's verdicts for one version, made on first use. Undefined for sections whose lines cannot be checked:
 * unknown kinds, sections the target lacks, and namespace_list (the 2.6 binary accepts any line there).
 */
const tables = new Map<HaproxyVersion, Map<string, SectionVerdicts | undefined>>();
/** The table last asked for: the lines of a section come one after another. */
let lastTable: { section: string; target: HaproxyVersion; table: SectionVerdicts | undefined } | undefined;
function sectionTable(section: string, target: HaproxyVersion): SectionVerdicts | undefined {
  if (lastTable?.section === section && lastTable.target === target) return lastTable.table;
  const table = sectionTableOf(section, target);
  lastTable = { section, target, table };
  return table;
}

function sectionTableOf(section: string, target: HaproxyVersion): SectionVerdicts | undefined {
  let perVersion = tables.get(target);
  if (!perVersion) tables.set(target, (perVersion = new Map()));
  if (perVersion.has(section)) return perVersion.get(section);
  const map = DATA.sections[section]?.keywords;
  const table = map && section !== 'namespace_list' && lookupSection(section, target).kind === 'known' ? new SectionVerdicts(map, target) : undefined;
  perVersion.set(section, table);
  return table;
}

function orderSections(list: readonly string[]): string[] {
  return [...list].sort((a, b) => SECTION_ORDER.indexOf(a) - SECTION_ORDER.indexOf(b));
}

/**
 * The second word of a multi-word keyword where HAProxy refuses unknown ones: `tcp-request <ruleset>`,
 * `tcp-response <ruleset>`. Undefined for keywords whose second word is not checked here.
 */
export function lookupRuleSet(section: string, keyword: string, word: string, target: HaproxyVersion): Verdict | undefined {
  if (!PROXY_SECTIONS.has(section) || (keyword !== 'tcp-request' && keyword !== 'tcp-response')) return undefined;
  const subs = DATA.proxy[keyword]?.sub ?? {};
  if (!has(subs, word)) return unknown(word, validNames(subs, target), target);
  const e = subs[word]!;
  const v = versionVerdict(e, target);
  if (v) return v;
  if (REFUSED_IN[`${keyword} ${word}`]?.includes(section)) return { kind: 'wrong-section', belongsIn: orderSections(e.in ?? []) };
  return entryVerdict(e, target);
}

// ---------------------------------------------------------------- option and timeout names

/** `option <name>` (and `no option <name>`): proxies use the option list, program and fcgi-app their own. */
export function lookupOption(section: string, name: string, target: HaproxyVersion): Verdict {
  const map = PROXY_SECTIONS.has(section) ? DATA.options : DATA.sections[section]?.keywords['option']?.sub;
  if (!map) return UNVERIFIABLE;
  // In the wrong proxy, HAProxy 2.6 only warns that the option is ignored, so the sections are not checked.
  return has(map, name) ? entryVerdict(map[name]!, target) : unknown(name, validNames(map, target), target);
}

/** Sections whose `timeout` refuses unknown names (ring's parser silently ignores them). */
const TIMEOUT_CHECKED: ReadonlySet<string> = new Set(['defaults', 'frontend', 'listen', 'backend', 'resolvers', 'mailers', 'log-forward']);

/** `timeout <name>`. Like options, a timeout in the wrong proxy is only a warning. */
export function lookupTimeout(section: string, name: string, target: HaproxyVersion): Verdict {
  if (!TIMEOUT_CHECKED.has(section)) return UNVERIFIABLE;
  const map = PROXY_SECTIONS.has(section) ? DATA.timeouts : DATA.sections[section]?.keywords['timeout']?.sub;
  if (!map) return UNVERIFIABLE;
  return has(map, name) ? entryVerdict(map[name]!, target) : unknown(name, validNames(map, target), target);
}

// ---------------------------------------------------------------- bind and server parameters

export interface ParamVerdict {
  readonly verdict: Verdict;
  /** How many words follow the parameter as its arguments; 'variable' when the parameter decides (`source`). */
  readonly args: number | 'variable';
}

/** Verdicts of known parameters per list and version: server lines repeat the same few parameters. */
const paramCache = new Map<EntryMap, Map<HaproxyVersion, Map<string, ParamVerdict>>>();
/** The cache last asked for: a file asks about one list and version line after line. */
let lastParams: { map: EntryMap; target: HaproxyVersion; cache: Map<string, ParamVerdict> } | undefined;

function knownParams(map: EntryMap, target: HaproxyVersion): Map<string, ParamVerdict> {
  if (lastParams?.map === map && lastParams.target === target) return lastParams.cache;
  let perVersion = paramCache.get(map);
  if (!perVersion) paramCache.set(map, (perVersion = new Map()));
  let cache = perVersion.get(target);
  if (!cache) perVersion.set(target, (cache = new Map()));
  lastParams = { map, target, cache };
  return cache;
}

function lookupParam(map: EntryMap, group: string, name: string, target: HaproxyVersion): ParamVerdict {
  const cache = knownParams(map, target);
  const known = cache.get(name);
  if (known) return known;
  if (has(map, name)) {
    const pv = { verdict: entryVerdict(map[name]!, target), args: map[name]!.args ?? 0 };
    cache.set(name, pv);
    return pv;
  }
  // Documented but refused by one binary: unknown for that version, undecidable for the others.
  for (const [version, maps] of Object.entries(DATA.rejectedBy)) {
    if (maps[group]?.includes(name) && !version.startsWith(`${target}.`)) return { verdict: UNVERIFIABLE, args: 'variable' };
  }
  return { verdict: unknown(name, validNames(map, target), target), args: 'variable' };
}

/** A parameter of a `bind` line (after the address). */
export function lookupBindParam(name: string, target: HaproxyVersion): ParamVerdict {
  return lookupParam(DATA.bindParams, 'bindParams', name, target);
}

/** A parameter of a `server`, `server-template` or `default-server` line (after the address). */
export function lookupServerParam(name: string, target: HaproxyVersion): ParamVerdict {
  return lookupParam(DATA.serverParams, 'serverParams', name, target);
}

// ---------------------------------------------------------------- rule actions

/** Rule sets whose action names are complete in the inventory (HAProxy lists the same names when it refuses one). */
export const RULE_SETS: ReadonlySet<string> = new Set(Object.keys(DATA.actions));

/** Exact action names and prefix-matched ones (`set-var(…)`, `track-sc0`), per rule set. */
const ACTION_INDEX: ReadonlyMap<string, { exact: EntryMap; prefixes: readonly (readonly [string, Entry])[] }> = (() => {
  const out = new Map<string, { exact: EntryMap; prefixes: (readonly [string, Entry])[] }>();
  for (const [ruleset, actions] of Object.entries(DATA.actions)) {
    const exact: Record<string, Entry> = {};
    const prefixes: (readonly [string, Entry])[] = [];
    for (const [name, e] of Object.entries(actions)) {
      if (name.endsWith('*')) prefixes.push([name.slice(0, -1), e]);
      else exact[name] = e;
    }
    // HAProxy matches these by prefix too; the allowed counter numbers vary with tune.stick-counters (2.8+).
    prefixes.push(['track-sc', {}]);
    out.set(ruleset, { exact, prefixes });
  }
  return out;
})();

/** Action names registered at run time (Lua `core.register_action`), never checkable statically. */
const RUNTIME_PREFIXES: readonly (readonly [string, readonly string[]])[] = Object.entries(DATA.actionPrefixes);

/**
 * Whether an action's name is one registered at run time in this rule set (`lua.<name>`). Asked for every rule
 * line of a file, mostly before the engine has optimised it: an indexed loop, no closure or destructuring per call.
 */
function runtimeAction(ruleset: string, name: string): boolean {
  for (let i = 0; i < RUNTIME_PREFIXES.length; i++) {
    const entry = RUNTIME_PREFIXES[i]!;
    if (name.startsWith(entry[0]) && entry[1].includes(ruleset)) return true;
  }
  return false;
}

function actionEntry(ruleset: string, name: string): Entry | undefined {
  const index = ACTION_INDEX.get(ruleset);
  if (!index) return undefined;
  if (has(index.exact, name)) return index.exact[name];
  // Longest prefix first: `sc-inc-gpc0(…)` is the sc-inc-gpc0 action, not sc-inc-gpc.
  let best: readonly [string, Entry] | undefined;
  for (const p of index.prefixes) if (name.startsWith(p[0]) && (!best || p[0].length > best[0].length)) best = p;
  return best?.[1];
}

/** The action of an `http-request`, `http-response`, `http-after-response`, `tcp-request <set>` or `tcp-response content` rule. */
export function lookupAction(ruleset: string, name: string, target: HaproxyVersion): Verdict {
  if (!RULE_SETS.has(ruleset)) return UNVERIFIABLE;
  if (runtimeAction(ruleset, name)) return UNVERIFIABLE;
  const e = actionEntry(ruleset, name);
  if (e) return entryVerdict(e, target);
  const index = ACTION_INDEX.get(ruleset)!;
  const candidates = [...validNames(index.exact, target), ...index.prefixes.filter(([, p]) => !versionVerdict(p, target)).map(([n]) => n)];
  return unknown(name, candidates, target);
}

/** Other rule sets where an action name exists for the target ("it is an http-request action"). */
export function actionRuleSets(name: string, target: HaproxyVersion): string[] {
  return [...RULE_SETS].filter((rs) => {
    const e = actionEntry(rs, name);
    return e !== undefined && versionVerdict(e, target) === undefined;
  });
}
