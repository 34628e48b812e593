/**
 * HAProxy completion. A line's meaning comes from its section and its own words, so the cursor's word index
 * on its line decides: the section's keywords first, then what the keyword takes (option and timeout names,
 * values, actions, bind/server parameters and their values, backend and ACL names, fetches and converters,
 * VIPs of the node for a bind address). Only what the target version has (or may have) is offered.
 */
import type { HaproxyVersion } from '../knowledge/versions.js';
import {
  PARAM_VALUES,
  aclKeywords,
  actions,
  bindParam,
  bindParams,
  converters,
  fetches,
  keywordValues,
  negatable,
  offerable,
  paramArgs,
  predefinedAcls,
  sectionHeaders,
  sectionKeyword,
  sectionKeywords,
  serverParam,
  serverParams,
  subKeywords,
  type CatalogItem,
} from '../knowledge/haproxy/catalog.js';
import type { HaproxyModel, Proxy } from '../model/haproxy.js';
import type { HaproxySyntax, Section, Statement } from '../syntax/haproxy/ast.js';
import { WORD_TEMPLATED } from '../syntax/haproxy/words.js';
import type { Span } from '../syntax/text.js';
import { entries, type CompletionEntry, type CompletionRequest } from './completion.js';
import type { FeatureContext } from './context.js';
import { haproxyCursor, type HaproxyCursor } from './haproxy-cursor.js';
import { termDetail, termDoc, type HaproxyTerm } from './haproxy-docs.js';
import { braceDepth, conditionStart, expressionPosition, keywordAt, paramPosition, paramsFrom, samplePiece, type SamplePiece } from './haproxy-line.js';
import { interfacesOf, nodesServingHaproxy, vipsOf } from './node-facts.js';
import { vipDetail, vipDoc } from './vip-docs.js';

const PROXIES: ReadonlySet<string> = new Set(['defaults', 'frontend', 'backend', 'listen']);
const ACL_FLAGS = ['-i', '-f', '-m', '-n', '-M', '-u', '--'];
const MATCH_METHODS = ['str', 'beg', 'end', 'sub', 'reg', 'dir', 'dom', 'len', 'found', 'bool', 'int', 'ip', 'bin'];
/** Keywords whose first argument names a backend. */
const BACKEND_REFS: ReadonlySet<string> = new Set(['use_backend', 'default_backend']);

/** What the line completion needs to know besides the cursor. */
interface Scope {
  readonly ctx: FeatureContext;
  readonly model?: HaproxyModel;
  readonly target: HaproxyVersion;
  readonly section: Section;
  readonly proxy?: Proxy;
  readonly cur: HaproxyCursor;
  readonly st: Statement;
  readonly span: Span;
}

export function completeHaproxy(ctx: FeatureContext, syntax: HaproxySyntax, req: CompletionRequest): CompletionEntry[] {
  const cur = haproxyCursor(syntax, req.offset);
  if (cur.inComment || cur.foreign || (cur.word && cur.word.flags & WORD_TEMPLATED)) return [];
  const span = cur.word ? { start: cur.word.start, end: cur.word.end } : { start: cur.offset, end: cur.offset };
  const target = ctx.settings.versions.haproxy;
  if (cur.index === 0) {
    // A space typed at the start of a line is indentation, not a request for keywords.
    if (req.trigger === ' ') return [];
    return firstWords(cur.section, target, span);
  }
  const st = cur.statement;
  if (!st || !cur.section) return [];
  const model = ctx.haproxy?.model;
  const proxy = model?.proxies.find((p) => p.section === cur.section);
  const scope: Scope = { ctx, model, target, section: cur.section, proxy, cur, st, span };
  return st === cur.section.header ? headerWords(scope) : lineWords(scope);
}

/** The first word of a line: the section's keywords, and the headers of new sections. */
function firstWords(section: Section | undefined, target: HaproxyVersion, span: Span): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  if (section) {
    for (const item of sectionKeywords(section.kind, section.name !== undefined, target)) {
      if (!offerable(item.entry, target)) continue;
      const follows = subKeywords(section.kind, item.name) !== undefined || keywordValues(section.kind, item.name) !== undefined || BACKEND_REFS.has(item.name);
      out.push(termEntry({ kind: 'keyword', section: section.kind, name: item.name, entry: item.entry }, target, span, 'keyword', follows));
    }
  }
  for (const item of sectionHeaders()) {
    if (!offerable(item.entry, target)) continue;
    out.push({ ...termEntry({ kind: 'section', name: item.name, entry: item.entry }, target, span, 'section', false), rank: 2 });
  }
  return out;
}

