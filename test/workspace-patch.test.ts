// A run after a keystroke patches the previous one (analysis/patch.ts): random typing in one node's keepalived.conf
// and haproxy.cfg of real two-node layouts must give, after every edit, exactly what a fresh analysis gives, and a
// good share of those runs must really be patches (else this test would check nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyze, type AnalysisResult } from '../server/src/analysis/analyze.js';
import { MemoryFileSystem } from './fuzz/memfs.js';
import { analysedOn } from './support/analysed.js';
import { prng } from '../bench/lib/prng.js';
import { RULES } from '../server/src/rules/index.js';
import type { KeepalivedModel } from '../server/src/model/keepalived.js';

const SEEDS = new URL('./seeds', import.meta.url).pathname;
const LAYOUTS = ['000-hetzner-floating-ip', '002-control-plane-unicast', '004-openstack-multicast'];

/** A seed's files, under /w. */
function layout(name: string): Array<{ path: string; text: string }> {
  return ['lb1', 'lb2'].flatMap((node) => readdirSync(join(SEEDS, name, node)).map((f) => ({ path: `/w/${node}/${f}`, text: readFileSync(join(SEEDS, name, node, f), 'utf8') })));
}

/** The Ansible role seed (templates, inventory, vars), under /w/ansible: its hosts are rendered and checked as nodes. */
function ansibleSeed(): Array<{ path: string; text: string }> {
  const root = join(SEEDS, '001-ansible-role');
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => statSync(join(root, f)).isFile())
    .map((f) => ({ path: `/w/ansible/${f}`, text: readFileSync(join(root, f), 'utf8') }));
}

const described = (r: AnalysisResult) =>
  r.findings.map((f) => `${f.file.uri}:${f.span.start}-${f.span.end}:${f.code}:${f.severity}:${f.message}:${(f.related ?? []).map((x) => `${x.file.uri}@${x.span.start}:${x.message}`).join('|')}`);

const PEER_RULES = new Set(RULES.filter((r) => r.scope === 'peers').map((r) => r.id));
const peerSummary = (r: AnalysisResult) => described(r).filter((d) => PEER_RULES.has(d.split(':')[2]!)).join('\n');

// What users type in a keepalived.conf: settings (a later one replaces an earlier one), blocks, braces, comments.
const KEEPALIVED_FRAGMENTS = [
  'virtual_router_id 7',
  'virtual_router_id 8',
  'priority 150',
  'priority 101',
  'auth_pass other',
  'auth_pass secret123',
  'advert_int 2',
  'state MASTER',
  'state BACKUP',
  'nopreempt',
  '192.0.2.50',
  '}',
  '{',
  'vrrp_instance VI_9 {',
  'track_script {',
  'vrrp_script chk {',
  'unicast_peer {',
  '#',
  '"',
  // Includes: of a file that is not there, and of the peer's whole config (the files the includes read change).
  'include /w/lb1/missing.conf',
  'include /w/lb2/keepalived.conf',
]
const HAPROXY_FRAGMENTS = ['bind 192.0.2.50:6443', 'bind :80', 'frontend fe_new', 'backend be_new', 'server s 192.0.2.1:80', 'mode tcp', 'mode http', '#', 'x'];

/**
 * One edit as a user makes them: a line typed over, a line added or deleted, a character typed inside a line. Lines
 * rather than random spans, so the files keep their blocks and the peer rules keep something to say.
 */
function typeOnce(text: string, random: () => number, fragments: readonly string[]): string {
  const lines = text.split('\n');
  const at = Math.floor(random() * lines.length);
  const fragment = fragments[Math.floor(random() * fragments.length)]!;
  const indent = /^\s*/.exec(lines[at]!)![0];
  const choice = random();
  if (choice < 0.4) lines[at] = indent + fragment;
  else if (choice < 0.7) lines.splice(at, 0, indent + fragment);
  else if (choice < 0.8) lines.splice(at, 1);
  else {
    const line = lines[at]!;
    const col = Math.floor(random() * (line.length + 1));
    lines[at] = line.slice(0, col) + fragment.slice(0, 1 + Math.floor(random() * 3)) + line.slice(col);
  }
  return lines.join('\n');
}

/**
 * Moves a node's instances, and all below them, from its keepalived.conf into a file the keepalived.conf includes
 * (`conf.d/vrrp.conf`, which discovery also finds, or `vrrp.inc`, which it does not).
 */
