/**
 * Where a checked template sits in an Ansible project. From a template under `roles/<role>/templates/` (or a
 * playbook's `templates/`), the project folder is the nearest one above it (at most two levels) that holds an
 * inventory: `ansible.cfg`'s `inventory =`, else `inventory`/`inventories/…` folders, `hosts`, `hosts.ini`,
 * `inventory.ini`, `hosts.yml`…, or a `*.yml` file shaped like an inventory. Each inventory found is one
 * layout (`inventories/prod` and `inventories/staging` never mix). Only folder listings are read here, plus
 * ansible.cfg and the candidate `*.yml` files; loading the files is load.ts's job.
 */
import type { FileSystem } from '../fs.js';
import { basename, dirname, isInside, join } from '../paths.js';
import { looksLikeYamlInventory } from './inventory.js';

export interface InventorySource {
  /** The inventory as Ansible's `-i` would name it: a file or a folder. */
  readonly path: string;
  /** The inventory files it consists of. */
  readonly files: readonly string[];
  /** Folders whose `group_vars/` and `host_vars/` belong to this inventory. */
  readonly varsDir: string;
}

export interface LayoutSpec {
  /** The project folder: playbooks, `roles/`, `group_vars/` of the playbooks. */
  readonly root: string;
  readonly inventory: InventorySource;
  /** Role folders (each with templates/, defaults/, vars/, tasks/). */
  readonly roles: readonly string[];
  /** Candidate playbooks: `*.yml` in the project folder and its `playbooks/`. */
  readonly playbooks: readonly string[];
}

/** The folder a template sits in, in a role or beside playbooks. */
export const TEMPLATE_FOLDER = 'templates';
/** What Ansible skips in an inventory folder (its INVENTORY_IGNORE_EXTS, minus `.ini`, which people do use). */
const IGNORED = /(\.(pyc|pyo|swp|bak|rpm|md|txt|rst|orig|cfg|retry|j2|sh|py|cgi|pl)|~)$/i;
const INVENTORY_FILES = ['hosts', 'hosts.ini', 'hosts.yml', 'hosts.yaml', 'inventory', 'inventory.ini', 'inventory.yml', 'inventory.yaml'];
const VARS_DIRS = new Set(['group_vars', 'host_vars']);
const MAX_FILES = 500;

/** The project folder a template belongs to, if it sits in a `templates/` folder; and its role folder. */
function placeOf(template: string): { project: string; role?: string } | undefined {
  const parts = template.split('/');
  const t = parts.lastIndexOf(TEMPLATE_FOLDER, parts.length - 2);
  if (t <= 0) return undefined;
  const owner = parts.slice(0, t).join('/') || '/';
  if (t >= 2 && parts[t - 2] === 'roles') return { project: parts.slice(0, t - 2).join('/') || '/', role: owner };
  return { project: owner };
}

/** Files of an inventory folder, recursively, minus vars folders and ignored names. */
function inventoryFiles(fs: FileSystem, dir: string, out: string[] = []): string[] {
  for (const name of fs.readDir(dir) ?? []) {
    if (out.length >= MAX_FILES || name.startsWith('.') || VARS_DIRS.has(name) || IGNORED.test(name)) continue;
    const path = join(dir, name);
    const kind = fs.kind(path);
    if (kind === 'file') out.push(path);
    else if (kind === 'dir') inventoryFiles(fs, path, out);
  }
  return out;
}

function source(fs: FileSystem, path: string): InventorySource | undefined {
  const kind = fs.kind(path);
  if (kind === 'file') return { path, files: [path], varsDir: dirname(path) };
  if (kind !== 'dir') return undefined;
  const files = inventoryFiles(fs, path);
  return files.length > 0 ? { path, files, varsDir: path } : undefined;
}

/** `inventory = a, b` in ansible.cfg's [defaults], relative to the project folder. */
function configuredInventories(fs: FileSystem, dir: string): string[] | undefined {
  const text = fs.readFile(join(dir, 'ansible.cfg'))?.text;
  if (text === undefined) return undefined;
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1]!.trim();
    else if (section === 'defaults') {
      const m = /^(?:inventory|hostfile)\s*[=:]\s*(.+)$/.exec(line);
      if (m) return m[1]!.split(',').map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('~')).map((p) => join(dir, p));
    }
  }
  return undefined;
}

