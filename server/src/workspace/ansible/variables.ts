/**
 * A host's variables as a template sees them. Precedence, lowest first (a documented subset of Ansible's
 * 22 levels; a higher level replaces a whole top-level variable, as Ansible's default `hash_behaviour` does):
 *   1. role defaults (`defaults/main.yml`)
 *   2. group variables written in the inventory (`[g:vars]`, YAML `vars:`), `all` first, then groups by depth
 *      (parents before children), `ansible_group_priority`, name
 *   3. `group_vars/all` of the inventory, then of the playbook folder
 *   4. `group_vars/<group>` of the inventory, then of the playbook folder, groups in the order of 2
 *   5. host variables written in the inventory (`lb1 lb_priority=110`)
 *   6. `host_vars/<host>` of the inventory, then of the playbook folder
 *   7. the play's `vars:`
 *   8. role vars (`vars/main.yml`)
 * Magic variables (`inventory_hostname`, `groups`, `group_names`, `hostvars`, `ansible_play_hosts`, `role_name`)
 * are known; facts (`ansible_*` not set by a variable, `ansible_facts`, `ansible_managed`) are Unknown. String
 * values holding `{{ … }}` are templates, evaluated on access like Ansible's lazy templating; `!unsafe` strings
 * are not, and `!vault` values are Unknown.
 */
import { evaluateString, type Environment } from './jinja/render.js';
import { Dict, fromData, LazyDict, RenderFailure, Unknown, type Value } from './jinja/values.js';
import { assignVars, type Inventory } from './inventory.js';
import type { LoadedLayout, Play, Role, Vars } from './load.js';
import { Encrypted, Unsafe } from './yaml.js';

const TEMPLATED = /\{\{|\{%/;
const HOST_ONLY = new Set(['ansible_facts', 'ansible_managed', 'omit', 'playbook_dir', 'inventory_dir', 'inventory_file', 'role_path', 'ansible_check_mode', 'ansible_version']);

/** A host's groups in the order their variables apply (`all` excluded). */
export function groupOrder(inv: Inventory, host: string): string[] {
  const priority = (g: string) => {
    const p = inv.groups.get(g)?.vars.ansible_group_priority;
    return typeof p === 'number' ? p : 1;
  };
  return inv
    .groupsOf(host)
    .filter((g) => g !== 'all')
    .map((g) => ({ g, depth: inv.depth(g), p: priority(g) }))
    .sort((a, b) => a.depth - b.depth || a.p - b.p || a.g.localeCompare(b.g))
    .map((x) => x.g);
}

/** The variable layers of one host, lowest precedence first. */
export function variableLayers(layout: LoadedLayout, host: string, role?: Role, play?: Play): Vars[] {
  const inv = layout.inventory;
  const groups = groupOrder(inv, host);
  return [
    role?.defaults ?? {},
    inv.groups.get('all')!.vars,
    ...groups.map((g) => inv.groups.get(g)!.vars),
    ...layout.groupVars.map((m) => m.get('all') ?? {}),
    ...layout.groupVars.flatMap((m) => groups.map((g) => m.get(g) ?? {})),
    inv.hosts.get(host) ?? {},
    ...layout.hostVars.map((m) => m.get(host) ?? {}),
    play?.vars ?? {},
    role?.vars ?? {},
  ];
}

/** The variables of every host for one role applied by one play (or by the fallback when no play names it). */
export class Variables {
  private readonly envs = new Map<string, HostEnvironment>();
  private groupsValue: Value | undefined;
  readonly hostvars: LazyDict;

  constructor(
    readonly layout: LoadedLayout,
    readonly role: Role | undefined,
    readonly play: Play | undefined,
    readonly targets: readonly string[],
  ) {
    const inv = layout.inventory;
    this.hostvars = new LazyDict('hostvars', () => [...inv.hosts.keys()], (h) => (inv.hosts.has(h) ? this.env(h).view : undefined));
  }

  env(host: string): HostEnvironment {
    let e = this.envs.get(host);
    if (!e) this.envs.set(host, (e = new HostEnvironment(this, host)));
    return e;
  }

  /** `groups`: every group with its hosts. */
  groups(): Value {
    const inv = this.layout.inventory;
    return (this.groupsValue ??= new Dict(new Map([...inv.groups.keys()].map((g) => [g, inv.hostsOf(g)]))));
  }
}

export class HostEnvironment implements Environment {
  private readonly merged: Vars;
  private readonly values = new Map<string, Value>();
  private readonly resolving = new Set<string>();
  /** This host's variables as `hostvars[host]` shows them to other hosts. */
  readonly view: LazyDict;

  constructor(
    private readonly vars: Variables,
    private readonly host: string,
  ) {
    this.merged = assignVars({}, ...variableLayers(vars.layout, host, vars.role, vars.play));
    this.view = new LazyDict(`hostvars['${host}']`, () => [...Object.keys(this.merged), 'inventory_hostname', 'group_names'], (k) => this.lookup(k));
  }

  private magic(name: string): Value | undefined {
    const inv = this.vars.layout.inventory;
    switch (name) {
      case 'inventory_hostname':
        return this.host;
      case 'inventory_hostname_short':
        return this.host.split('.')[0]!;
      case 'group_names':
        return inv.groupsOf(this.host).filter((g) => g !== 'all' && g !== 'ungrouped').sort();
      case 'groups':
        return this.vars.groups();
      case 'hostvars':
        return this.vars.hostvars;
      case 'play_hosts':
      case 'ansible_play_hosts':
      case 'ansible_play_hosts_all':
      case 'ansible_play_batch':
        return [...this.vars.targets];
      case 'role_name':
        return this.vars.role?.name;
    }
    return undefined;
  }

  lookup(name: string): Value | undefined {
    const magic = this.magic(name);
    if (magic !== undefined) return magic;
    if (Object.hasOwn(this.merged, name)) return this.resolve(name);
    if (HOST_ONLY.has(name)) return new Unknown(`'${name}' is known only when Ansible runs`, name !== 'ansible_facts');
    if (/^(ansible|facter|ohai)_/.test(name)) return new Unknown(`'${name}' is a fact gathered on the host`);
    return undefined;
  }

  private resolve(name: string): Value {
    const cached = this.values.get(name);
    if (cached !== undefined) return cached;
    if (this.resolving.has(name)) throw new RenderFailure(`the variable '${name}' refers to itself`, -1);
    this.resolving.add(name);
    let value: Value;
    try {
      value = fromData(this.merged[name], (x) => this.leaf(x));
    } catch (e) {
      if (e instanceof RenderFailure) throw new RenderFailure(`in the variable '${name}' (host ${this.host}): ${e.message}`, -1);
      throw e;
    } finally {
      this.resolving.delete(name);
    }
    this.values.set(name, value);
    return value;
  }

  private leaf(x: unknown): Value | undefined {
    if (typeof x === 'string') return TEMPLATED.test(x) ? evaluateString(x, this) : undefined;
    if (x instanceof Unsafe) return x.text;
    if (x instanceof Encrypted) return new Unknown('the value is encrypted with ansible-vault', true);
    return undefined;
  }
}
