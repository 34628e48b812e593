/**
 * Reads one Ansible layout: its inventory, the `group_vars/` and `host_vars/` of the inventory and of the
 * playbooks, each role's `defaults/`, `vars/` and template tasks, and the plays (which hosts run which roles,
 * with which `vars:`). Every file read is recorded with its text, so the result can be reused while none of
 * them changed. Bad files become problems, never exceptions.
 */
import type { FileSystem } from '../fs.js';
import { languageFromName } from '../detect.js';
import { basename, join } from '../paths.js';
import type { Language, WorkspaceProblem } from '../types.js';
import { roleName, type LayoutSpec } from './detect.js';
import { assignVars, Inventory, isYamlInventory, readIniInventory, readYamlInventory } from './inventory.js';
import { parseYaml } from './yaml.js';
import { FileProblems } from './problems.js';

export type Vars = Record<string, unknown>;

export interface TemplateUse {
  readonly path: string;
  readonly language: Language;
  readonly text: string;
}

export interface Role {
  readonly name: string;
  readonly dir: string;
  readonly defaults: Vars;
  readonly vars: Vars;
  readonly templates: readonly TemplateUse[];
}

export interface Play {
  /** The `hosts:` pattern. */
  readonly hosts: string;
  readonly roles: readonly string[];
  readonly vars: Vars;
}

export interface LoadedLayout {
  readonly spec: LayoutSpec;
  readonly inventory: Inventory;
  /** `group_vars/` by group name: the inventory's first, then the playbooks' (which win). */
  readonly groupVars: ReadonlyArray<ReadonlyMap<string, Vars>>;
  /** `host_vars/` by host name, in the same order. */
  readonly hostVars: ReadonlyArray<ReadonlyMap<string, Vars>>;
  readonly roles: readonly Role[];
  readonly plays: readonly Play[];
  readonly problems: WorkspaceProblem[];
  /** Every path read and its text (undefined when missing): equal inputs give an equal layout. */
  readonly inputs: ReadonlyArray<string | undefined>;
}

const isRecord = (x: unknown): x is Vars => typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
const VARS_FILE = /^[^.][^/]*?(\.(ya?ml|json))?$/;
const TEMPLATE_MODULES = ['template', 'ansible.builtin.template', 'ansible.legacy.template'];
const ROLE_MODULES = ['include_role', 'import_role', 'ansible.builtin.include_role', 'ansible.builtin.import_role'];
const MAX_DEPTH = 8;

/** YAML parses by text, shared by every layout: unchanged files are not parsed again. */
const parses = new Map<string, ReturnType<typeof parseYaml>>();
function cachedYaml(text: string): ReturnType<typeof parseYaml> {
  let r = parses.get(text);
  if (!r) {
    if (parses.size > 2000) parses.clear();
    parses.set(text, (r = parseYaml(text)));
  }
  return r;
}

class Reader {
  readonly inputs: Array<string | undefined> = [];
  readonly problems: WorkspaceProblem[] = [];

  constructor(readonly fs: FileSystem) {}

  text(path: string): string | undefined {
    const c = this.fs.readFile(path);
    const text = c && !c.binary ? c.text : undefined;
    this.inputs.push(path, text);
    return text;
  }

  list(dir: string): string[] {
    const names = (this.fs.readDir(dir) ?? []).filter((n) => !n.startsWith('.'));
    this.inputs.push(`${dir}/`, names.join('\n'));
    return names;
  }

  /** A YAML file's content; undefined (with a problem) when unreadable, vault-encrypted or invalid. */
  yaml(path: string): unknown {
    return this.document(path)?.value;
  }

  /** A YAML file that must hold a mapping of variables. */
  vars(path: string): Vars {
    const doc = this.document(path);
    if (doc === undefined || doc.value === undefined || doc.value === null) return {};
    if (isRecord(doc.value)) return doc.value;
    new FileProblems(path, doc.text, this.problems).add('expected a mapping of variables: the file is skipped');
    return {};
  }

