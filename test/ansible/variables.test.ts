// A host's variables: the precedence of the places Ansible reads them from, magic variables, facts, templated
// values, vault and unsafe values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findLayouts } from '../../server/src/workspace/ansible/detect.js';
import { renderTemplate } from '../../server/src/workspace/ansible/jinja/render.js';
import { loadLayout, type LoadedLayout } from '../../server/src/workspace/ansible/load.js';
import { Variables } from '../../server/src/workspace/ansible/variables.js';
import { memoryFs } from './support.js';
import { formatProblem } from '../../server/src/cli/format.js';

const LEVELS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'];
/** `kN: label` for every key from kN on: key kN's winner is the level that defines it last. */
const upTo = (n: number, label: string) => LEVELS.slice(n - 1).map((k) => `${k}: ${label}`).join('\n') + '\n';
const iniUpTo = (n: number, label: string) => LEVELS.slice(n - 1).map((k) => `${k}=${label}`).join('\n') + '\n';

const FILES: Record<string, string> = {
  'roles/lb/templates/keepalived.conf.j2': 'vrrp_instance VI_1 {\n}\n',
  'roles/lb/defaults/main.yml': upTo(1, 'role-defaults') + 'prefix: "10.0.0"\nvip: "{{ prefix }}.10"\npeers: "{{ groups[\'lb\'] | difference([inventory_hostname]) }}"\nloop_a: "{{ loop_b }}"\nloop_b: "{{ loop_a }}"\n',
  'roles/lb/vars/main.yml': upTo(8, 'role-vars'),
  'inventory/hosts': `[lb_dc1]
lb1 ansible_host=10.0.0.11 ${LEVELS.slice(4).map((k) => `${k}=inline`).join(' ')}
lb2 ansible_host=10.0.0.12

[lb:children]
lb_dc1

[all:vars]
${iniUpTo(2, 'inv-all')}
[lb:vars]
${iniUpTo(2, 'inv-lb')}
[lb_dc1:vars]
${iniUpTo(2, 'inv-lb_dc1')}`,
  'inventory/group_vars/all.yml': upTo(3, 'inv-gv-all'),
  'group_vars/all.yml': upTo(3, 'pb-gv-all'),
  'inventory/group_vars/lb_dc1.yml': upTo(4, 'inv-gv-lb_dc1'),
  'group_vars/lb': upTo(4, 'pb-gv-lb'),
  'inventory/group_vars/lb/main.yml': upTo(4, 'inv-gv-lb'),
  'inventory/host_vars/lb1.yml': upTo(6, 'inv-hv') + 'secret: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  3132\nraw: !unsafe "{{ not_a_template }}"\n',
  'host_vars/lb1.yml': upTo(6, 'pb-hv'),
  'site.yml': `- hosts: lb
  vars:
${upTo(7, 'play').replace(/^/gm, '    ').trimEnd()}
  roles:
    - role: lb
`,
};

function layout(files = FILES): LoadedLayout {
  const fs = memoryFs(files);
  const [spec] = findLayouts(fs, ['/p/roles/lb/templates/keepalived.conf.j2'], ['/p']);
  assert.ok(spec, 'layout found');
  return loadLayout(fs, spec!, (p) => (p.endsWith('.j2') ? 'keepalived' : undefined));
}

function show(l: LoadedLayout, host: string, template: string, play = l.plays[0]): string {
  const r = renderTemplate(template, new Variables(l, l.roles[0], play, ['lb1', 'lb2']).env(host));
  return r.ok ? r.text : `FAILED: ${r.reason}`;
}

test('precedence: role defaults < inventory group vars < group_vars/all < group_vars/<group> < inventory host vars < host_vars < play vars < role vars', () => {
  const l = layout();
  assert.deepEqual(l.problems, []);
  assert.equal(
    show(l, 'lb1', LEVELS.map((k) => `{{ ${k} }}`).join(' ')),
    'role-defaults inv-lb_dc1 pb-gv-all pb-gv-lb inline pb-hv play role-vars',
  );
  // Group order is parent before child, inventory group_vars before the playbook's for every group.
  const noPlaybookLb = { ...FILES };
  delete noPlaybookLb['group_vars/lb'];
  assert.equal(show(layout(noPlaybookLb), 'lb1', '{{ k4 }}'), 'inv-gv-lb_dc1');
  // lb2 has no inline or host_vars values: group values stand.
  assert.equal(show(l, 'lb2', '{{ k5 }} {{ k6 }}'), 'pb-gv-lb pb-gv-lb');
});

test('magic variables: inventory_hostname, groups, group_names, hostvars, play hosts, role_name', () => {
  const l = layout();
  assert.equal(show(l, 'lb2', "{{ inventory_hostname }} {{ groups['lb'] }} {{ group_names }} {{ role_name }} {{ ansible_play_hosts }}"), "lb2 ['lb1', 'lb2'] ['lb', 'lb_dc1'] lb ['lb1', 'lb2']");
  assert.equal(show(l, 'lb2', "{{ hostvars['lb1'].ansible_host }} {{ hostvars['lb1']['k6'] }} {{ hostvars['nope'] is defined }}"), '10.0.0.11 pb-hv False');
  assert.equal(show(l, 'lb2', "{% for h in groups['lb'] if h != inventory_hostname %}{{ hostvars[h]['ansible_host'] }}{% endfor %}"), '10.0.0.11');
});

test('templated values are evaluated for the host that reads them; a lone expression keeps its type', () => {
  const l = layout();
  assert.equal(show(l, 'lb1', '{{ vip }} {{ peers }} {{ peers | length }}'), "10.0.0.10 ['lb2'] 1");
  assert.equal(show(l, 'lb2', "{{ peers[0] }} {{ hostvars['lb1'].peers }}"), "lb1 ['lb2']");
  assert.match(show(l, 'lb1', '{{ loop_a }}'), /FAILED: in the variable 'loop_a' \(host lb1\): in the variable 'loop_b' \(host lb1\): the variable 'loop_a' refers to itself/);
});

test('facts are unknown, vault values unknown but defined, unsafe values literal', () => {
  const l = layout();
  assert.equal(show(l, 'lb1', '{{ ansible_default_ipv4.address }}|{{ secret }}|{{ secret is defined }}|{{ raw }}'), '{{ ansible_default_ipv4.address }}|{{ secret }}|True|{{ not_a_template }}');
  assert.equal(show(l, 'lb1', '{% if ansible_os_family == "Debian" %}x{% endif %}'), "FAILED: cannot tell whether 'ansible_os_family == \"Debian\"' holds: 'ansible_os_family' is a fact gathered on the host");
});

test('unreadable vars files are problems, the rest still loads', () => {
  const l = layout({ ...FILES, 'group_vars/lb': 'k4: [broken', 'host_vars/lb2.yml': '- a list\n' });
  assert.deepEqual(
    l.problems.map((p) => formatProblem(p, (path) => path.replace(/^.*\/(?=(group|host)_vars\/)/, ''))),
    ['group_vars/lb:1:1: warning: unexpected end of the stream within a flow collection: the file is skipped', 'host_vars/lb2.yml:1:1: warning: expected a mapping of variables: the file is skipped'],
  );
  assert.equal(show(l, 'lb1', '{{ k4 }}'), 'inv-gv-lb_dc1');
});
