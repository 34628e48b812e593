/**
 * HAProxy hover: finds what the word under the cursor is from its position on its line (the same roles
 * completion uses) and describes it: keywords, options, timeouts, parameters, actions, fetches and
 * converters with their documentation; backends with their servers and the rules that route to them;
 * frontends with their binds and routes; ACL names with their definitions; bind addresses with the VIP
 * they are (or are not) on the node.
 */
import {
  action,
  aclKeyword,
  bindParam,
  converter,
  fetch,
  keywordValues,
  predefinedAcls,
  sectionHeader,
  sectionKeyword,
  serverParam,
  subKeyword,
  subKeywords,
} from '../knowledge/haproxy/catalog.js';
import { sectionsOf } from '../knowledge/haproxy/lookup.js';
import type { HaproxyVersion } from '../knowledge/versions.js';
import { effectiveSetting, type HaproxyModel, type Proxy } from '../model/haproxy.js';
import type { HaproxySyntax, Section, Statement, Word } from '../syntax/haproxy/ast.js';
import { WORD_TEMPLATED } from '../syntax/haproxy/words.js';
import type { Span } from '../syntax/text.js';
import type { FeatureContext } from './context.js';
import { haproxyCursor } from './haproxy-cursor.js';
import { termDoc, type HaproxyTerm } from './haproxy-docs.js';
import { braceDepth, conditionStart, expressionPosition, keywordAt, paramPosition, paramsFrom, pieceName, samplePiece } from './haproxy-line.js';
import type { HoverResult } from './hover.js';
import { nodesServingHaproxy, vipsOf } from './node-facts.js';
import { vipDoc } from './vip-docs.js';
import { bindHost } from './navigation/vip-symbol.js';

const PROXIES: ReadonlySet<string> = new Set(['defaults', 'frontend', 'backend', 'listen']);
const MAX_LISTED = 20;

interface Place {
  readonly ctx: FeatureContext;
  readonly model?: HaproxyModel;
  readonly target: HaproxyVersion;
  readonly section: Section;
  readonly st: Statement;
  readonly index: number;
  readonly word: Word;
  readonly offset: number;
}

export function hoverHaproxy(ctx: FeatureContext, syntax: HaproxySyntax, offset: number): HoverResult | undefined {
  const cur = haproxyCursor(syntax, offset);
  const { word, statement: st, section } = cur;
  if (!word || !st || cur.inComment || word.flags & WORD_TEMPLATED) return undefined;
  const target = ctx.settings.versions.haproxy;
  const span = { start: word.start, end: word.end };
  if (!section) return st.keyword && cur.index === 0 && sectionHeader(st.keyword) ? result(termDoc({ kind: 'section', name: st.keyword, entry: sectionHeader(st.keyword) }, target), span) : undefined;
  const p: Place = { ctx, model: ctx.haproxy?.model, target, section, st, index: cur.index, word, offset: cur.offset };
  if (st === section.header) return headerHover(p, span);
  return lineHover(p, span);
}

const result = (markdown: string | undefined, span: Span): HoverResult | undefined => (markdown ? { markdown, span } : undefined);

function headerHover(p: Place, span: Span): HoverResult | undefined {
  const kind = p.section.kind;
  if (p.index === 0) return result(termDoc({ kind: 'section', name: kind, entry: sectionHeader(kind) }, p.target), span);
  const proxy = p.model?.proxies.find((x) => x.section === p.section);
  if (p.index === 1 && proxy && proxy.kind !== 'defaults') return result(proxyDoc(p, proxy), span);
  return undefined;
}

function lineHover(p: Place, span: Span): HoverResult | undefined {
  const { st, index, section, target } = p;
  const kind = section.kind;
  const at = keywordAt(st);
  if (index < at) return result(`**${st.keyword}** · prefix\n\n${st.keyword === 'no' ? 'Turns off' : 'Resets to its default'} the keyword or option that follows.`, span);
  const keyword = st.value(at)!;
  const rel = index - at;
  if (rel === 0) {
    const entry = sectionKeyword(kind, keyword);
    if (entry) return result(termDoc({ kind: 'keyword', section: kind, name: keyword, entry }, target), span);
    // A keyword of other sections: described from where it belongs.
    const home = sectionsOf(keyword)[0];
    return home ? result(`${termDoc({ kind: 'keyword', section: home, name: keyword, entry: sectionKeyword(home, keyword) }, target)}\n\n_Not valid in a ${kind} section: it belongs in ${sectionsOf(keyword).join('/')}._`, span) : undefined;
  }
  const inline = samplePiece(p.word.text, p.word.start, p.offset, false);
  if (inline) return sampleHover(p, false);
  if (keyword !== 'acl') {
    const cond = conditionStart(st, index);
    if (cond !== undefined) return conditionHover(p, cond, span);
  }
  if (expressionPosition(st, at, index)) return sampleHover(p, false);
  if (keyword === 'acl') {
    if (rel === 1) return result(aclDoc(p, st.value(index)!), span);
    if (rel === 2) return sampleHover(p, true);
    return undefined;
  }
  if (PROXIES.has(kind)) {
    if ((keyword === 'use_backend' || keyword === 'default_backend') && rel === 1) {
      const backend = p.model?.backends.get(st.value(index)!);
      return backend ? result(proxyDoc(p, backend), span) : undefined;
    }
    if (keyword === 'bind' && rel === 1) return bindAddressHover(p);
    const params = paramsFrom(keyword, at);
    if (params && index >= params.from) return paramHover(p, params.kind, params.from, span);
  }
  return secondWordHover(p, kind, keyword, rel, at, span);
}

