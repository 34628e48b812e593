// Inventories as Ansible's ini and yaml plugins read them: groups, children, inventory variables, host ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandHostPattern, Inventory, looksLikeYamlInventory, readIniInventory, readYamlInventory } from '../../server/src/workspace/ansible/inventory.js';
import { Encrypted, parseYaml, Unsafe } from '../../server/src/workspace/ansible/yaml.js';
import { formatProblem } from '../../server/src/cli/format.js';
import type { WorkspaceProblem } from '../../server/src/workspace/types.js';

function ini(text: string): Inventory {
  const inv = new Inventory();
  readIniInventory(text, 'hosts', inv);
  return inv;
}


/** A problem as the CLI prints it (path:line:column: severity: message). */
const said = (p: WorkspaceProblem) => formatProblem(p, (path) => path);

test('INI: groups, inline host variables as Python literals, children and group vars', () => {
  const inv = ini(`# comment
bastion.example.com

[lb_dc1]
lb1 ansible_host=10.0.0.11 lb_priority=110 lb_state="MASTER"  # trailing comment
lb2 ansible_host=10.0.0.12 lb_priority=100 enabled=True ratio=0.5 tags='[1, 2]'

[lb_dc2]
lb[3:4]

[lb:children]
lb_dc1
lb_dc2

[lb:vars]
lb_vip = "10.0.0.10"
vrid=51
`);
  assert.deepEqual(inv.problems, []);
  assert.deepEqual(inv.hostsOf('lb'), ['lb1', 'lb2', 'lb3', 'lb4']);
  assert.deepEqual(inv.hostsOf('all'), ['bastion.example.com', 'lb1', 'lb2', 'lb3', 'lb4']);
  assert.deepEqual(inv.hostsOf('ungrouped'), ['bastion.example.com']);
  assert.deepEqual(inv.hosts.get('lb1'), { ansible_host: '10.0.0.11', lb_priority: 110, lb_state: 'MASTER' });
  assert.deepEqual(inv.hosts.get('lb2'), { ansible_host: '10.0.0.12', lb_priority: 100, enabled: true, ratio: 0.5, tags: [1, 2] });
  // Values in a :vars section are strings (quotes removed), as Ansible documents.
  assert.deepEqual(inv.groups.get('lb')!.vars, { lb_vip: '10.0.0.10', vrid: '51' });
  assert.deepEqual(inv.groupsOf('lb3').sort(), ['all', 'lb', 'lb_dc2']);
  assert.equal(inv.depth('lb'), 1);
  assert.equal(inv.depth('lb_dc1'), 2);
});

test('INI: host:port, bad lines become problems', () => {
  const inv = ini('[web]\nweb1:2222\nweb2 not-a-pair\n[web:nonsense]\nweb3\n[db]\ndb1\n');
  assert.deepEqual(inv.hosts.get('web1'), { ansible_port: 2222 });
  assert.deepEqual(inv.problems.map(said), [
    "hosts:3:1: warning: expected key=value after the host name, found 'not-a-pair': the host is skipped",
    "hosts:4:1: warning: unknown inventory section kind ':nonsense': Ansible refuses this inventory; the section's lines are skipped",
  ]);
  // The refused section's lines join no group, not even the one before it; the next section is read again.
  assert.deepEqual(inv.hostsOf('web'), ['web1']);
  assert.equal(inv.hosts.has('web3'), false);
  assert.deepEqual(inv.hostsOf('db'), ['db1']);
  // One file (and line index) for all of an inventory's problems, not one each: thousands of bad lines stay cheap.
  assert.equal(inv.problems[0]!.at!.file, inv.problems[1]!.at!.file);
});

test('a host listed again stays once in its group, where it first appeared; its variables add up', () => {
  const inv = ini(`[web]
w2 a=1
w1
[ungrouped]
w1
[web]
w2 b=2
w3
`);
  readIniInventory('[web]\nw1\nw4\n', 'more', inv);
  assert.deepEqual(inv.groups.get('web')!.hosts, ['w2', 'w1', 'w3', 'w4']);
  assert.deepEqual(inv.hosts.get('w2'), { a: 1, b: 2 });
  assert.deepEqual(inv.groupsOf('w1').sort(), ['all', 'ungrouped', 'web']);
  // Listed under [ungrouped] by name, w1 stays there even though it is in web too.
  assert.deepEqual(inv.hostsOf('ungrouped'), ['w1']);
});