/** An entry for a keyword-like term, with its documentation; `follows` when a list of its own comes next. */
function termEntry(term: HaproxyTerm, target: HaproxyVersion, span: Span, kind: CompletionEntry['kind'], follows: boolean): CompletionEntry {
  const deprecated = term.entry?.deprecated === true;
  return {
    label: term.name,
    kind,
    span,
    detail: termDetail(term, target),
    documentation: termDoc(term, target, false),
    deprecated,
    rank: deprecated ? 1 : 0,
    ...(follows ? { insertText: `${term.name} `, retrigger: true } : {}),
  };
}

/** Entries for the items the target has; `follows` tells which ones have a list of their own next. */
function offered(list: readonly CatalogItem[], target: HaproxyVersion, make: (item: CatalogItem) => HaproxyTerm, span: Span, kind: CompletionEntry['kind'], follows: (item: CatalogItem) => boolean = () => false): CompletionEntry[] {
  return list.filter((i) => offerable(i.entry, target)).map((i) => termEntry(make(i), target, span, kind, follows(i)));
}

/** `frontend <name> from <defaults>`: the names of named defaults sections. */
function headerWords(s: Scope): CompletionEntry[] {
  if (s.st.value(s.cur.index - 1) !== 'from' || !PROXIES.has(s.section.kind)) return [];
  const names = s.ctx.haproxy!.syntax.sections.filter((x) => x.kind === 'defaults' && x.name && x.name.value !== 'from').map((x) => x.name!.value);
  return entries(new Set(names), 'reference', s.span, () => ({ detail: 'defaults section' }));
}

function lineWords(s: Scope): CompletionEntry[] {
  const { st, cur, section, span } = s;
  const kind = section.kind;
  const first = st.keyword;
  // `no option …`, `default …`: the keyword is the second word.
  if ((first === 'no' || first === 'default') && cur.index === 1) return negations(s);
  const at = keywordAt(st);
  const keyword = st.value(at)!;
  const rel = cur.index - at;

  const prefix = prefixOf(s);
  const inline = piece(s, false);
  if (inline) return sampleEntries(s, inline, false);

  if (keyword !== 'acl') {
    const cond = conditionStart(st, cur.index);
    if (cond !== undefined) return conditionWords(s, cond);
  }
  if (expressionPosition(st, at, cur.index)) return sampleEntries(s, piece(s, true), false);
  if (!PROXIES.has(kind)) return subWords(s, kind, keyword, rel, at);

  switch (keyword) {
    case 'acl':
      return aclWords(s, rel, prefix);
    case 'bind':
      return rel === 1 ? vipAddresses(s, prefix) : paramWords(s, 'bind', paramsFrom(keyword, at)!.from);
    case 'server':
    case 'server-template':
    case 'default-server': {
      const params = paramsFrom(keyword, at)!;
      return cur.index >= params.from ? paramWords(s, params.kind, params.from) : [];
    }
    case 'use_backend':
    case 'default_backend':
      if (rel === 1) return backendNames(s);
      return rel === 2 && keyword === 'use_backend' ? entries(['if', 'unless'], 'keyword', span) : [];
    case 'use-server':
      return rel === 1 ? entries(s.proxy?.servers.map((sv) => sv.value(1)!).filter(Boolean) ?? [], 'reference', span, () => ({ detail: 'server' })) : [];
    case 'log':
      return rel === 1 ? entries(['global'], 'value', span, () => ({ detail: 'use the global log settings' })) : [];
    case 'errorfiles':
      return rel === 1 ? sectionNames(s, 'http-errors') : [];
    case 'stick-table':
      return s.st.value(cur.index - 1) === 'peers' ? sectionNames(s, 'peers') : [];
    case 'option':
      return rel === 1 ? optionWords(s, at === 1) : [];
  }
  return subWords(s, kind, keyword, rel, at);
}

/** The word being typed, as written, up to the cursor. */
function prefixOf(s: Scope): string {
  const w = s.cur.word;
  return w ? w.text.slice(0, s.cur.offset - w.start) : '';
}

function piece(s: Scope, fetchPosition: boolean): SamplePiece | undefined {
  const w = s.cur.word;
  return w ? samplePiece(w.text, w.start, s.cur.offset, fetchPosition) : fetchPosition ? { start: s.cur.offset, end: s.cur.offset, converter: false } : undefined;
}

