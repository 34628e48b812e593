// Finding Ansible layouts (inventories next to roles), host patterns, which hosts deploy a role, clusters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findLayouts } from '../../server/src/workspace/ansible/detect.js';
import { Inventory, readIniInventory } from '../../server/src/workspace/ansible/inventory.js';
import { loadLayout } from '../../server/src/workspace/ansible/load.js';
import { planHosts, selectHosts } from '../../server/src/workspace/ansible/plan.js';
import { memoryFs } from './support.js';

const TEMPLATE = 'roles/lb/templates/keepalived.conf.j2';
const KEEPALIVED = 'vrrp_instance VI_1 {\n  priority {{ prio }}\n}\n';

function layouts(files: Record<string, string>, templates = [TEMPLATE]) {
  const fs = memoryFs({ [TEMPLATE]: KEEPALIVED, ...files });
  return findLayouts(fs, templates.map((t) => `/p/${t}`), ['/p']).map((l) => ({
    inventory: l.inventory.path.replace('/p/', ''),
    files: l.inventory.files.map((f) => f.replace('/p/', '')),
    roles: l.roles.map((r) => r.replace('/p/', '')),
    playbooks: l.playbooks.map((p) => p.replace('/p/', '')),
  }));
}

test('an inventory folder, group_vars and host_vars excluded, with its playbooks and roles', () => {
  assert.deepEqual(layouts({ 'inventory/loadbalancer': '[lb]\nlb1\n', 'inventory/group_vars/lb': 'x: 1\n', 'inventory/README.md': '', 'site.yml': '- hosts: lb\n' }), [
    { inventory: 'inventory', files: ['inventory/loadbalancer'], roles: ['roles/lb'], playbooks: ['site.yml'] },
  ]);
});

test('each environment under inventories/ (or inventory/) is its own layout', () => {
  const envs = { 'inventories/prod/hosts.yml': 'all:\n  hosts:\n    a:\n', 'inventories/staging/hosts': '[lb]\nb\n' };
  assert.deepEqual(layouts(envs).map((l) => l.inventory), ['inventories/prod', 'inventories/staging']);
  assert.deepEqual(layouts({ 'inventory/prod/hosts': '[lb]\na\n', 'inventory/dev/hosts': '[lb]\nb\n' }).map((l) => l.inventory), ['inventory/dev', 'inventory/prod']);
});

test('inventory files by name or by YAML shape, ansible.cfg first, one or two folders up', () => {
  assert.deepEqual(layouts({ 'hosts.ini': '[lb]\na\n' }).map((l) => l.inventory), ['hosts.ini']);
  assert.deepEqual(layouts({ 'prod.yml': 'lb:\n  hosts:\n    a:\n', 'site.yml': '- hosts: lb\n  roles: [lb]\n' }).map((l) => [l.inventory, l.playbooks]), [['prod.yml', ['site.yml']]]);
  assert.deepEqual(layouts({ 'ansible.cfg': '[defaults]\ninventory = ./envs/live\n', 'envs/live': '[lb]\na\n', hosts: '[lb]\nb\n' }).map((l) => l.inventory), ['envs/live']);
  // roles/ inside an ansible/ folder, the inventory beside that folder.
  const nested = memoryFs({ 'ansible/roles/lb/templates/keepalived.conf.j2': KEEPALIVED, 'inventory.ini': '[lb]\na\n' });
  assert.deepEqual(findLayouts(nested, ['/p/ansible/roles/lb/templates/keepalived.conf.j2'], ['/p']).map((l) => [l.root, l.inventory.path]), [['/p/ansible', '/p/inventory.ini']]);
});

test('no inventory, or templates outside templates/ folders: no layout', () => {
  assert.deepEqual(layouts({ 'site.yml': '- hosts: lb\n' }), []);
  assert.deepEqual(layouts({ hosts: '[lb]\na\n' }, ['lb1/keepalived.conf']), []);
  // The search stops at the checked folders.
  const fs = memoryFs({ [TEMPLATE]: KEEPALIVED, hosts: '[lb]\na\n' });
  assert.deepEqual(findLayouts(fs, [`/p/${TEMPLATE}`], ['/p/roles']), []);
});