/**
 * The name of a catalog word as written: `set-var(txn.x)` is `set-var`. What follows the '(' is the user's (any
 * text, a lone surrogate included) and belongs neither in the description lookup nor in the manual's anchor.
 */
const catalogName = (word: string): string => word.split('(', 1)[0]!;

/** Option and timeout names, values, sub-keywords, rule sets and actions. */
function secondWordHover(p: Place, kind: string, keyword: string, rel: number, at: number, span: Span): HoverResult | undefined {
  const { st, target } = p;
  const value = st.value(p.index)!;
  const name = catalogName(value);
  let term: HaproxyTerm | undefined;
  if (rel === 1) {
    const entry = subKeyword(kind, keyword, value);
    if (keyword === 'option' || keyword === 'timeout') term = entry ? { kind: keyword, section: kind, name, entry } : undefined;
    else if (sectionKeyword(kind, keyword)?.subFrom?.startsWith('actions.')) term = entry ? { kind: 'action', ruleset: keyword, name, entry } : undefined;
    else if (entry) term = { kind: 'keyword', section: kind, name: `${keyword} ${name}`, entry };
    else if (keywordValues(kind, keyword)?.includes(value)) term = { kind: 'keyword', section: kind, name: `${keyword} ${value}`, entry: sectionKeyword(kind, keyword), value: true };
  } else if (rel === 2 && (keyword === 'tcp-request' || keyword === 'tcp-response') && subKeywords(kind, keyword)) {
    const ruleset = `${keyword} ${st.value(at + 1)}`;
    const entry = action(ruleset, value);
    term = entry ? { kind: 'action', ruleset, name, entry } : undefined;
  }
  return term ? result(termDoc(term, target), span) : undefined;
}

function paramHover(p: Place, kind: 'bind' | 'server', from: number, span: Span): HoverResult | undefined {
  const lookup = kind === 'bind' ? bindParam : serverParam;
  const position = paramPosition(p.st, from, p.index, lookup);
  if (!position || position.param !== undefined) return undefined;
  const name = p.st.value(p.index)!;
  const entry = lookup(name);
  return entry ? result(termDoc({ kind, name, entry }, p.target), span) : undefined;
}

/** A fetch (or, where an ACL is written, an ACL keyword) or converter name inside a sample expression. */
function sampleHover(p: Place, aclPosition: boolean): HoverResult | undefined {
  const piece = samplePiece(p.word.text, p.word.start, p.offset, true);
  if (!piece) return undefined;
  const { name, span } = pieceName(p.word.text, p.word.start, piece);
  if (!name) return undefined;
  if (piece.converter) {
    const entry = converter(name);
    return entry ? result(termDoc({ kind: 'converter', name, entry }, p.target), span) : undefined;
  }
  const entry = fetch(name);
  if (entry) return result(termDoc({ kind: 'fetch', name, entry }, p.target), span);
  const shorthand = aclPosition ? aclKeyword(name) : undefined;
  if (!shorthand) return undefined;
  const base = fetch(shorthand.fetch);
  const doc = base ? termDoc({ kind: 'fetch', name: shorthand.fetch, entry: base }, p.target, false) : '';
  return result(`**${name}** · ACL keyword: the \`${shorthand.fetch}\` fetch matched with \`-m ${shorthand.match}\`${doc ? `\n\n${doc}` : ''}`, span);
}

/** A word of an `if`/`unless` condition: an ACL name, or the fetch of an anonymous `{ … }` ACL. */
function conditionHover(p: Place, from: number, span: Span): HoverResult | undefined {
  const depth = braceDepth(p.st, from, p.index);
  if (depth > 0) {
    const previous = p.st.value(p.index - 1);
    return previous === '{' || previous === '!{' ? sampleHover(p, true) : undefined;
  }
  const raw = p.st.value(p.index)!;
  const name = raw.startsWith('!') ? raw.slice(1) : raw;
  if (!name || name === '||' || name === 'or' || name === '{' || name === '}') return undefined;
  const nameSpan = raw.startsWith('!') ? { start: span.start + 1, end: span.end } : span;
  if (predefinedAcls().includes(name) && !aclLines(p, name)) return result(`**${name}** · predefined ACL\n\nEvery proxy has it without declaring it.`, nameSpan);
  return result(aclDoc(p, name), nameSpan);
}

