/**
 * keepalived completion: the keywords of the block at the cursor (from the keyword tree, for the target
 * version), the values of their arguments, and in value lists the names defined elsewhere: vrrp_scripts in
 * track_script, instances in sync groups, interfaces of the node, the peers' addresses in unicast_peer.
 */
import { availableIn, blockOf, type BlockSpec, type KeywordSpec } from '../knowledge/keepalived/keywords.js';
import type { KeepalivedVersion } from '../knowledge/versions.js';
import type { KeepalivedModel } from '../model/keepalived.js';
import { KWORD_TEMPLATED } from '../syntax/keepalived/lexer.js';
import type { KeepalivedSyntax } from '../syntax/keepalived/ast.js';
import type { Span } from '../syntax/text.js';
import { entries, type CompletionEntry, type CompletionRequest } from './completion.js';
import type { FeatureContext } from './context.js';
import { keepalivedCursor, type KeepalivedCursor } from './keepalived-cursor.js';
import { argShape, keepalivedKeywordDoc } from './keepalived-docs.js';
import { instanceAt, interfacesOf, modelsReading, nodesOfKeepalived, peersOf } from './node-facts.js';

const BOOL_VALUES = ['on', 'off', 'true', 'false', 'yes', 'no'];
/** Keywords whose argument is a network interface. */
const INTERFACE_KEYWORDS: ReadonlySet<string> = new Set(['interface', 'default_interface', 'lvs_sync_daemon', 'dev', 'linkbeat_interfaces']);

interface Scope {
  readonly ctx: FeatureContext;
  readonly cur: KeepalivedCursor;
  readonly block: BlockSpec;
  readonly span: Span;
  readonly version: KeepalivedVersion;
}

export function completeKeepalived(ctx: FeatureContext, syntax: KeepalivedSyntax, req: CompletionRequest): CompletionEntry[] {
  const version = ctx.settings.versions.keepalived;
  const cur = keepalivedCursor(syntax, req.offset, version);
  if (cur.inComment || cur.foreign || !cur.block || (cur.word && cur.word.flags & KWORD_TEMPLATED)) return [];
  const span = cur.word ? { start: cur.word.start, end: cur.word.end } : { start: cur.offset, end: cur.offset };
  const s: Scope = { ctx, cur, block: cur.block, span, version };
  if (cur.index === 0) {
    if (req.trigger === ' ') return [];
    return cur.block.content === 'keywords' ? keywordEntries(s) : listEntries(s);
  }
  return argumentEntries(s);
}

/** Whether the keyword's argument has a list to offer: worth suggesting again once it is inserted. */
function hasValues(spec: KeywordSpec): boolean {
  return spec.arg.kind === 'enum' || INTERFACE_KEYWORDS.has(spec.name);
}

function keywordEntries(s: Scope): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const spec of s.block.keywords) {
    if (!availableIn(spec, s.version)) continue;
    const deprecated = spec.deprecated !== undefined;
    out.push({
      label: spec.name,
      kind: spec.opens ? 'snippet' : 'keyword',
      span: s.span,
      detail: spec.opens ? `block${deprecated ? ' (deprecated)' : ''}` : `${argShape(spec.arg)}${deprecated ? ' (deprecated)' : ''}`,
      documentation: keepalivedKeywordDoc(spec, s.block, s.version, false),
      deprecated,
      rank: deprecated ? 1 : 0,
      ...insertion(spec),
    });
  }
  return out;
}

/** What is inserted for a keyword: a block with its braces, or the keyword and a space before a value list. */
function insertion(spec: KeywordSpec): Partial<CompletionEntry> {
  const opened = spec.opens ? blockOf(spec.opens) : undefined;
  if (opened) {
    const header = opened.headerArg === 'name' ? ' ${1:name}' : opened.headerArg === 'address' || spec.arg.kind !== 'none' ? ' ${1}' : '';
    return { insertText: `${spec.name}${header} {\n\t$0\n}`, snippet: true };
  }
  if (hasValues(spec)) return { insertText: `${spec.name} `, retrigger: true };
  return spec.arg.kind === 'none' ? {} : { insertText: `${spec.name} ` };
}

/** The models that read this file, for names defined anywhere in the configuration. */
function models(s: Scope): KeepalivedModel[] {
  const own = s.ctx.keepalived?.models ?? [];
  return own.length > 0 ? [...own] : modelsReading(s.ctx.analysis, s.ctx.path);
}