function splitIntoInclude(files: Array<{ path: string; text: string }>, main: string, included: string): void {
  const f = files.find((x) => x.path === main)!;
  const at = f.text.search(/^vrrp_instance/m);
  assert.ok(at > 0, `${main} has an instance below other blocks`);
  files.push({ path: included, text: f.text.slice(at) });
  f.text = `${f.text.slice(0, at)}include ${included.endsWith('.inc') ? included : `${dirname(included)}/*.conf`}\n`;
}

/**
 * Where the typing happens: a node's file; a copy outside the folder (checked on its own); a file read through an
 * include; a node's file in a workspace that also holds an Ansible layout (rendered per host, checked as nodes).
 */
type Where = 'in the folder' | 'outside the folder' | 'included, found by discovery' | 'included only' | 'beside an Ansible layout';

for (const [file, fragments, where] of [
  ['/w/lb1/keepalived.conf', KEEPALIVED_FRAGMENTS, 'in the folder'],
  ['/w/lb2/haproxy.cfg', HAPROXY_FRAGMENTS, 'in the folder'],
  ['/w/lb1/keepalived.conf', KEEPALIVED_FRAGMENTS, 'outside the folder'],
  ['/w/lb2/haproxy.cfg', HAPROXY_FRAGMENTS, 'outside the folder'],
  ['/w/lb1/conf.d/vrrp.conf', KEEPALIVED_FRAGMENTS, 'included, found by discovery'],
  ['/w/lb1/vrrp.inc', KEEPALIVED_FRAGMENTS, 'included only'],
  ['/w/lb1/keepalived.conf', KEEPALIVED_FRAGMENTS, 'beside an Ansible layout'],
  ['/w/ansible/roles/loadbalancer/templates/keepalived-conf.j2', KEEPALIVED_FRAGMENTS, 'beside an Ansible layout'],
] as const satisfies ReadonlyArray<readonly [string, readonly string[], Where]>) {
  const outside = where === 'outside the folder';
  const included = where.startsWith('included');
  const edited = outside ? `/elsewhere${file.slice(2)}` : file;
  test(`typing in ${file.slice(3)} (${where}): every run equals a fresh analysis, and most are patches`, () => {
    const random = prng(20261122);
    let runs = 0;
    let patches = 0;
    // Patches after which the peer rules (across nodes) say something else: the part most easily got wrong.
    let peerChanges = 0;
    for (const name of LAYOUTS) {
      const files = layout(name);
      if (included) splitIntoInclude(files, '/w/lb1/keepalived.conf', file);
      if (where === 'beside an Ansible layout') files.push(...ansibleSeed());
      const original = files.find((f) => f.path === file)?.text;
      assert.ok(original !== undefined, `${name} has ${file}`);
      if (outside) files.push({ path: edited, text: original });
      for (let chain = 0; chain < 15; chain++) {
        const { fs, ws, analyzer, first } = analysedOn(new MemoryFileSystem(files), outside ? [{ path: edited, language: file.endsWith('.cfg') ? 'haproxy' : 'keepalived' }] : []);
        assert.equal(ws.entry(edited) !== undefined, where !== 'included only', `${edited} is an entry: ${where}`);
        let last = first;
        let text: string = original!;
        for (let i = 0; i < 8; i++) {
          text = typeOnce(text, random, fragments);
          fs.setOpen(edited, text);
          const result = analyzer.run(ws);
          runs++;
          if (result.patchOf?.serial === last.serial) {
            patches++;
            if (peerSummary(result) !== peerSummary(last)) peerChanges++;
          }
          assert.deepEqual(described(result), described(analyze(ws)), `${name}, chain ${chain}, edit ${i + 1}:\n${text}`);
          // Features answer from the nodes and peer groups: they hold the models of this run, none older.
          const current = (m: KeepalivedModel | undefined) => m === undefined || result.keepalived.get(m.file.uri)!.includes(m);
          assert.ok(result.nodes.every((n) => current(n.keepalived)) && result.peerGroups.every((g) => g.members.every((m) => current(m.model))), 'no older models');
          assert.equal(result.peerGroups.length, analyze(ws).peerGroups.length);
          // Findings kept from earlier runs name the files as they are now (positions are read against their text).
          const stale = result.findings.flatMap((f) => [f.file, ...(f.related ?? []).map((r) => r.file)]).filter((f) => result.files.get(f.uri) !== f);
          assert.deepEqual(stale.map((f) => f.uri), [], 'findings name older versions of their files');
          last = result;
        }
      }
    }
    assert.ok(patches >= runs / 3, `${patches} of ${runs} runs were patches`);
    // A file on its own has no peers.
    if (!file.endsWith('.cfg') && !outside) assert.ok(peerChanges >= 10, `only ${peerChanges} patches changed what the peer rules say`);
  });
}

/** `files` under /w, discovered, and an Analyzer that has run once over them. */
const analysed = (files: Array<{ path: string; text: string }>) => analysedOn(new MemoryFileSystem(files));

/** Opens `path` with `text`: the run after must patch the one before and equal a fresh analysis. */
function patchedEdit({ fs, ws, analyzer }: ReturnType<typeof analysed>, path: string, text: string): AnalysisResult {
  const before = analyzer.run(ws);
  fs.setOpen(path, text);
  const result = analyzer.run(ws);
  assert.equal(result.patchOf?.serial, before.serial, 'the edit is patched in');
  assert.deepEqual(described(result), described(analyze(ws)));
  return result;
}

test('an edit of global_defs reaches the peer findings of the instances it did not touch', () => {
  // The edited file's instances are kept by its new model (same statements, same definitions); the peer rules
  // read global_defs from the model, so the group's findings must be made again all the same.
  const node = (id: string) => `global_defs {\n    router_id ${id}\n}\n\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority ${id === 'lb1' ? 150 : 100}\n    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n`;
  const setup = analysed(['lb1', 'lb2'].map((id) => ({ path: `/w/${id}/keepalived.conf`, text: node(id) })));
  assert.ok(!described(setup.first).some((d) => d.includes(':version-mismatch:')), described(setup.first).join('\n'));
  const result = patchedEdit(setup, '/w/lb1/keepalived.conf', node('lb1').replace('    router_id lb1\n', '    router_id lb1\n    vrrp_version 3\n'));
  assert.ok(described(result).some((d) => d.includes(':version-mismatch:')), described(result).join('\n'));
});

/**
 * Analyses `files` under /w, then opens `path` with `edited`: the run after the edit must be a patch that keeps the
 * `count` findings of rule `code` the first run had, and equal a fresh analysis.
 */
function assertPatchKeeps(files: Array<{ path: string; text: string }>, path: string, edited: string, code: string, count: number): void {
  const setup = analysed(files);
  const ofRule = (r: AnalysisResult) => described(r).filter((d) => d.includes(`:${code}:`));
  assert.equal(ofRule(setup.first).length, count, described(setup.first).join('\n'));
  const result = patchedEdit(setup, path, edited);
  assert.equal(ofRule(result).length, count, described(result).join('\n'));
}

test('peer groups whose members have the same names keep their findings apart in a patched run', () => {
  // Each node defines VI_1 twice (a duplicate-instance error), with VRIDs 51 and 52: two peer groups whose members
  // are named alike. Each group has its own findings (each instance is told of its peer on the other node); a patch
  // that redoes them must keep both.
  const instance = (vrid: number) => `vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id ${vrid}\n    virtual_ipaddress {\n        192.0.2.${vrid}\n    }\n}\n`;
  const text = instance(51) + instance(52);
  const files = ['lb1', 'lb2'].map((id) => ({ path: `/w/${id}/keepalived.conf`, text }));
  assertPatchKeeps(files, '/w/lb1/keepalived.conf', `}\n${text}`, 'duplicate-priority', 4);
});

test('two nodes of one cluster guessed from the same folder keep their findings apart in a patched run', () => {
  // lb1/keepalived.conf and lb1/keepalived/keepalived.conf both stand for lb1, and both serve lb1's HAProxy files,
  // whose binds are on no VIP. Under one name, the two nodes' findings were one part, which a patch lost.
  const keepalived = (vip: string) => `vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        ${vip}\n    }\n}\n`;
  const haproxy = (address: string) => `frontend f\n    bind ${address}:80\n    timeout client 5s\n`;
  const files = [
    { path: '/w/lb1/keepalived.conf', text: keepalived('192.0.2.10') },
    { path: '/w/lb1/haproxy.cfg', text: haproxy('192.0.2.99') },
    { path: '/w/lb1/haproxy/haproxy.cfg', text: haproxy('192.0.2.98') },
    { path: '/w/lb1/keepalived/keepalived.conf', text: keepalived('192.0.2.11') },
    { path: '/w/lb2/keepalived.conf', text: keepalived('192.0.2.10') },
  ];
  assertPatchKeeps(files, '/w/lb1/keepalived.conf', `#\n${keepalived('192.0.2.10')}`, 'bind-not-vip', 2);
});

test('an edit of a file both nodes include is patched into both', () => {
  // Both keepalived.conf files read the shared instance from /w/common/vrrp.inc, each with its own priority through
  // a definition. Giving the shared file a fixed priority makes the two peers equal: one finding on each side.
  const main = (priority: number) => `$PRIO=${priority}\ninclude /w/common/vrrp.inc\n`;
  const shared = (priority: string) => `vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority ${priority}\n    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n`;
  const setup = analysed([
    { path: '/w/lb1/keepalived.conf', text: main(150) },
    { path: '/w/lb2/keepalived.conf', text: main(100) },
    { path: '/w/common/vrrp.inc', text: shared('$PRIO') },
  ]);
  const equal = (r: AnalysisResult) => described(r).filter((d) => d.includes(':duplicate-priority:'));
  assert.equal(equal(setup.first).length, 0, described(setup.first).join('\n'));
  const result = patchedEdit(setup, '/w/common/vrrp.inc', shared('120'));
  assert.equal(equal(result).length, 2, described(result).join('\n'));
});

test("an edit reaches only the files whose findings it changes, also after an earlier edit moved kept peer findings", () => {
  // lb1 and lb3 disagree on VI_1's VRID (findings in both files, each pointing at the other); VI_2 is on all three
  // nodes and clean. Later edits keep the VI_1 group and its findings; once handed lb1's new text, they are not
  // handed it again, nor sent again.
  const instance = (name: string, vrid: number, vip: string, priority: number) => `vrrp_instance ${name} {\n    interface eth0\n    virtual_router_id ${vrid}\n    priority ${priority}\n    virtual_ipaddress {\n        ${vip}\n    }\n}\n`;
  const lb1 = instance('VI_2', 52, '192.0.2.20', 150) + instance('VI_1', 51, '192.0.2.10', 150);
  const lb2 = instance('VI_2', 52, '192.0.2.20', 90);
  const lb3 = instance('VI_1', 59, '192.0.2.10', 100) + instance('VI_2', 52, '192.0.2.20', 100);
  const setup = analysed([
    { path: '/w/lb1/keepalived.conf', text: lb1 },
    { path: '/w/lb2/keepalived.conf', text: lb2 },
    { path: '/w/lb3/keepalived.conf', text: lb3 },
  ]);
  const vrid = (r: AnalysisResult) => described(r).filter((d) => d.includes(':peer-vrid-mismatch:'));
  assert.equal(vrid(setup.first).length, 2, described(setup.first).join('\n'));
  const edit = (path: string, text: string) => [...patchedEdit(setup, path, text).patchOf!.files].sort();
  // A line added to VI_2 moves VI_1 (kept, in place) and its finding in lb1, and the place lb3's finding points to
  // there: both files are sent again.
  assert.deepEqual(edit('/w/lb1/keepalived.conf', lb1.replace('priority 150\n', 'priority 150\n    advert_int 1\n')), ['/w/lb1/keepalived.conf', '/w/lb3/keepalived.conf']);
  // An edit of VI_2 on lb2 changes no finding: no file is sent again, lb1 and lb3 included.
  assert.deepEqual(edit('/w/lb2/keepalived.conf', lb2.replace('priority 90', 'priority 91')), []);
});

test('beside an Ansible layout, edits of what it reads (vars, the inventory, a template) are patched in: the hosts are rendered and checked again', () => {
  const setup = analysed([...layout('002-control-plane-unicast'), ...ansibleSeed()]);
  const { fs } = setup;
  const edit = (path: string, text: string) => {
    const result = patchedEdit(setup, path, text);
    assert.equal(JSON.stringify(result.problems), JSON.stringify(analyze(setup.ws).problems));
    return result;
  };
  const onTemplates = (r: AnalysisResult, code: string) => described(r).filter((d) => d.startsWith('/w/ansible/') && d.includes(`:${code}:`));
  assert.deepEqual(onTemplates(setup.first, 'duplicate-priority'), [], described(setup.first).join('\n'));
  // lb-1 gets lb-0's priority from its host_vars: the rendered hosts become equal peers, reported on the template.
  assert.notDeepEqual(onTemplates(edit('/w/ansible/inventory/host_vars/lb-1', 'lb_priority: "100"\n'), 'duplicate-priority'), []);
  // A third host, then only one: nodes come and go, and the parts of those gone are dropped.
  const inventory = '/w/ansible/inventory/loadbalancer';
  const hosts = fs.readFile(inventory)!.text;
  edit(inventory, `${hosts}lb-2 ansible_host=192.0.2.252\n`);
  assert.deepEqual(onTemplates(edit(inventory, hosts.replace(/^lb-1 .*\n/m, '')), 'duplicate-priority'), []);
  // A vars file Ansible cannot read is a problem of the layout's.
  assert.ok((edit('/w/ansible/inventory/group_vars/loadbalancer', 'lb_floating_ip: [\n').problems ?? []).length > 0);
  edit('/w/ansible/inventory/group_vars/loadbalancer', 'lb_floating_ip: "192.0.2.254"\n');
  const template = '/w/ansible/roles/loadbalancer/templates/keepalived-conf.j2';
  edit(template, `${fs.readFile(template)!.text}\n# a note\n`);
  const lb1 = readFileSync(join(SEEDS, '002-control-plane-unicast', 'lb1', 'keepalived.conf'), 'utf8');
  edit('/w/lb1/keepalived.conf', `${lb1}\n# a note\n`);
});

test('a YAML file edited into an inventory makes an Ansible layout where the last run found none', () => {
  // Templates in a role, and no inventory yet: the templates are checked as written. Typing the inventory into
  // lbs.yml (no config, so no entry) must bring the rendered hosts in, though no config changed.
  const files = ansibleSeed().filter((f) => !f.path.startsWith('/w/ansible/inventory/'));
  files.push({ path: '/w/ansible/lbs.yml', text: '# inventory to come\n' });
  const setup = analysed([...layout('002-control-plane-unicast'), ...files]);
  setup.fs.setOpen('/w/ansible/lbs.yml', 'loadbalancer:\n  hosts:\n    lb-0:\n      lb_priority: 100\n    lb-1:\n      lb_priority: 100\n');
  const result = setup.analyzer.run(setup.ws);
  assert.deepEqual(described(result), described(analyze(setup.ws)));
  assert.notDeepEqual(described(result), described(setup.first), 'the layout is rendered');
});

test('a template added to a project of its own is rendered by the next run', () => {
  // Beside the seed's layout, an inventory with nothing to render yet; then a role's template there, whose expression
  // prints a mode that is none.
  const disk = new MemoryFileSystem([...layout('002-control-plane-unicast'), ...ansibleSeed(), { path: '/w/other/hosts', text: '[lb]\nh1 proxy_mode=htpt\n' }]);
  const { fs, ws, analyzer } = analysedOn(disk);
  // Created on disk, as the language server learns from the editor's file watcher: discovery finds it.
  const template = '/w/other/roles/lb/templates/haproxy.cfg.j2';
  disk.set(template, 'frontend f\n    mode {{ proxy_mode }}\n    bind 192.0.2.5:80\n    default_backend b\nbackend b\n    server s 192.0.2.21:80\n');
  fs.invalidate(template);
  ws.discover('/w');
  const result = analyzer.run(ws);
  assert.deepEqual(described(result), described(analyze(ws)));
  assert.ok(described(result).some((d) => d.startsWith(template) && d.includes(':invalid-value:') && d.includes('[host h1]')), described(result).join('\n'));
});

test('typing in an Ansible vars file beside the pairs: every run equals a fresh analysis, problems included, and most are patches', () => {
  const random = prng(20261124);
  const vars = '/w/ansible/inventory/host_vars/lb-1';
  const fragments = ['lb_priority: "100"', 'lb_priority: 150', 'lb_priority: "{{ 90 + 10 }}"', 'lb_floating_ip: "192.0.2.254"', 'lb_floating_ip: 192.0.2.9', ':', '[', '- x', '#', '"'];
  let runs = 0;
  let patches = 0;
  for (let chain = 0; chain < 6; chain++) {
    const { fs, ws, analyzer, first } = analysed([...layout('002-control-plane-unicast'), ...ansibleSeed()]);
    let last = first;
    let text = fs.readFile(vars)!.text;
    for (let i = 0; i < 8; i++) {
      text = typeOnce(text, random, fragments);
      fs.setOpen(vars, text);
      const result = analyzer.run(ws);
      runs++;
      if (result.patchOf?.serial === last.serial) patches++;
      const fresh = analyze(ws);
      assert.deepEqual(described(result), described(fresh), `chain ${chain}, edit ${i + 1}:\n${text}`);
      assert.equal(JSON.stringify(result.problems), JSON.stringify(fresh.problems), `chain ${chain}, edit ${i + 1}:\n${text}`);
      last = result;
    }
  }
  assert.ok(patches >= runs / 2, `${patches} of ${runs} runs were patches`);
});