  private document(path: string): { text: string; value: unknown } | undefined {
    const text = this.text(path);
    if (text === undefined) return undefined;
    if (text.startsWith('$ANSIBLE_VAULT')) {
      new FileProblems(path, text, this.problems).add('the file is encrypted with ansible-vault: its variables are unknown to hapair');
      return undefined;
    }
    const r = cachedYaml(text);
    if ('error' in r) {
      new FileProblems(path, text, this.problems).add(`${r.error}: the file is skipped`, r.line);
      return undefined;
    }
    return { text, value: r.value };
  }

  /** Files of a folder, recursively, in name order (how Ansible reads `group_vars/<group>/`). */
  filesUnder(dir: string, depth = 0): string[] {
    if (depth > MAX_DEPTH) return [];
    return this.list(dir).flatMap((n) => {
      const path = join(dir, n);
      const kind = this.fs.kind(path);
      return kind === 'dir' ? this.filesUnder(path, depth + 1) : kind === 'file' ? [path] : [];
    });
  }
}

/** `group_vars/` or `host_vars/`: a file per name (`lb`, `lb.yml`…) or a folder of files per name. */
function readVarsFolder(reader: Reader, dir: string): Map<string, Vars> {
  const out = new Map<string, Vars>();
  if (reader.fs.kind(dir) !== 'dir') return out;
  for (const name of reader.list(dir)) {
    const path = join(dir, name);
    const kind = reader.fs.kind(path);
    if (kind === 'file' && VARS_FILE.test(name)) {
      const key = name.replace(/\.(ya?ml|json)$/, '');
      out.set(key, assignVars({}, out.get(key) ?? {}, reader.vars(path)));
    } else if (kind === 'dir') {
      const merged = assignVars({}, out.get(name) ?? {});
      for (const f of reader.filesUnder(path)) if (VARS_FILE.test(basename(f))) assignVars(merged, reader.vars(f));
      out.set(name, merged);
    }
  }
  return out;
}

/** `defaults/main.yml`, `defaults/main/*.yml` (and the same for `vars/`). */
function readRoleVars(reader: Reader, dir: string): Vars {
  const out: Vars = {};
  for (const name of ['main.yml', 'main.yaml', 'main.json', 'main']) {
    const path = join(dir, name);
    const kind = reader.fs.kind(path);
    if (kind === 'file') assignVars(out, reader.vars(path));
    else if (kind === 'dir') for (const f of reader.filesUnder(path)) assignVars(out, reader.vars(f));
  }
  return out;
}

interface TaskFacts {
  templates: Array<{ src: string; dest?: string }>;
  roles: string[];
}