test('host ranges: numeric with padding, letters, steps', () => {
  assert.deepEqual(expandHostPattern('web[01:03].example.com'), ['web01.example.com', 'web02.example.com', 'web03.example.com']);
  assert.deepEqual(expandHostPattern('db-[a:c]'), ['db-a', 'db-b', 'db-c']);
  assert.deepEqual(expandHostPattern('n[0:6:3]'), ['n0', 'n3', 'n6']);
  assert.deepEqual(expandHostPattern('plain'), ['plain']);
});

test('YAML: all / children / hosts / vars, empty groups and hosts', () => {
  const inv = new Inventory();
  readYamlInventory(
    `all:
  vars:
    ntp: pool.ntp.org
  hosts:
    mgmt:
  children:
    lb:
      vars:
        lb_vip: 10.0.0.10
      children:
        lb_master:
          hosts:
            lb1:
              lb_priority: 110
        lb_backup:
          hosts:
            lb2: { lb_priority: 100 }
    empty:
`,
    'hosts.yml',
    inv,
  );
  assert.deepEqual(inv.problems, []);
  assert.deepEqual(inv.hostsOf('lb'), ['lb1', 'lb2']);
  assert.deepEqual(inv.hostsOf('all'), ['mgmt', 'lb1', 'lb2']);
  assert.deepEqual(inv.groups.get('all')!.vars, { ntp: 'pool.ntp.org' });
  assert.deepEqual(inv.groups.get('lb')!.vars, { lb_vip: '10.0.0.10' });
  assert.deepEqual(inv.hosts.get('lb2'), { lb_priority: 100 });
  assert.deepEqual(inv.groupsOf('lb1').sort(), ['all', 'lb', 'lb_master']);
  assert.ok(inv.groups.has('empty'));
});

test('YAML: broken files and wrong shapes are problems, not exceptions', () => {
  const inv = new Inventory();
  readYamlInventory('all: [unclosed', 'a.yml', inv);
  readYamlInventory('- a\n- b\n', 'b.yml', inv);
  readYamlInventory('lb: 3\n', 'c.yml', inv);
  readYamlInventory('all:\n  children:\n    lb: 3\n', 'd.yml', inv);
  assert.deepEqual(inv.problems.map(said), [
    'a.yml:1:1: warning: unexpected end of the stream within a flow collection: the inventory file is skipped',
    'b.yml:1:1: warning: a YAML inventory is a mapping of groups: the file is skipped',
    "c.yml:1:1: warning: group 'lb' should be a mapping of hosts, children and vars",
    "d.yml:3:5: warning: group 'lb' should be a mapping of hosts, children and vars",
  ]);
});

test('a YAML file is recognised as an inventory by its shape, not playbooks or vars', () => {
  assert.ok(looksLikeYamlInventory('all:\n  children:\n    lb:\n'));
  assert.ok(looksLikeYamlInventory('lb:\n  # the pair\n  hosts:\n    lb1:\n'));
  assert.ok(!looksLikeYamlInventory('- hosts: lb\n  roles:\n    - keepalived\n'));
  assert.ok(!looksLikeYamlInventory('lb_vip: 10.0.0.10\nlb_priority: 100\n'));
});

test("YAML as Ansible reads it: YAML 1.1 booleans, merge keys, !vault and !unsafe, dates as text", () => {
  const r = parseYaml('a: yes\nb: off\nc: "yes"\nbase: &b {x: 1}\nd:\n  <<: *b\n  y: 2\ne: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\nf: !unsafe "{{ x }}"\ng: 2024-01-01\n');
  assert.ok('value' in r);
  const v = r.value as Record<string, unknown>;
  assert.equal(v.a, true);
  assert.equal(v.b, false);
  assert.equal(v.c, 'yes');
  assert.deepEqual(v.d, { x: 1, y: 2 });
  assert.ok(v.e instanceof Encrypted);
  assert.ok(v.f instanceof Unsafe && v.f.text === '{{ x }}');
  assert.equal(v.g, '2024-01-01');
  assert.ok('error' in parseYaml('a: [1'));
});