function interfaces(s: Scope): CompletionEntry[] {
  const names = interfacesOf(nodesOfKeepalived(s.ctx.analysis, s.ctx.path), models(s));
  return entries(names, 'value', s.span, () => ({ detail: 'interface used on this node' }));
}

/** The first word of an entry in a value list (track_script, group, unicast_peer…). */
function listEntries(s: Scope): CompletionEntry[] {
  const ms = models(s);
  switch (s.block.id) {
    case 'track_script':
      return names(s, ms.flatMap((m) => [...m.scripts.keys()]), 'vrrp_script');
    case 'track_interface':
      return interfaces(s);
    case 'sync_group_members':
    case 'track_group_members':
      return names(s, ms.flatMap((m) => m.instances.map((i) => i.name)), 'vrrp_instance');
    case 'track_file_list':
      return names(s, definedNames(ms, ['track_file', 'vrrp_track_file']), 'track_file');
    case 'track_process':
      return names(s, definedNames(ms, ['vrrp_track_process']), 'vrrp_track_process');
    case 'track_bfd':
      return names(s, definedNames(ms, ['bfd_instance']), 'bfd_instance');
    case 'unicast_peer':
      return peerAddresses(s, ms);
  }
  return [];
}

function names(s: Scope, list: readonly string[], what: string): CompletionEntry[] {
  return entries(new Set(list.filter((n) => n !== '')), 'reference', s.span, () => ({ detail: what }));
}

/** Names of top-level blocks (`vrrp_track_process NAME { }`). */
function definedNames(ms: readonly KeepalivedModel[], keywords: readonly string[]): string[] {
  return ms.flatMap((m) => m.tree.filter((st) => keywords.includes(st.keyword.value) && st.args[0]).map((st) => st.args[0]!.value));
}

/** In an instance's unicast_peer block: the own addresses (unicast_src_ip) of its peers on other nodes. */
function peerAddresses(s: Scope, ms: readonly KeepalivedModel[]): CompletionEntry[] {
  const instanceStatement = s.cur.path.find((st) => st.keyword.value === 'vrrp_instance');
  const found = instanceStatement ? instanceAt(ms, s.ctx.path, instanceStatement.keyword) : undefined;
  if (!found) return [];
  const nodes = nodesOfKeepalived(s.ctx.analysis, s.ctx.path);
  const out: CompletionEntry[] = [];
  for (const m of peersOf(s.ctx.analysis, found.instance, nodes, found.model)) {
    const ip = m.instance.unicastSrcIp;
    if (m.model === found.model || !ip?.text || ip.opaque) continue;
    out.push({ label: ip.text, kind: 'address', span: s.span, detail: `unicast_src_ip of ${m.node.name} (${m.instance.name})` });
  }
  return out;
}

/** Words after the keyword: its value, or the options of a list entry (`dev`, `label`, `weight`…). */
function argumentEntries(s: Scope): CompletionEntry[] {
  const st = s.cur.statement;
  if (!st) return [];
  if (s.block.content === 'keywords') {
    const spec = s.block.keywords.find((k) => k.name === st.keyword.value);
    return spec && s.cur.index === 1 ? valueEntries(s, spec) : [];
  }
  const previous = [st.keyword, ...st.args][s.cur.index - 1]!.value;
  const option = s.block.keywords.find((k) => k.name === previous);
  if (option && option.arg.kind !== 'none') return valueEntries(s, option);
  return s.block.keywords
    .filter((k) => availableIn(k, s.version))
    .map((k) => ({ label: k.name, kind: 'parameter' as const, span: s.span, detail: argShape(k.arg), documentation: keepalivedKeywordDoc(k, s.block, s.version, false) }));
}

function valueEntries(s: Scope, spec: KeywordSpec): CompletionEntry[] {
  if (INTERFACE_KEYWORDS.has(spec.name)) return interfaces(s);
  if (spec.arg.kind === 'enum') return entries(spec.arg.values ?? [], 'value', s.span, () => ({ detail: spec.name }));
  if (spec.arg.kind === 'bool') return entries(BOOL_VALUES, 'value', s.span, () => ({ detail: spec.name }));
  return [];
}