/** `src=a dest=b` (the old one-line module syntax) as a mapping. */
function keyValues(text: string): Vars {
  const out: Vars = {};
  for (const m of text.matchAll(/(\w+)=("[^"]*"|'[^']*'|\S+)/g)) out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  return out;
}

/** Template tasks and role inclusions in a task list, `block:`s included. */
function scanTasks(tasks: unknown, into: TaskFacts, depth = 0): TaskFacts {
  if (!Array.isArray(tasks) || depth > MAX_DEPTH) return into;
  for (const task of tasks) {
    if (!isRecord(task)) continue;
    for (const key of ['block', 'rescue', 'always']) scanTasks(task[key], into, depth + 1);
    for (const m of TEMPLATE_MODULES) {
      const args = typeof task[m] === 'string' ? keyValues(task[m] as string) : task[m];
      if (isRecord(args) && typeof args.src === 'string' && !args.src.includes('{{')) {
        into.templates.push({ src: args.src, dest: typeof args.dest === 'string' && !args.dest.includes('{{') ? args.dest : undefined });
      }
    }
    for (const m of ROLE_MODULES) {
      const args = task[m];
      const name = isRecord(args) ? args.name : typeof args === 'string' ? keyValues(args).name : undefined;
      if (typeof name === 'string') into.roles.push(name);
    }
  }
  return into;
}

/** The last segment of `namespace.collection.role`, as roles/ folders are named. */
const shortRole = (name: string) => name.slice(name.lastIndexOf('.') + 1);

function readRole(reader: Reader, dir: string, languageOf: (path: string) => Language | undefined): Role {
  const facts: TaskFacts = { templates: [], roles: [] };
  const tasksDir = join(dir, 'tasks');
  if (reader.fs.kind(tasksDir) === 'dir') for (const f of reader.filesUnder(tasksDir)) if (/\.ya?ml$/.test(f)) scanTasks(reader.yaml(f), facts);
  const templates = new Map<string, Language>();
  const templatesDir = join(dir, 'templates');
  if (reader.fs.kind(templatesDir) === 'dir') {
    for (const f of reader.filesUnder(templatesDir)) {
      const language = languageOf(f);
      if (language) templates.set(f, language);
    }
  }
  // A template task's dest names the config it becomes, for templates whose own name and content do not tell.
  for (const t of facts.templates) {
    const path = [join(templatesDir, t.src), join(dir, t.src)].find((p) => reader.fs.kind(p) === 'file');
    const language = t.dest ? languageFromName(t.dest) : undefined;
    if (path && language && !templates.has(path)) templates.set(path, language);
  }
  const uses: TemplateUse[] = [];
  for (const [path, language] of templates) {
    const text = reader.text(path);
    if (text !== undefined) uses.push({ path, language, text });
  }
  return { name: roleName(dir), dir, defaults: readRoleVars(reader, join(dir, 'defaults')), vars: readRoleVars(reader, join(dir, 'vars')), templates: uses };
}

function readPlays(reader: Reader, path: string): Play[] {
  const doc = reader.yaml(path);
  if (!Array.isArray(doc)) return [];
  const plays: Play[] = [];
  for (const p of doc) {
    if (!isRecord(p) || p.hosts === undefined) continue;
    const hosts = Array.isArray(p.hosts) ? p.hosts.map(String).join(':') : String(p.hosts);
    const roles = (Array.isArray(p.roles) ? p.roles : []).map((r) => (typeof r === 'string' ? r : isRecord(r) ? (r.role ?? r.name) : undefined)).filter((r): r is string => typeof r === 'string');
    const facts: TaskFacts = { templates: [], roles: [] };
    for (const key of ['pre_tasks', 'tasks', 'post_tasks']) scanTasks(p[key], facts);
    plays.push({ hosts, roles: [...roles, ...facts.roles].map(shortRole), vars: isRecord(p.vars) ? p.vars : {} });
  }
  return plays;
}

/** Loads a layout. `languageOf` says which files the workspace checks as configs (and in which language). */
export function loadLayout(fs: FileSystem, spec: LayoutSpec, languageOf: (path: string) => Language | undefined): LoadedLayout {
  const reader = new Reader(fs);
  // What detection found is part of the layout's identity too (a new role or playbook changes it).
  reader.inputs.push(spec.root, [...spec.inventory.files, ...spec.roles, ...spec.playbooks].join('\n'));
  const inventory = new Inventory();
  for (const file of spec.inventory.files) {
    const text = reader.text(file);
    if (text === undefined) continue;
    if (isYamlInventory(file)) readYamlInventory(text, file, inventory);
    else readIniInventory(text, file, inventory);
  }
  const varsDirs = [...new Set([spec.inventory.varsDir, spec.root])];
  const groupVars = varsDirs.map((d) => readVarsFolder(reader, join(d, 'group_vars')));
  const hostVars = varsDirs.map((d) => readVarsFolder(reader, join(d, 'host_vars')));
  const roles = spec.roles.map((dir) => readRole(reader, dir, languageOf));
  const plays = spec.playbooks.flatMap((p) => readPlays(reader, p));
  return { spec, inventory, groupVars, hostVars, roles, plays, problems: [...inventory.problems, ...reader.problems], inputs: reader.inputs };
}
