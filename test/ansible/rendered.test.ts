// Templates of an Ansible role rendered per inventory host and cross-checked: seed 001 and variations of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnsibleStep } from '../../server/src/analysis/ansible.js';
import { Analyzer } from '../../server/src/analysis/analyze.js';
import { OverlayFileSystem } from '../../server/src/lsp/overlay-fs.js';
import { Session } from '../../server/src/lsp/session.js';
import { nodeFileSystem } from '../../server/src/workspace/node-fs.js';
import { Workspace } from '../../server/src/workspace/workspace.js';
import { normalizeSettings } from '../../server/src/analysis/settings.js';
import { check, project, SEED_001 } from './support.js';

const KEEPALIVED = 'roles/loadbalancer/templates/keepalived-conf.j2';
const HAPROXY = 'roles/loadbalancer/templates/haproxy-cfg.j2';

/** Seed 001 with some files replaced. */
function seed(files: Record<string, string> = {}) {
  return project(files, SEED_001);
}

const fromHosts = (lines: readonly string[]) => lines.filter((l) => / \[hosts? /.test(l));

test('seed 001 renders for lb-0 and lb-1 and comes out clean', (t) => {
  const p = seed();
  t.after(() => p.dispose());
  const { result, lines } = p.check();
  assert.deepEqual(fromHosts(lines), []);
  assert.deepEqual(result.problems, []);
  // Rendered hosts are checked but are no nodes for editor features: those stay the real files' nodes.
  assert.deepEqual(result.nodes.map((n) => n.name), ['templates']);
});

test('both hosts at lb_priority "100": duplicate-priority once, at the template priority line, naming both hosts', (t) => {
  const p = seed({ 'inventory/host_vars/lb-1': 'lb_priority: "100"\n' });
  t.after(() => p.dispose());
  const { result, lines, related } = p.check();
  assert.deepEqual(fromHosts(lines), [`${KEEPALIVED}:13 duplicate-priority: [host lb-0] priority 100 is also the priority of lb-1 (VI_1): the election falls back to IP addresses`]);
  const f = result.findings.find((x) => x.code === 'duplicate-priority')!;
  assert.equal(f.file.text.slice(f.span.start, f.span.end), '{{ lb_priority }}');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(related(f), [`${KEEPALIVED}:13 [host lb-1] lb-1 (VI_1): priority 100`, `${KEEPALIVED}:13 [host lb-1] priority 100 is also the priority of lb-0 (VI_1): the election falls back to IP addresses`]);
});

test('a VRID that differs through host_vars is peer-vrid-mismatch at the template line', (t) => {
  const template = readFileSync(join(SEED_001, KEEPALIVED), 'utf8').replace('virtual_router_id 33', 'virtual_router_id {{ lb_vrid | default(33) }}');
  const p = seed({ [KEEPALIVED]: template, 'inventory/host_vars/lb-1': 'lb_priority: "101"\nlb_vrid: 34\n' });
  t.after(() => p.dispose());
  assert.deepEqual(fromHosts(p.check().lines), [
    `${KEEPALIVED}:12 peer-vrid-mismatch: [host lb-0] virtual_router_id 33 here, but peer lb-1 (VI_1) has virtual_router_id 34: they ignore each other and both become MASTER`,
  ]);
});

test("file rules judge what expressions printed, per host: lb-1's priority 300", (t) => {
  const p = seed({ 'inventory/host_vars/lb-1': 'lb_priority: 300\n' });
  t.after(() => p.dispose());
  const lines = fromHosts(p.check().lines);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /^roles\/loadbalancer\/templates\/keepalived-conf\.j2:13 priority-out-of-range: \[host lb-1\] /);
});

test('node rules run on rendered HAProxy configs', (t) => {
  const haproxy = readFileSync(join(SEED_001, HAPROXY), 'utf8').replace('bind :443', 'bind {{ lb_https_ip }}:443');
  const p = seed({ [HAPROXY]: haproxy, 'inventory/group_vars/loadbalancer': 'lb_floating_ip: "192.0.2.254"\nlb_https_ip: "192.0.2.99"\n' });
  t.after(() => p.dispose());
  const { lines, result, related } = p.check();
  assert.deepEqual(fromHosts(lines), [`${HAPROXY}:57 bind-not-vip: [host lb-0] frontend 'https' binds 192.0.2.99:443, which is not a VIP of lb-0 (192.0.2.254) nor its own address: unreachable through the VIP`]);
  // The other host's finding at the same place comes along as related information.
  assert.ok(related(result.findings.find((f) => f.code === 'bind-not-vip')!).some((r) => r.startsWith(`${HAPROXY}:57 [host lb-1] frontend 'https' binds`)));
});

