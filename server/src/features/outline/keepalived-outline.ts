/**
 * The outline of a keepalived file: every block (global_defs, instances, scripts, sync groups, virtual servers and
 * the blocks nested in them) and the entries of list blocks (VIPs, unicast peers, tracked scripts, group members).
 * Settings on single lines stay out: an instance shows its state, VRID and priority in its detail instead.
 */
import type { KeepalivedSyntax, KStatement } from '../../syntax/keepalived/ast.js';
import type { Span } from '../../syntax/text.js';
import { blockIcon, type SymbolIcon } from './icons.js';
import { clip, NO_CHILDREN, type OutlineSymbol } from './outline-symbol.js';

/** Blocks whose lines are entries (an address, a name) rather than settings, and the icon of an entry. */
const LIST_BLOCKS: ReadonlyMap<string, SymbolIcon> = new Map(Object.entries<SymbolIcon>({
  virtual_ipaddress: 'Constant',
  virtual_ipaddress_excluded: 'Constant',
  unicast_peer: 'Constant',
  static_ipaddress: 'Constant',
  virtual_routes: 'Field',
  virtual_rules: 'Field',
  static_routes: 'Field',
  static_rules: 'Field',
  track_script: 'Variable',
  track_file: 'Variable',
  track_process: 'Variable',
  track_interface: 'Variable',
  track_bfd: 'Variable',
  group: 'Variable',
}));

/** Settings summarised in a block's detail, with their label (none: the value speaks for itself). */
const SUMMARY: ReadonlyMap<string, ReadonlyArray<readonly [keyword: string, label: string]>> = new Map(Object.entries<ReadonlyArray<readonly [keyword: string, label: string]>>({
  vrrp_instance: [['state', ''], ['virtual_router_id', 'VRID '], ['priority', 'priority ']],
  vrrp_script: [['script', '']],
  real_server: [['weight', 'weight ']],
}));

const words = (st: KStatement) => st.args.map((a) => a.text).join(' ');
const prefix = (st: KStatement) => (st.condition ? `@${st.condition.negate ? '^' : ''}${st.condition.id} ` : '');

function summary(st: KStatement): string | undefined {
  const wanted = SUMMARY.get(st.keyword.value);
  if (!wanted || !st.block) return undefined;
  const parts: string[] = [];
  for (const [keyword, label] of wanted) {
    const found = st.block.statements.find((s) => s.keyword.value === keyword && s.args.length > 0);
    if (found) parts.push(`${label}${words(found)}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function entrySymbol(st: KStatement, icon: SymbolIcon): OutlineSymbol {
  return { name: st.keyword.text, detail: st.args.length > 0 ? clip(words(st)) : undefined, icon, span: st, selection: st.keyword, children: NO_CHILDREN };
}

function blockSymbol(st: KStatement): OutlineSymbol {
  const kw = st.keyword.value;
  // A named block (`vrrp_instance K8S_API`, `real_server 10.0.0.1 80`) is shown by its name, others by keyword.
  const named = st.args.length > 0;
  // A top-level `track_file NAME { … }` defines a check: its lines are settings, not a list.
  const list = named ? undefined : LIST_BLOCKS.get(kw);
  const children: OutlineSymbol[] = [];
  for (const inner of st.block?.statements ?? []) {
    if (inner.block) children.push(blockSymbol(inner));
    else if (list) children.push(entrySymbol(inner, list));
  }
  const selection: Span = named ? { start: st.args[0]!.start, end: st.args[st.args.length - 1]!.end } : st.keyword;
  const facts = summary(st);
  const detail = named ? `${prefix(st)}${kw}${facts ? ` (${facts})` : ''}` : prefix(st).trim() || undefined;
  return { name: named ? clip(words(st)) : st.keyword.text, detail: detail ? clip(detail) : undefined, icon: blockIcon(kw), span: st, selection, children };
}

export function keepalivedOutline(syntax: KeepalivedSyntax): OutlineSymbol[] {
  return syntax.statements.filter((st) => st.block).map(blockSymbol);
}