/** The `acl` lines of a name as the proxy sees them: its own, else those of its defaults chain. */
function aclLines(p: Place, name: string): { proxy: Proxy; lines: readonly Statement[] } | undefined {
  for (let proxy = p.model?.proxies.find((x) => x.section === p.section); proxy; proxy = proxy.defaults) {
    const lines = proxy.acls.get(name);
    if (lines) return { proxy, lines };
  }
  return undefined;
}

const lineText = (st: Statement) => st.words().map((w) => w.text).join(' ');

function aclDoc(p: Place, name: string): string | undefined {
  const found = aclLines(p, name);
  if (!found) return `**${name}** · ACL\n\nNot defined in this proxy${p.section.kind === 'defaults' ? '' : ' or its defaults'}: HAProxy refuses the condition.`;
  const where = found.proxy.section === p.section ? '' : ` (from ${found.proxy.kind} ${found.proxy.name || '(anonymous)'})`;
  const lines = found.lines.map((l) => `    ${lineText(l)}`).join('\n');
  const or = found.lines.length > 1 ? '\n\nThe lines are ORed: the ACL matches when any of them does.' : '';
  return `**${name}** · ACL${where}\n\n${lines}${or}`;
}

/** A bind address: the VIP it is on the node (instances, nodes, other frontends), or that it is none. */
function bindAddressHover(p: Place): HoverResult | undefined {
  const proxy = p.model?.proxies.find((x) => x.section === p.section);
  const bind = proxy?.binds.find((b) => b.word.start === p.word.start && p.offset >= b.start && p.offset <= b.end);
  if (!bind) return undefined;
  if (bind.kind === 'any') return result(`**${bind.text}** · all addresses\n\nListens on every local address, the VIP included, on each node.`, bind);
  if (bind.kind !== 'ip' || !bind.ip) return undefined;
  const span = bindHost(bind) ?? bind;
  const host = p.ctx.file.text.slice(span.start, span.end);
  const nodes = nodesServingHaproxy(p.ctx.analysis, p.ctx.path);
  const doc = vipDoc(p.ctx.analysis, nodes, bind.ip.key, host);
  if (doc) return result(doc, span);
  const vips = [...new Set(vipsOf(nodes).map((v) => v.address))];
  if (vips.length === 0) return undefined;
  return result(`**${host}** · not a VIP of ${nodes.map((n) => n.name).join(', ')}\n\nTheir VIPs are ${vips.map((v) => `\`${v}\``).join(', ')}.`, span);
}

/** A frontend, backend or listen: mode, binds or servers, and the routes into and out of it. */
function proxyDoc(p: Place, proxy: Proxy): string {
  const parts: string[] = [];
  const mode = proxy.mode;
  const serves = proxy.kind !== 'frontend';
  const balance = serves ? effectiveSetting(proxy, 'balance')?.value(1) ?? 'roundrobin' : undefined;
  parts.push(`**${proxy.kind} \`${proxy.name}\`** · mode ${mode}${balance ? ` · balance ${balance}` : ''}`);
  if (proxy.kind !== 'backend' && proxy.binds.length > 0) parts.push(`Listens on ${proxy.binds.map((b) => `\`${b.text}\``).join(', ')}`);
  if (serves) parts.push(serversText(proxy));
  if (proxy.kind !== 'backend') {
    const out = proxy.backendRefs.map((r) => `\`${r.name}\`${conditionText(r.statement)}`);
    if (out.length > 0) parts.push(`Routes to ${out.join('; ')}`);
  }
  if (serves) {
    const into: string[] = [];
    for (const from of p.model?.proxies ?? []) {
      for (const r of from.backendRefs) if (!r.dynamic && r.name === proxy.name) into.push(`${from.kind} \`${from.name || '(anonymous)'}\` (${r.statement.keyword}${conditionText(r.statement)})`);
    }
    parts.push(into.length > 0 ? `Routed to by ${into.join('; ')}` : 'No rule of this file routes to it.');
  }
  return parts.join('\n\n');
}

function serversText(proxy: Proxy): string {
  const n = proxy.servers.length;
  if (n === 0) return 'No servers.';
  const lines = proxy.servers.slice(0, MAX_LISTED).map((sv) => {
    const rest = sv.words().slice(3).map((w) => w.text).join(' ');
    return `- \`${sv.value(1) ?? ''}\` ${sv.value(2) ?? ''}${rest ? ` · ${rest}` : ''}`;
  });
  if (n > MAX_LISTED) lines.push(`- … and ${n - MAX_LISTED} more`);
  return `${n} server${n === 1 ? '' : 's'}:\n\n${lines.join('\n')}`;
}

/** ` if host_api` for a rule with a condition. */
function conditionText(st: Statement): string {
  const at = conditionStart(st, st.count);
  return at === undefined ? '' : ` ${st.words().slice(at - 1).map((w) => w.text).join(' ')}`;
}
