/**
 * Ansible inventories: hosts, groups (with `children`), and the variables written in the inventory itself.
 * Two formats, as Ansible's ini and yaml plugins read them: INI (`[group]` host lines with inline `key=value`,
 * `[group:children]`, `[group:vars]`, host ranges `lb[1:3]`) and YAML (`all:` / `children:` / `hosts:` /
 * `vars:`). Several files of one inventory folder add up into one Inventory.
 */
import { parseYaml } from './yaml.js';
import { FileProblems } from './problems.js';
import type { WorkspaceProblem } from '../types.js';

export interface Group {
  readonly name: string;
  /** Hosts listed directly in the group, in inventory order. */
  readonly hosts: string[];
  readonly children: string[];
  /** `[group:vars]` / YAML `vars:`. */
  readonly vars: Record<string, unknown>;
}

/**
 * Copies variables into `target` as own properties: a key named `__proto__` in a YAML or INI file is a
 * variable like any other, never the object's prototype.
 */
export function assignVars(target: Record<string, unknown>, ...sources: Array<Record<string, unknown>>): Record<string, unknown> {
  for (const source of sources) {
    for (const key of Object.keys(source)) Object.defineProperty(target, key, { value: source[key], writable: true, enumerable: true, configurable: true });
  }
  return target;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;

export class Inventory {
  readonly groups = new Map<string, Group>();
  /** Inline host variables, by host, in the order hosts first appear. */
  readonly hosts = new Map<string, Record<string, unknown>>();
  readonly problems: WorkspaceProblem[] = [];
  /** Each group's direct hosts as a set, beside its ordered `hosts` array: membership tests stay O(1) in big groups. */
  private readonly members = new Map<string, Set<string>>();

  constructor() {
    this.group('all');
    this.group('ungrouped');
  }

  group(name: string): Group {
    let g = this.groups.get(name);
    if (!g) {
      this.groups.set(name, (g = { name, hosts: [], children: [], vars: {} }));
      this.members.set(name, new Set());
    }
    return g;
  }

  /** Whether `host` is listed directly in `group`. */
  private hasDirect(group: string, host: string): boolean {
    return this.members.get(group)!.has(host);
  }

  addHost(group: string, host: string, vars: Record<string, unknown> = {}): void {
    const g = this.group(group);
    const members = this.members.get(group)!;
    if (!members.has(host)) {
      members.add(host);
      g.hosts.push(host);
    }
    this.hosts.set(host, assignVars({}, this.hosts.get(host) ?? {}, vars));
  }

  addChild(parent: string, child: string): void {
    const p = this.group(parent);
    this.group(child);
    if (!p.children.includes(child) && child !== parent) p.children.push(child);
  }

  /** Every host of a group, its children's included, in inventory order. `all` holds every host. */
  hostsOf(name: string): string[] {
    if (name === 'all') return [...this.hosts.keys()];
    if (name === 'ungrouped') return [...this.hosts.keys()].filter((h) => this.groupsOf(h).length === 1 || this.hasDirect('ungrouped', h));
    const out = new Set<string>();
    const seen = new Set<string>();
    const walk = (g: string) => {
      if (seen.has(g)) return;
      seen.add(g);
      const group = this.groups.get(g);
      group?.hosts.forEach((h) => out.add(h));
      group?.children.forEach(walk);
    };
    walk(name);
    return [...out];
  }

  /** The groups a host belongs to, directly or through children, `all` included. */
  groupsOf(host: string): string[] {
    const direct = [...this.groups.keys()].filter((g) => this.hasDirect(g, host));
    const out = new Set<string>(['all']);
    const parents = (child: string) => [...this.groups.values()].filter((g) => g.children.includes(child)).map((g) => g.name);
    const walk = (g: string) => {
      if (out.has(g) && g !== 'all') return;
      out.add(g);
      parents(g).forEach(walk);
    };
    direct.forEach(walk);
    return [...out];
  }

  /** How deep a group sits under `all` (Ansible applies shallower groups' variables first). */
  depth(name: string): number {
    if (name === 'all') return 0;
    const seen = new Set<string>();
    const up = (g: string): number => {
      if (seen.has(g)) return 0;
      seen.add(g);
      const parents = [...this.groups.values()].filter((p) => p.children.includes(g) && p.name !== 'all');
      return parents.length === 0 ? 1 : 1 + Math.max(...parents.map((p) => up(p.name)));
    };
    return up(name);
  }
}

/** `web[01:03].example.com` → web01…web03 (numeric with padding, or letters); other names as they are. */
export function expandHostPattern(pattern: string): string[] {
  const m = /^(.*?)\[([0-9a-z]+):([0-9a-z]+)(?::(\d+))?\](.*)$/i.exec(pattern);
  if (!m) return [pattern];
  const [, head, from, to, step, tail] = m as unknown as [string, string, string, string, string | undefined, string];
  const by = step ? Number(step) : 1;
  const out: string[] = [];
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const width = from.startsWith('0') ? from.length : 0;
    for (let i = Number(from); i <= Number(to) && out.length < 10_000; i += by) {
      for (const rest of expandHostPattern(tail)) out.push(`${head}${String(i).padStart(width, '0')}${rest}`);
    }
  } else if (from.length === 1 && to.length === 1) {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c += by) for (const rest of expandHostPattern(tail)) out.push(`${head}${String.fromCharCode(c)}${rest}`);
  } else return [pattern];
  return out;
}