/** After `no` or `default`: `option` in proxies, or the section's negatable keywords. */
function negations(s: Scope): CompletionEntry[] {
  const kind = s.section.kind;
  return offered(
    sectionKeywords(kind).filter((i) => (PROXIES.has(kind) && i.name === 'option') || negatable(i.entry)),
    s.target,
    (i) => ({ kind: 'keyword', section: kind, name: i.name, entry: i.entry }),
    s.span,
    'keyword',
    (i) => i.name === 'option',
  );
}

function optionWords(s: Scope, negated: boolean): CompletionEntry[] {
  const list = (subKeywords(s.section.kind, 'option') ?? []).filter((i) => !negated || negatable(i.entry));
  return offered(list, s.target, (i) => ({ kind: 'option', section: s.section.kind, name: i.name, entry: i.entry }), s.span, 'value');
}

/** The second and third words of a keyword: sub-keywords, values, actions of a rule set. */
function subWords(s: Scope, kind: string, keyword: string, rel: number, at: number): CompletionEntry[] {
  const { target, span } = s;
  if (rel === 1) {
    const values = keywordValues(kind, keyword);
    if (values) return values.map((v) => ({ ...relabel(termEntry({ kind: 'keyword', section: kind, name: `${keyword} ${v}`, entry: sectionKeyword(kind, keyword), value: true }, target, span, 'value', false), keyword), detail: `${keyword} value` }));
    const subs = subKeywords(kind, keyword);
    if (!subs) return [];
    if (keyword === 'timeout') return offered(subs, target, (i) => ({ kind: 'timeout', section: kind, name: i.name, entry: i.entry }), span, 'value');
    if (sectionKeyword(kind, keyword)?.subFrom?.startsWith('actions.')) return actionEntries(s, keyword, subs);
    // tcp-request/tcp-response: the rule set comes next, then its actions.
    const ruleSets = keyword === 'tcp-request' || keyword === 'tcp-response';
    return offered(subs, target, (i) => ({ kind: 'keyword', section: kind, name: `${keyword} ${i.name}`, entry: i.entry }), span, 'keyword', () => ruleSets).map((e) => ({ ...relabel(e, keyword), detail: `${keyword} ${ruleSets ? 'rule set' : 'setting'}` }));
  }
  if (rel === 2 && (keyword === 'tcp-request' || keyword === 'tcp-response')) {
    const ruleset = `${keyword} ${s.st.value(at + 1)}`;
    return actionEntries(s, ruleset, actions(ruleset));
  }
  const previous = s.st.value(s.cur.index - 1);
  if ((previous === 'cache-use' || previous === 'cache-store') && rel === 2) return sectionNames(s, 'cache');
  return [];
}

/** A pair entry (`stats uri`) is offered as its second word. */
function relabel(e: CompletionEntry, keyword: string): CompletionEntry {
  const label = e.label.slice(keyword.length + 1);
  return { ...e, label, insertText: e.insertText !== undefined ? `${label} ` : undefined };
}

function actionEntries(s: Scope, ruleset: string, list: readonly CatalogItem[]): CompletionEntry[] {
  return offered(list, s.target, (i) => ({ kind: 'action', ruleset, name: i.name, entry: i.entry }), s.span, 'function');
}

/** Names of sections of a kind in this file (`errorfiles`, `peers`, `resolvers`, caches). */
function sectionNames(s: Scope, kind: string): CompletionEntry[] {
  const names = s.ctx.haproxy!.syntax.sections.filter((x) => x.kind === kind && x.name).map((x) => x.name!.value);
  return entries(new Set(names), 'reference', s.span, () => ({ detail: `${kind} section` }));
}

function backendNames(s: Scope): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const [name, proxy] of s.model?.backends ?? []) {
    // A `backend` line still without its name is no reference to offer.
    if (name === '') continue;
    const servers = proxy.servers.length;
    out.push({ label: name, kind: 'reference', span: s.span, detail: `${proxy.kind} · ${servers} server${servers === 1 ? '' : 's'}` });
  }
  return out;
}

/** In a condition: ACL names (the proxy's, its defaults', the predefined ones), or a fetch right after `{`. */
function conditionWords(s: Scope, from: number): CompletionEntry[] {
  const { st, cur } = s;
  const depth = braceDepth(st, from, cur.index);
  const previous = st.value(cur.index - 1)!;
  if (depth > 0) return previous === '{' || previous === '!{' ? sampleEntries(s, piece(s, true), true) : [];
  // `!name`: the name after the `!` is replaced, unless the cursor is before the `!` (then the whole word is).
  const negated = cur.word?.text.startsWith('!') === true && cur.offset > s.span.start;
  const span = negated ? { start: s.span.start + 1, end: s.span.end } : s.span;
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (let p: Proxy | undefined = s.proxy; p; p = p.defaults) {
    for (const [name, lines] of p.acls) {
      if (seen.has(name) || name === '') continue;
      seen.add(name);
      const defined = lines.map((l) => `\`${l.words().map((w) => w.text).join(' ')}\``).join('\n\n');
      out.push({ label: name, kind: 'reference', span, detail: p === s.proxy ? 'ACL' : `ACL from ${p.kind} ${p.name || '(anonymous)'}`, documentation: defined });
    }
  }
  for (const name of predefinedAcls()) if (!seen.has(name)) out.push({ label: name, kind: 'value', span, detail: 'predefined ACL', rank: 1 });
  return out;
}