function inventory(text: string): Inventory {
  const inv = new Inventory();
  readIniInventory(text, 'hosts', inv);
  return inv;
}

test('host patterns: groups, hosts, unions, intersections, exclusions, wildcards', () => {
  const inv = inventory('[lb]\nlb1\nlb2\n[prod]\nlb1\nweb1\n[web]\nweb1\nweb2\n');
  const hosts = (p: string) => selectHosts(p, inv).hosts;
  assert.deepEqual(hosts('lb'), ['lb1', 'lb2']);
  assert.deepEqual(hosts('lb:web'), ['lb1', 'lb2', 'web1', 'web2']);
  assert.deepEqual(hosts('lb,web2'), ['lb1', 'lb2', 'web2']);
  assert.deepEqual(hosts('lb:&prod'), ['lb1']);
  assert.deepEqual(hosts('all:!web'), ['lb1', 'lb2']);
  assert.deepEqual(hosts('web*'), ['web1', 'web2']);
  assert.deepEqual(hosts('nothing'), []);
  assert.deepEqual(selectHosts('lb:&prod', inv).groups, ['lb']);
});

function plan(files: Record<string, string>) {
  const fs = memoryFs({ [TEMPLATE]: KEEPALIVED, ...files });
  const [spec] = findLayouts(fs, [`/p/${TEMPLATE}`], ['/p']);
  const { hosts, unapplied } = planHosts(loadLayout(fs, spec!, () => 'keepalived'));
  return { hosts: hosts.map((h) => `${h.host}@${h.scope.slice(h.scope.lastIndexOf(':') + 1)}`), unapplied: unapplied.map((r) => r.name) };
}

test("a role's hosts: from the plays that apply it, else the group named after it, else the only group", () => {
  assert.deepEqual(plan({ hosts: '[balancers]\na\nb\n[web]\nw\n', 'site.yml': '- hosts: balancers\n  roles:\n    - { role: lb }\n' }).hosts, ['a@balancers', 'b@balancers']);
  assert.deepEqual(plan({ hosts: '[web]\nw\n[lb]\na\nb\n' }).hosts, ['a@lb', 'b@lb']);
  assert.deepEqual(plan({ hosts: '[balancers]\na\nb\n' }).hosts, ['a@balancers', 'b@balancers']);
  const unknown = plan({ hosts: '[balancers]\na\n[web]\nw\n' });
  assert.deepEqual(unknown.hosts, []);
  assert.deepEqual(unknown.unapplied, ['lb']);
  // include_role in a play's tasks counts too.
  assert.deepEqual(plan({ hosts: '[x]\na\n[y]\nb\n', 'play.yml': '- hosts: y\n  tasks:\n    - include_role:\n        name: acme.net.lb\n' }).hosts, ['b@y']);
});

test('clusters: child groups of two or more hosts are separate pairs; one-host children (master/backup) stay one', () => {
  const pairs = plan({ hosts: '[dc1]\na1\na2\n[dc2]\nb1\nb2\n[lb:children]\ndc1\ndc2\n' });
  assert.deepEqual(pairs.hosts, ['a1@dc1', 'a2@dc1', 'b1@dc2', 'b2@dc2']);
  const roles = plan({ hosts: '[master]\nm\n[backup]\nb\n[lb:children]\nmaster\nbackup\n' });
  assert.deepEqual(roles.hosts, ['m@lb', 'b@lb']);
  const all = plan({ hosts: '[dc1]\na1\na2\n[dc2]\nb1\nb2\n', 'site.yml': '- hosts: all\n  roles: [lb]\n' });
  assert.deepEqual(all.hosts, ['a1@dc1', 'a2@dc1', 'b1@dc2', 'b2@dc2']);
});