/** Shell-like words of a host line: quotes group, `#` outside quotes starts a comment. */
function words(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote = '';
  let inWord = false;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = '';
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(current);
      current = '';
      inWord = false;
    } else if (c === '#' && !inWord) break;
    else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) out.push(current);
  return out;
}

/** An inline host value as Ansible reads it (a Python literal when it is one, else the string). */
function literal(text: string): unknown {
  if (/^[-+]?\d+$/.test(text)) return Number(text);
  if (/^[-+]?\d*\.\d+$/.test(text)) return Number(text);
  if (text === 'True' || text === 'False') return text === 'True';
  if (text === 'None') return null;
  if (/^\[.*\]$|^\{.*\}$/.test(text)) {
    const parsed = parseYaml(text);
    if ('value' in parsed) return parsed.value;
  }
  return text;
}

const unquote = (s: string) => (/^(['"]).*\1$/.test(s) ? s.slice(1, -1) : s);

/** Reads an INI inventory into `inv`. */
export function readIniInventory(text: string, file: string, inv: Inventory): void {
  const problems = new FileProblems(file, text, inv.problems);
  // 'skipped': the lines of a section Ansible refuses, which belong to no group.
  let section = { group: 'ungrouped', kind: 'hosts' as 'hosts' | 'children' | 'vars' | 'skipped' };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]:]+)(?::(\w+))?\]$/.exec(line);
    if (header) {
      const kind = header[2] ?? 'hosts';
      if (kind !== 'hosts' && kind !== 'children' && kind !== 'vars') {
        // Ansible stops reading the whole inventory here ("Section [...] has unknown type").
        problems.add(`unknown inventory section kind ':${kind}': Ansible refuses this inventory; the section's lines are skipped`, i);
        section = { group: header[1]!.trim(), kind: 'skipped' };
        return;
      }
      section = { group: header[1]!.trim(), kind };
      inv.group(section.group);
      return;
    }
    if (section.kind === 'skipped') return;
    if (section.kind === 'children') {
      inv.addChild(section.group, words(line)[0] ?? line);
      return;
    }
    if (section.kind === 'vars') {
      const eq = line.indexOf('=');
      if (eq === -1) problems.add(`expected key=value in [${section.group}:vars]: the line is skipped`, i);
      else assignVars(inv.group(section.group).vars, { [line.slice(0, eq).trim()]: unquote(line.slice(eq + 1).trim()) });
      return;
    }
    const [first, ...rest] = words(line);
    if (!first) return;
    const vars: Record<string, unknown> = {};
    for (const w of rest) {
      const eq = w.indexOf('=');
      if (eq <= 0) {
        problems.add(`expected key=value after the host name, found '${w}': the host is skipped`, i);
        return;
      }
      vars[w.slice(0, eq)] = literal(w.slice(eq + 1));
    }
    // `host:port` sets the SSH port; an IPv6 address keeps its colons.
    const port = /^([^:]+):(\d+)$/.exec(first);
    if (port) vars.ansible_port = Number(port[2]);
    for (const host of expandHostPattern(port ? port[1]! : first)) inv.addHost(section.group, host, vars);
  });
}

/** The 0-based line where `key:` first starts a line, else 0: where a problem with that key is shown. */
function lineOfKey(text: string, key: string): number {
  const m = new RegExp(`^[ \\t]*['"]?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?[ \\t]*:`, 'm').exec(text);
  return m ? text.slice(0, m.index).split('\n').length - 1 : 0;
}

/** Reads one group of a YAML inventory (`hosts`, `children`, `vars`), recursively. */
function readYamlGroup(name: string, body: unknown, inv: Inventory, text: string, problems: FileProblems, depth = 0): void {
  inv.group(name);
  if (body === null || body === undefined) return;
  if (!isRecord(body) || depth > 50) {
    problems.add(`group '${name}' should be a mapping of hosts, children and vars`, lineOfKey(text, name));
    return;
  }
  if (isRecord(body.hosts)) {
    for (const [pattern, vars] of Object.entries(body.hosts)) {
      for (const host of expandHostPattern(pattern)) inv.addHost(name, host, isRecord(vars) ? vars : {});
    }
  }
  if (isRecord(body.vars)) assignVars(inv.group(name).vars, body.vars);
  if (isRecord(body.children)) {
    for (const [child, childBody] of Object.entries(body.children)) {
      inv.addChild(name, child);
      readYamlGroup(child, childBody, inv, text, problems, depth + 1);
    }
  }
}

/** Reads a YAML inventory into `inv`. */
export function readYamlInventory(text: string, file: string, inv: Inventory): void {
  const problems = new FileProblems(file, text, inv.problems);
  const parsed = parseYaml(text);
  if ('error' in parsed) {
    problems.add(`${parsed.error}: the inventory file is skipped`, parsed.line);
    return;
  }
  if (parsed.value === null || parsed.value === undefined) return;
  if (!isRecord(parsed.value)) {
    problems.add('a YAML inventory is a mapping of groups: the file is skipped');
    return;
  }
  for (const [name, body] of Object.entries(parsed.value)) {
    if (name !== 'all') inv.addChild('all', name);
    readYamlGroup(name, body, inv, text, problems);
  }
}

/** Whether a file is read by the YAML plugin (by extension, as Ansible decides) rather than the INI one. */
export const isYamlInventory = (path: string) => /\.(ya?ml|json)$/i.test(path);

/** Whether YAML text has the shape of an inventory (a group with hosts or children), not a playbook or vars. */
export function looksLikeYamlInventory(text: string): boolean {
  return /^[\w.-]+:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]+(?:hosts|children):/m.test(text) && !/^-[ \t]/m.test(text);
}
