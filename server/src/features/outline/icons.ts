/**
 * Which icon each kind of section, block and line gets in outlines and symbol searches. The names are those of
 * LSP's SymbolKind, so the protocol layer maps them one to one; the choices follow what the thing does: a frontend
 * is where traffic enters (Interface), a backend what serves it (Class), a vrrp_script a check that runs (Function).
 */
import type { SectionKind } from '../../syntax/haproxy/ast.js';

export type SymbolIcon =
  | 'Module'
  | 'Namespace'
  | 'Package'
  | 'Class'
  | 'Interface'
  | 'Struct'
  | 'Function'
  | 'Event'
  | 'Object'
  | 'Boolean'
  | 'Key'
  | 'Constant'
  | 'Variable'
  | 'Field'
  | 'Array';

const SECTION_ICONS: Partial<Record<SectionKind, SymbolIcon>> = {
  global: 'Module',
  defaults: 'Namespace',
  frontend: 'Interface',
  backend: 'Class',
  listen: 'Struct',
};

/** Sections that serve the proxies (userlist, resolvers, peers, rings…) share one icon. */
export const sectionIcon = (kind: SectionKind): SymbolIcon => SECTION_ICONS[kind] ?? 'Package';

const BLOCK_ICONS: ReadonlyMap<string, SymbolIcon> = new Map(Object.entries<SymbolIcon>({
  global_defs: 'Module',
  vrrp_instance: 'Class',
  vrrp_sync_group: 'Namespace',
  vrrp_script: 'Function',
  vrrp_track_file: 'Function',
  track_file: 'Function',
  vrrp_track_process: 'Function',
  virtual_server: 'Interface',
  virtual_server_group: 'Namespace',
  real_server: 'Object',
}));

/** A keepalived block; nested blocks without an icon of their own (authentication, unicast_peer…) are structs. */
export const blockIcon = (keyword: string): SymbolIcon => BLOCK_ICONS.get(keyword) ?? 'Struct';