/** The inventories of one folder; `inside` keeps a configured inventory from leading out of the checked folders. */
function inventoriesIn(fs: FileSystem, dir: string, inside: (path: string) => boolean): InventorySource[] {
  const configured = configuredInventories(fs, dir);
  if (configured) return configured.filter(inside).map((p) => source(fs, p)).filter((s): s is InventorySource => s !== undefined);
  const names = fs.readDir(dir) ?? [];
  const out: InventorySource[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const kind = fs.kind(path);
    if (name === 'inventories' && kind === 'dir') {
      for (const child of fs.readDir(path) ?? []) {
        const s = VARS_DIRS.has(child) || child.startsWith('.') ? undefined : source(fs, join(path, child));
        if (s) out.push(s);
      }
    } else if (name === 'inventory' && kind === 'dir') {
      // A folder of environments (inventory/prod/hosts, inventory/staging/hosts) when it has no files of its own.
      const own = (fs.readDir(path) ?? []).filter((n) => !n.startsWith('.') && !IGNORED.test(n) && fs.kind(join(path, n)) === 'file');
      if (own.length > 0) out.push(source(fs, path)!);
      else for (const child of fs.readDir(path) ?? []) if (!VARS_DIRS.has(child)) out.push(...[source(fs, join(path, child))].filter((s): s is InventorySource => s !== undefined));
    } else if (INVENTORY_FILES.includes(name) && kind === 'file') {
      out.push(source(fs, path)!);
    } else if (/\.ya?ml$/.test(name) && kind === 'file' && looksLikeYamlInventory(fs.readFile(path)?.text ?? '')) {
      out.push(source(fs, path)!);
    }
  }
  return out;
}

function playbooksIn(fs: FileSystem, dir: string): string[] {
  const out: string[] = [];
  for (const d of [dir, join(dir, 'playbooks')]) {
    for (const name of fs.readDir(d) ?? []) if (/\.ya?ml$/.test(name) && fs.kind(join(d, name)) === 'file') out.push(join(d, name));
  }
  return out.slice(0, MAX_FILES);
}

function rolesIn(fs: FileSystem, dir: string): string[] {
  const roles = join(dir, 'roles');
  return (fs.readDir(roles) ?? []).filter((n) => !n.startsWith('.') && fs.kind(join(roles, n)) === 'dir').map((n) => join(roles, n));
}

/**
 * The Ansible layouts that the given templates belong to. `roots` bound the search upwards (the checked
 * folders). A project without an inventory is no layout: its templates stay checked on their own.
 */
export function findLayouts(fs: FileSystem, templates: readonly string[], roots: readonly string[]): LayoutSpec[] {
  const byInventory = new Map<string, LayoutSpec>();
  const projects = new Map<string, string[]>();
  for (const t of templates) {
    const place = placeOf(t);
    if (!place) continue;
    const roles = projects.get(place.project) ?? [];
    if (place.role && !roles.includes(place.role)) roles.push(place.role);
    projects.set(place.project, roles);
  }
  for (const [project, standaloneRoles] of projects) {
    const inside = (d: string) => roots.some((r) => isInside(d, r));
    let dir = project;
    for (let up = 0; up <= 2 && inside(dir); up++, dir = dirname(dir)) {
      const inventories = inventoriesIn(fs, dir, inside);
      if (inventories.length === 0) {
        if (dir === '/' || dir === '.') break;
        continue;
      }
      const roles = [...new Set([...rolesIn(fs, project), ...standaloneRoles, ...(dir !== project ? rolesIn(fs, dir) : [])])];
      // A project folder with templates/ next to tasks/ is itself a role (a role repository with a test inventory).
      if (fs.kind(join(project, 'tasks')) === 'dir' && !roles.includes(project)) roles.push(project);
      const playbooks = [...new Set([...playbooksIn(fs, project), ...(dir !== project ? playbooksIn(fs, dir) : [])])].filter((p) => !inventories.some((i) => i.files.includes(p)));
      for (const inventory of inventories) {
        if (!byInventory.has(inventory.path)) byInventory.set(inventory.path, { root: project, inventory, roles, playbooks });
      }
      break;
    }
  }
  return [...byInventory.values()];
}

/** A role's name as playbooks refer to it. */
export const roleName = (dir: string) => basename(dir);