test('hosts that agree share one message', (t) => {
  const p = seed({ 'inventory/group_vars/loadbalancer': 'lb_floating_ip: "xxx.xxx.xxx.254"\n' });
  t.after(() => p.dispose());
  const lines = fromHosts(p.check().lines);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /^roles\/loadbalancer\/templates\/keepalived-conf\.j2:23 invalid-address: \[hosts lb-0, lb-1\] /);
});

test("a finding the template's own check already reports on that line is not repeated per host", (t) => {
  const keepalived = readFileSync(join(SEED_001, KEEPALIVED), 'utf8').replace('{{ lb_floating_ip }}', '192.0.2.254');
  const haproxy = readFileSync(join(SEED_001, HAPROXY), 'utf8').replace('bind :443', 'bind 192.0.2.99:443');
  const p = seed({ [KEEPALIVED]: keepalived, [HAPROXY]: haproxy });
  t.after(() => p.dispose());
  const binds = p.check().lines.filter((l) => l.includes('bind-not-vip'));
  assert.equal(binds.length, 1, binds.join('\n'));
  assert.doesNotMatch(binds[0]!, /\[host/);
});

test('a template that cannot be rendered keeps the template-alone check, with a template-not-rendered finding saying why', (t) => {
  const template = readFileSync(join(SEED_001, KEEPALIVED), 'utf8').replace('  advert_int 1', "  advert_int 1\n{% if ansible_default_ipv4.interface == 'eth0' %}\n  nopreempt\n{% endif %}");
  const p = seed({ [KEEPALIVED]: template, 'inventory/host_vars/lb-1': 'lb_priority: "100"\n' });
  t.after(() => p.dispose());
  const { lines, result } = p.check();
  // Equal priorities would be duplicate-priority, but the hosts' keepalived configs are not rendered: no peers to compare.
  assert.deepEqual(fromHosts(lines), [
    `${KEEPALIVED}:15 template-not-rendered: [hosts lb-0, lb-1] not rendered for these hosts: cannot tell whether 'ansible_default_ipv4.interface == 'eth0'' holds: 'ansible_default_ipv4' is a fact gathered on the host; the template is checked as written, and the cross-file checks run without it`,
  ]);
  const f = result.findings.find((x) => x.code === 'template-not-rendered')!;
  assert.equal(f.severity, 'information');
  assert.equal(f.file.text.slice(f.span.start, f.span.end), "{% if ansible_default_ipv4.interface == 'eth0' %}");
  assert.deepEqual(result.problems, []);
});

test('template-not-rendered follows the severity setting and is reported once per place and reason', (t) => {
  const template = readFileSync(join(SEED_001, KEEPALIVED), 'utf8').replace('  advert_int 1', '  advert_int 1\n{% include "extra.j2" %}');
  const p = seed({ [KEEPALIVED]: template });
  t.after(() => p.dispose());
  const found = p.check().lines.filter((l) => l.includes('template-not-rendered'));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0]!, /^roles\/loadbalancer\/templates\/keepalived-conf\.j2:15 template-not-rendered: \[hosts lb-0, lb-1\] not rendered for these hosts: /);
  const ws = new Workspace(nodeFileSystem, [p.root]);
  ws.discover(p.root);
  const off = new Analyzer().run(ws, normalizeSettings({ severity: { 'template-not-rendered': 'off' } }).settings);
  assert.deepEqual(off.findings.filter((f) => f.code === 'template-not-rendered'), []);
});

