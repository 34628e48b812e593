/**
 * Every place a keepalived config defines or uses a name: vrrp_script (and track file/process) names with their
 * track_* entries, vrrp_instance names with the sync groups listing them, virtual_server_group names, and VIP
 * addresses (virtual_ipaddress entries, and the LVS virtual servers and virtual server groups that use them).
 * Collected from a statement list (one file's own syntax, or a model's tree with its includes) and kept per list.
 */
import { parseIp } from '../../model/address.js';
import { INCLUDE_KEYWORDS } from '../../model/keepalived.js';
import type { KStatement, KWord } from '../../syntax/keepalived/ast.js';
import { KWORD_TEMPLATED } from '../../syntax/keepalived/lexer.js';
import type { SourceFile, Span } from '../../syntax/text.js';

export type KeepalivedNameKind = 'vrrp_script' | 'vrrp_track_file' | 'vrrp_track_process' | 'vrrp_instance' | 'virtual_server_group' | 'vip';

export interface KeepalivedSite extends Span {
  readonly kind: KeepalivedNameKind;
  /** The name; for a VIP, the address's canonical key (so `2001:db8::1` and `2001:0db8::1` match). */
  readonly name: string;
  readonly definition: boolean;
  readonly file: SourceFile;
}

/** Blocks that define a name: `vrrp_script NAME { … }`. `track_file NAME { … }` is the newer spelling. */
const DEFINERS: ReadonlyMap<string, KeepalivedNameKind> = new Map(Object.entries<KeepalivedNameKind>({
  vrrp_script: 'vrrp_script',
  vrrp_track_file: 'vrrp_track_file',
  track_file: 'vrrp_track_file',
  vrrp_track_process: 'vrrp_track_process',
  vrrp_instance: 'vrrp_instance',
  virtual_server_group: 'virtual_server_group',
}));

/** Blocks whose entries name something defined elsewhere. */
const REFERRING_BLOCKS: ReadonlyMap<string, KeepalivedNameKind> = new Map(Object.entries<KeepalivedNameKind>({
  track_script: 'vrrp_script',
  track_file: 'vrrp_track_file',
  track_process: 'vrrp_track_process',
  group: 'vrrp_instance',
}));

/** track_* lists sit in an instance or a sync group (a top-level `track_file NAME { … }` defines instead); `group`
 * lists are a sync group's. */
function refersFrom(list: string, owner: KStatement | undefined): boolean {
  const kw = owner?.keyword.value;
  return kw === 'vrrp_sync_group' || (kw === 'vrrp_instance' && list !== 'group');
}

const VIP_BLOCKS: ReadonlySet<string> = new Set(['virtual_ipaddress', 'virtual_ipaddress_excluded']);

/** Names that parameters or templates fill in are not known here. */
const knownName = (w: KWord) => !(w.flags & KWORD_TEMPLATED) && !w.value.includes('$') && w.value !== '';

const cache = new WeakMap<readonly KStatement[], readonly KeepalivedSite[]>();

/** The sites of a statement list, in tree order (a model's tree runs through its included files). */
export function keepalivedSites(statements: readonly KStatement[]): readonly KeepalivedSite[] {
  let sites = cache.get(statements);
  if (!sites) {
    sites = [];
    walk(statements, undefined, undefined, sites as KeepalivedSite[]);
    cache.set(statements, sites);
  }
  return sites;
}

export function keepalivedSiteAt(statements: readonly KStatement[], file: SourceFile, offset: number): KeepalivedSite | undefined {
  return keepalivedSites(statements).find((s) => s.file === file && s.start <= offset && offset <= s.end);
}

function walk(statements: readonly KStatement[], parent: KStatement | undefined, grandparent: KStatement | undefined, out: KeepalivedSite[]): void {
  const add = (kind: KeepalivedNameKind, w: KWord, definition: boolean, file: SourceFile) => {
    if (knownName(w)) out.push({ kind, name: w.value, start: w.start, end: w.end, definition, file });
  };
  const addAddress = (w: KWord, definition: boolean, file: SourceFile) => {
    // Plain words only: the range must be the address as written, prefix length excluded.
    if (!knownName(w) || w.text !== w.value) return;
    const slash = w.text.indexOf('/');
    const ip = parseIp(w.text);
    if (ip) out.push({ kind: 'vip', name: ip.key, start: w.start, end: slash === -1 ? w.end : w.start + slash, definition, file });
  };
  const parentKeyword = parent?.keyword.value;
  for (const st of statements) {
    const kw = st.keyword.value;
    if (INCLUDE_KEYWORDS.has(kw)) continue;
    if (parentKeyword !== undefined && VIP_BLOCKS.has(parentKeyword) && grandparent?.keyword.value === 'vrrp_instance') addAddress(st.keyword, true, st.file);
    else if (parentKeyword === 'virtual_server_group' && grandparent === undefined) addAddress(st.keyword, false, st.file);
    else if (parentKeyword !== undefined && REFERRING_BLOCKS.get(parentKeyword) && refersFrom(parentKeyword, grandparent)) add(REFERRING_BLOCKS.get(parentKeyword)!, st.keyword, false, st.file);
    else if (parent === undefined && DEFINERS.get(kw) && st.args[0] && st.block) add(DEFINERS.get(kw)!, st.args[0], true, st.file);
    else if (kw === 'virtual_server' && parent === undefined) {
      if (st.args[0]?.value === 'group' && st.args[1]) add('virtual_server_group', st.args[1], false, st.file);
      else if (st.args[0]) addAddress(st.args[0], false, st.file);
    }
    if (st.block) walk(st.block.statements, st, parent, out);
  }
}