/** `acl <name> <fetch> [flags] <patterns>`. */
function aclWords(s: Scope, rel: number, prefix: string): CompletionEntry[] {
  if (rel === 2) return sampleEntries(s, piece(s, true), true);
  if (rel < 3) return [];
  if (s.st.value(s.cur.index - 1) === '-m') return entries(MATCH_METHODS, 'value', s.span, () => ({ detail: 'match method' }));
  return prefix.startsWith('-') ? entries(ACL_FLAGS, 'value', s.span, () => ({ detail: 'ACL flag' })) : [];
}

/** Fetch or converter names (ACL keywords such as `path_beg` too, where an ACL is being written). */
function sampleEntries(s: Scope, spot: SamplePiece | undefined, acl: boolean): CompletionEntry[] {
  if (!spot) return [];
  const { target } = s;
  if (spot.converter) return converters().filter((c) => offerable(c.entry, target)).map((c) => termEntry({ kind: 'converter', name: c.name, entry: c.entry }, target, spot, 'function', false));
  const out = fetches().filter((f) => offerable(f.entry, target)).map((f) => termEntry({ kind: 'fetch', name: f.name, entry: f.entry }, target, spot, 'function', false));
  if (acl) for (const k of aclKeywords()) out.push({ label: k.name, kind: 'function', span: spot, detail: `ACL keyword: ${k.fetch} -m ${k.match}`, rank: 1 });
  return out;
}

function paramWords(s: Scope, kind: 'bind' | 'server', from: number): CompletionEntry[] {
  const { st, cur, target, span } = s;
  const lookup = kind === 'bind' ? bindParam : serverParam;
  const position = paramPosition(st, from, cur.index, lookup);
  if (!position) return [];
  if (position.param === undefined) {
    return offered(kind === 'bind' ? bindParams() : serverParams(), target, (i) => ({ kind, name: i.name, entry: i.entry }), span, 'parameter').map((e) =>
      paramArgs(lookup(e.label)) ? { ...e, insertText: `${e.label} `, retrigger: PARAM_VALUES[`${kind} ${e.label}`] !== undefined || e.label === 'interface' || e.label === 'resolvers' } : e,
    );
  }
  const param = position.param;
  if (param === 'interface') return entries(interfacesOf(nodesServingHaproxy(s.ctx.analysis, s.ctx.path), [], s.model ? [s.model] : []), 'value', span, () => ({ detail: 'interface used on this node' }));
  if (param === 'resolvers') return sectionNames(s, 'resolvers');
  if (param === 'track') return trackTargets(s);
  return entries(PARAM_VALUES[`${kind} ${param}`] ?? [], 'value', span, () => ({ detail: `${param} value` }));
}

/** `track [<backend>/]<server>`: the servers of every backend. */
function trackTargets(s: Scope): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const [name, proxy] of s.model?.backends ?? []) {
    for (const server of proxy.servers) {
      const sv = server.value(1);
      if (sv) out.push({ label: `${name}/${sv}`, kind: 'reference', span: s.span, detail: 'server' });
    }
  }
  return out;
}

/** A bind address: the VIPs of the node(s) serving this file, followed by a colon for the port. */
function vipAddresses(s: Scope, prefix: string): CompletionEntry[] {
  const nodes = nodesServingHaproxy(s.ctx.analysis, s.ctx.path);
  const comma = prefix.lastIndexOf(',');
  const span = comma >= 0 ? { start: s.span.start + comma + 1, end: s.span.end } : s.span;
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const f of vipsOf(nodes)) {
    const key = f.vip.ip!.key;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = f.vip.ip!.family === 6 ? `[${f.address}]` : f.address;
    out.push({ label, kind: 'address', span, insertText: `${label}:`, detail: vipDetail(s.ctx.analysis, nodes, key), documentation: vipDoc(s.ctx.analysis, nodes, key, f.address) });
  }
  return out;
}