test('an inventory edit re-renders; an unchanged layout reuses its models', () => {
  const p = seed();
  try {
    const fs = new OverlayFileSystem(nodeFileSystem);
    const ws = new Workspace(fs, [p.root]);
    ws.discover(p.root);
    const analyzer = new Analyzer();
    assert.deepEqual(fromHosts(check(p.root, analyzer).lines), []);
    const hostVars = join(p.root, 'inventory/host_vars/lb-1');
    fs.setOpen(hostVars, 'lb_priority: "100"\n');
    assert.equal(analyzer.run(ws).findings.filter((f) => f.code === 'duplicate-priority').length, 1);
    fs.setOpen(hostVars, 'lb_priority: "101"\n');
    assert.equal(analyzer.run(ws).findings.filter((f) => f.code === 'duplicate-priority').length, 0);

    const step = new AnsibleStep();
    const rules = { haproxy: () => [], keepalived: () => [] };
    const first = step.run(ws, rules);
    const second = step.run(ws, rules);
    assert.equal(first.nodes.length, 2);
    assert.ok(first.nodes.every((n, i) => n.keepalived !== undefined && n.keepalived === second.nodes[i]!.keepalived && n.haproxy[0] === second.nodes[i]!.haproxy[0]));
    fs.setOpen(join(p.root, 'inventory/group_vars/loadbalancer'), 'lb_floating_ip: "192.0.2.253"\n');
    const third = step.run(ws, rules);
    assert.notEqual(third.nodes[0]!.keepalived, first.nodes[0]!.keepalived);
    assert.equal(third.nodes[0]!.haproxy[0], first.nodes[0]!.haproxy[0], 'the HAProxy config renders to the same text: same model');
  } finally {
    p.dispose();
  }
});

test('the language server publishes rendered findings on the template, never on a rendered file', async (t) => {
  const p = seed({ 'inventory/host_vars/lb-1': 'lb_priority: "100"\n' });
  t.after(() => p.dispose());
  const published = new Map<string, string[]>();
  const session = new Session((path, diagnostics) => published.set(path, diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}: ${d.message}`)));
  session.setRoots([p.root]);
  await session.whenIdle();
  assert.deepEqual([...published.keys()].filter((k) => k.includes('#')), []);
  assert.deepEqual(published.get(join(p.root, KEEPALIVED))?.filter((d) => d.includes('[host')), ['13 duplicate-priority: [host lb-0] priority 100 is also the priority of lb-1 (VI_1): the election falls back to IP addresses']);
});

test('a rendered finding points at the expression but brings no replacement text (that was written for the rendered config)', (t) => {
  const template = readFileSync(join(SEED_001, KEEPALIVED), 'utf8').replace('  advert_int 1', '  {{ lb_timer_keyword }} 1');
  const p = seed({ [KEEPALIVED]: template, 'inventory/group_vars/loadbalancer': 'lb_floating_ip: "192.0.2.254"\nlb_timer_keyword: advert_intt\n' });
  t.after(() => p.dispose());
  const { result, lines } = p.check();
  assert.deepEqual(fromHosts(lines).map((l) => l.replace(/: \[.*/, '')), [`${KEEPALIVED}:14 unknown-keyword`]);
  const f = result.findings.find((x) => x.code === 'unknown-keyword' && x.message.startsWith('[hosts lb-0, lb-1]'))!;
  assert.equal(f.file.text.slice(f.span.start, f.span.end), '{{ lb_timer_keyword }}');
  assert.equal(f.replacement, undefined);
});

test('inventories side by side: a template-not-rendered finding is said once per place, each host name once', (t) => {
  const bad = fileURLToPath(new URL('../fixtures/template-not-rendered/bad', import.meta.url));
  const hosts = '[lb]\nlb1\nlb2\n[front]\nw1\n';
  const p = project({ 'inventories/prod/hosts': hosts, 'inventories/staging/hosts': hosts }, bad);
  t.after(() => p.dispose());
  const lines = p.check().lines.filter((l) => l.includes('template-not-rendered'));
  assert.deepEqual(lines.map((l) => l.slice(0, l.indexOf(' '))), ['roles/lb/templates/keepalived.conf.j2:8', 'roles/web/templates/haproxy.cfg.j2:1']);
  // Both inventories name their hosts lb1 and lb2: each name once.
  assert.match(lines[0]!, / \[hosts lb1, lb2\] not rendered for these hosts: /);
});
