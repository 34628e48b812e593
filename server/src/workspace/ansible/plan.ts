/**
 * Which hosts render which templates, and which hosts form one cluster (peers are searched within a cluster).
 * A role's hosts come from the plays that apply it (`hosts:` patterns with `:`, `,`, `&`, `!` and `*`); with no
 * playbook naming it, from the inventory group named like the role; else, when the inventory has a single
 * group, from that group. A cluster is the play's target group, split into its child groups when every child
 * holds at least two of the hosts (two pairs `lb_dc1`, `lb_dc2` under `lb`), but not when children hold one
 * host each (`master` and `backup` groups of one pair).
 */
import type { Inventory } from './inventory.js';
import type { LoadedLayout, Play, Role, TemplateUse } from './load.js';

export interface Job {
  readonly template: TemplateUse;
  readonly role: Role;
  readonly play?: Play;
  /** Every host the play (or fallback) applies the role to: `ansible_play_hosts`. */
  readonly targets: readonly string[];
}

export interface HostPlan {
  readonly host: string;
  /** Cluster identity: peers are searched among hosts of equal scope. */
  readonly scope: string;
  readonly jobs: readonly Job[];
}

/** Top-level groups: those no other group (but `all`) lists as a child. */
function topGroups(inv: Inventory): string[] {
  const children = new Set([...inv.groups.values()].filter((g) => g.name !== 'all').flatMap((g) => g.children));
  return [...inv.groups.keys()].filter((g) => g !== 'all' && g !== 'ungrouped' && !children.has(g));
}

function globToRegex(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** The hosts a `hosts:` pattern selects, and the groups it names (where clusters start). */
export function selectHosts(pattern: string, inv: Inventory): { hosts: string[]; groups: string[] } {
  let hosts: string[] = [];
  const groups: string[] = [];
  const terms = pattern.split(/[:,]/).map((t) => t.trim()).filter(Boolean);
  for (const raw of terms) {
    const op = raw[0] === '&' || raw[0] === '!' ? raw[0] : '';
    const term = op ? raw.slice(1) : raw;
    let matched: string[];
    if (term === 'all' || term === '*') {
      matched = inv.hostsOf('all');
      if (!op) groups.push('all');
    } else if (/[*?]/.test(term)) {
      const re = globToRegex(term);
      const named = [...inv.groups.keys()].filter((g) => re.test(g));
      matched = [...new Set([...named.flatMap((g) => inv.hostsOf(g)), ...inv.hostsOf('all').filter((h) => re.test(h))])];
      if (!op) groups.push(...named);
    } else if (inv.groups.has(term)) {
      matched = inv.hostsOf(term);
      if (!op) groups.push(term);
    } else matched = inv.hosts.has(term) ? [term] : [];
    if (op === '&') hosts = hosts.filter((h) => matched.includes(h));
    else if (op === '!') hosts = hosts.filter((h) => !matched.includes(h));
    else hosts = [...new Set([...hosts, ...matched])];
  }
  return { hosts, groups };
}

/** The cluster (a group name) of each target host, starting from the group the hosts were selected by. */
function clusters(inv: Inventory, start: string, targets: readonly string[], out: Map<string, string>): void {
  const children = start === 'all' ? topGroups(inv) : (inv.groups.get(start)?.children ?? []);
  const members = children.map((c) => ({ group: c, hosts: inv.hostsOf(c).filter((h) => targets.includes(h)) })).filter((m) => m.hosts.length > 0);
  const covered = new Set(members.flatMap((m) => m.hosts));
  const split = members.length > 0 && members.every((m) => m.hosts.length >= 2) && targets.every((h) => covered.has(h));
  if (!split) {
    for (const h of targets) if (!out.has(h)) out.set(h, start);
    return;
  }
  for (const m of members) clusters(inv, m.group, m.hosts.filter((h) => !out.has(h)), out);
}

/** How a role finds its hosts when no play names it. */
function fallbackGroup(role: Role, inv: Inventory): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const named = [...inv.groups.keys()].find((g) => g !== 'all' && norm(g) === norm(role.name));
  if (named) return named;
  const groups = [...inv.groups.values()].filter((g) => g.name !== 'all' && g.name !== 'ungrouped' && (g.hosts.length > 0 || g.children.length > 0));
  return groups.length === 1 ? groups[0]!.name : undefined;
}

/**
 * Every host's jobs, and the roles with templates that no host gets: no play applies them and no group stands in
 * for one (their templates are then only checked as written).
 */
export function planHosts(layout: LoadedLayout): { hosts: HostPlan[]; unapplied: Role[] } {
  const inv = layout.inventory;
  const unapplied: Role[] = [];
  const jobs = new Map<string, Job[]>();
  const scopes = new Map<string, { scope: string; keepalived: boolean }>();
  for (const role of layout.roles) {
    if (role.templates.length === 0) continue;
    const plays = layout.plays.filter((p) => p.roles.includes(role.name));
    const selections: Array<{ play?: Play; hosts: string[]; groups: string[] }> = plays.map((play) => ({ play, ...selectHosts(play.hosts, inv) }));
    if (selections.length === 0) {
      const group = fallbackGroup(role, inv);
      if (group) selections.push({ hosts: inv.hostsOf(group), groups: [group] });
      else unapplied.push(role);
    }
    for (const { play, hosts, groups } of selections) {
      const cluster = new Map<string, string>();
      for (const g of groups) clusters(inv, g, hosts.filter((h) => inv.hostsOf(g).includes(h)), cluster);
      for (const host of hosts) {
        const list = jobs.get(host) ?? [];
        for (const template of role.templates) list.push({ template, role, play, targets: hosts });
        jobs.set(host, list);
        // A host's cluster comes from the first play that gives it a keepalived config (or any config).
        const keepalived = role.templates.some((t) => t.language === 'keepalived');
        const current = scopes.get(host);
        if (!current || (keepalived && !current.keepalived)) scopes.set(host, { scope: `ansible:${layout.spec.inventory.path}:${cluster.get(host) ?? 'all'}`, keepalived });
      }
    }
  }
  const hosts = [...jobs].map(([host, list]) => ({ host, scope: scopes.get(host)!.scope, jobs: list }));
  return { hosts, unapplied };
}
