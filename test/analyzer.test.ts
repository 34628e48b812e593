// The Analyzer remembers results between runs: after an edit, only the edited file, its node and its peer groups
// are computed again, and the findings are exactly those of a fresh analysis.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer, analyze, MAX_FINDINGS_PER_RULE_AND_FILE, type AnalysisResult } from '../server/src/analysis/analyze.js';
import { MemoryFileSystem } from './fuzz/memfs.js';
import { OverlayFileSystem } from '../server/src/lsp/overlay-fs.js';
import { nodeFileSystem } from '../server/src/workspace/node-fs.js';
import { Workspace } from '../server/src/workspace/workspace.js';

const EXAMPLE = new URL('../examples/k8s-api-pair', import.meta.url).pathname;

/** Two copies of the example pair in a temporary folder (removed after the test), analysed once by a kept Analyzer. */
function setup(t: TestContext) {
  const root = mkdtempSync(join(tmpdir(), 'hapair-analyzer-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const pair of ['pair-a', 'pair-b']) cpSync(EXAMPLE, join(root, pair), { recursive: true });
  const fs = new OverlayFileSystem(nodeFileSystem);
  const ws = new Workspace(fs, [root]);
  ws.discover(root);
  const analyzer = new Analyzer();
  return { root, fs, ws, analyzer, first: analyzer.run(ws) };
}

const summary = (r: AnalysisResult) => r.findings.map((f) => `${f.file.uri}:${f.span.start}:${f.code}:${f.message}`);

test('a run after an edit reuses the untouched pair and matches a fresh analysis', (t) => {
  const { root, fs, ws, analyzer, first } = setup(t);
  const cfgA = join(root, 'pair-a/lb2/haproxy.cfg');
  const cfgB = join(root, 'pair-b/lb2/haproxy.cfg');
  const kaA = join(root, 'pair-a/lb2/keepalived.conf');

  // Fix pair A's VRID mismatch in an open buffer.
  fs.setOpen(kaA, readFileSync(kaA, 'utf8').replace('virtual_router_id 52', 'virtual_router_id 51'));
  const second = analyzer.run(ws);
  assert.deepEqual(summary(second), summary(analyze(ws)));
  assert.ok(summary(first).some((s) => s.includes('pair-a/lb2/keepalived.conf') && s.includes('peer-vrid-mismatch')));
  assert.ok(!summary(second).some((s) => s.includes('pair-a/') && s.includes('peer-vrid-mismatch')));
  assert.ok(summary(second).some((s) => s.includes('pair-b/') && s.includes('peer-vrid-mismatch')), 'pair B still has its mistake');
  // HAProxy models of unchanged files are the same objects: nothing was rebuilt for them.
  assert.equal(second.haproxy.get(cfgA), first.haproxy.get(cfgA));
  assert.equal(second.haproxy.get(cfgB), first.haproxy.get(cfgB));

  // Editing a HAProxy file rebuilds that file's model only.
  fs.setOpen(cfgA, readFileSync(cfgA, 'utf8').replace('192.0.2.10:443', '192.0.2.100:443'));
  const third = analyzer.run(ws);
  assert.notEqual(third.haproxy.get(cfgA), second.haproxy.get(cfgA));
  assert.equal(third.haproxy.get(cfgB), second.haproxy.get(cfgB));
  assert.deepEqual(summary(third), summary(analyze(ws)));
  assert.ok(!summary(third).some((s) => s.includes('pair-a/lb2/haproxy.cfg') && s.includes('bind-not-vip')));
});

test('new settings start from scratch', (t) => {
  const { ws, analyzer } = setup(t);
  const settings = { severity: { 'peer-vrid-mismatch': 'off' as const }, versions: { haproxy: '2.6' as const, keepalived: '2.2' as const } };
  const quiet = analyzer.run(ws, settings);
  assert.ok(!quiet.findings.some((f) => f.code === 'peer-vrid-mismatch'));
  assert.deepEqual(summary(quiet), summary(analyze(ws, settings)));
});

test('a rule lists at most MAX_FINDINGS_PER_RULE_AND_FILE findings per file, then one saying how many more', () => {
  const extra = 250;
  const lines = Array.from({ length: MAX_FINDINGS_PER_RULE_AND_FILE + extra }, (_, i) => `vrrp_scriptt chk_${i} {\n}`);
  const fs = new MemoryFileSystem([{ path: '/w/keepalived.conf', text: `${lines.join('\n')}\n}\n}\n` }]);
  const ws = new Workspace(fs, ['/w']);
  ws.discover('/w');
  const findings = analyze(ws).findings;
  const unknown = findings.filter((f) => f.code === 'unknown-keyword');
  assert.equal(unknown.length, MAX_FINDINGS_PER_RULE_AND_FILE + 1);
  const more = unknown.find((f) => f.message.includes('more'))!;
  assert.match(more.message, /^250 more unknown-keyword finding\(s\) in this file from here on are not listed one by one \(only the first 1,000 are\)$/);
  // It points at the first place not listed, the line after the last one listed.
  assert.equal(fs.readFile('/w/keepalived.conf')!.text.slice(more.span.start, more.span.end), 'vrrp_scriptt');
  assert.equal(more.span.start, fs.readFile('/w/keepalived.conf')!.text.indexOf(`vrrp_scriptt chk_${MAX_FINDINGS_PER_RULE_AND_FILE} `));
  // Syntax findings are limited the same way: the two stray braces are listed, well under the limit.
  assert.equal(findings.filter((f) => f.code === 'unbalanced-braces').length, 2);
});

test('an edit of a HAProxy file patches the previous run: the file and its node are checked again, and the result matches a fresh analysis', (t) => {
  const { root, fs, ws, analyzer, first } = setup(t);
  const cfg = join(root, 'pair-a/lb1/haproxy.cfg');
  const original = readFileSync(cfg, 'utf8');

  // A bind on an address that is not the VIP: a node rule (bind-not-vip) now fires for lb1.
  fs.setOpen(cfg, original.replace('bind 192.0.2.100:6443', 'bind 198.51.100.77:6443'));
  const second = analyzer.run(ws);
  assert.deepEqual(summary(second), summary(analyze(ws)));
  assert.ok(summary(second).some((s) => s.includes('pair-a/lb1/haproxy.cfg') && s.includes('bind-not-vip')), summary(second).join('\n'));
  assert.equal(second.keepalived, first.keepalived, 'the keepalived models were not rebuilt');
  assert.equal(second.peerGroups, first.peerGroups, 'the peer groups were not rebuilt');
  assert.ok(second.nodes.some((n) => n.haproxy.includes(second.haproxy.get(cfg)!)), 'a node serves the new model');
  assert.ok(!second.nodes.some((n) => n.haproxy.includes(first.haproxy.get(cfg)!)), 'no node serves the old one');

  // Back to the original text, and an edit that changes nothing.
  fs.setOpen(cfg, original);
  const third = analyzer.run(ws);
  assert.deepEqual(summary(third), summary(first));
  assert.equal(analyzer.run(ws), third, 'nothing changed: the same result');

  // A keepalived edit patches too: the file's models, its node and its peer groups are made again.
  const ka = join(root, 'pair-a/lb1/keepalived.conf');
  fs.setOpen(ka, readFileSync(ka, 'utf8').replace('priority 120', 'priority 119'));
  const fourth = analyzer.run(ws);
  assert.equal(fourth.patchOf?.serial, third.serial);
  assert.notEqual(fourth.keepalived.get(ka), first.keepalived.get(ka));
  assert.equal(fourth.keepalived.get(join(root, 'pair-b/lb1/keepalived.conf')), first.keepalived.get(join(root, 'pair-b/lb1/keepalived.conf')));
  assert.deepEqual(summary(fourth), summary(analyze(ws)));
});

test('a keepalived edit patches the previous run, also when its instances group differently, unless it changes which config-ids the file uses or what it includes', (t) => {
  const { root, fs, ws, analyzer, first } = setup(t);
  let last = first;
  const ka = join(root, 'pair-a/lb2/keepalived.conf');
  const original = readFileSync(ka, 'utf8');
  const edit = (text: string) => {
    fs.setOpen(ka, text);
    const before = last;
    last = analyzer.run(ws);
    const fresh = analyze(ws);
    assert.deepEqual(summary(last), summary(fresh), 'the result equals a fresh analysis');
    const groups = (r: typeof last) => r.peerGroups.map((g) => g.members.map((m) => `${m.node.name}/${m.instance.name}`).join(' '));
    assert.deepEqual(groups(last), groups(fresh), 'the same peer groups, in the same order');
    return last.patchOf?.serial === before.serial ? last.patchOf.files : undefined;
  };
  // Fixing the VRID mismatch: the findings change in the pair's keepalived files only.
  const fixed = original.replace('virtual_router_id 52', 'virtual_router_id 51');
  const touched = edit(fixed);
  assert.ok(touched, 'a patch');
  assert.ok([...touched].every((f) => f.includes('/pair-a/')), [...touched].join(' '));
  assert.ok(!summary(last).some((s) => s.includes('pair-a/') && s.includes('peer-vrid-mismatch')));
  assert.equal(last.peerGroups.length, analyze(ws).peerGroups.length);
  assert.ok(last.peerGroups.some((g) => g.members.some((m) => m.model === last.keepalived.get(ka)![0])), 'the peer groups hold the new model');
  assert.ok(edit(fixed.replace('auth_pass', 'auth_pass ')), 'a patch');
  // Renaming the instance regroups the instances (its group's part is dropped, new ones are made): still a patch.
  const renamed = edit(fixed.replace(/vrrp_instance (\S+)/, 'vrrp_instance RENAMED'));
  assert.ok(renamed && [...renamed].every((f) => f.includes('/pair-a/')), 'a patch that reaches the pair only');
  assert.ok(edit(fixed), 'back to the old grouping: a patch again');
  // `@id` lines: the file now describes other hosts (other nodes).
  assert.equal(edit(fixed.replace('priority', '@lb9 priority')), undefined);
  // An include that reads another file.
  edit(fixed);
  assert.equal(edit(`${fixed}\ninclude ${join(root, 'pair-a/lb1/keepalived.conf')}\n`), undefined);
  edit(fixed);
  // A new VRID on one peer keeps the group (same VIPs): a patch, and the mismatch is back.
  assert.ok(edit(fixed.replace('virtual_router_id 51', 'virtual_router_id 53')), 'a patch');
  assert.ok(summary(last).some((s) => s.includes('pair-a/') && s.includes('peer-vrid-mismatch')));
});

test('a patched result first asked for its peer groups after later edits gives its own, not the latest', (t) => {
  const { root, fs, ws, analyzer } = setup(t);
  const ka = join(root, 'pair-a/lb2/keepalived.conf');
  const original = readFileSync(ka, 'utf8');
  const results = [99, 98, 97].map((priority) => {
    fs.setOpen(ka, original.replace('priority 100', `priority ${priority}`));
    return analyzer.run(ws);
  });
  assert.ok(results.slice(1).every((r, i) => r.patchOf?.serial === results[i]!.serial), 'each edit patched the run before');
  results.forEach((r, i) => {
    const model = r.keepalived.get(ka)![0]!;
    const members = r.peerGroups.flatMap((g) => g.members).filter((m) => m.model.file.uri === ka);
    assert.ok(members.length > 0 && members.every((m) => m.model === model), `edit ${i + 1}: the peer groups hold that run's model`);
  });
});

test("several keepalived files beside one haproxy.cfg: an edit of one reaches the findings the other's node makes for the shared file", (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hapair-analyzer-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const instance = (state: string, priority: number, vips: string[]) =>
    `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 51\n    priority ${priority}\n    virtual_ipaddress {\n${vips.map((v) => `        ${v}\n`).join('')}    }\n}\n`;
  writeFileSync(join(root, 'keepalived-master.conf'), instance('MASTER', 110, ['192.0.2.10/24']));
  writeFileSync(join(root, 'keepalived-backup.conf'), instance('BACKUP', 100, ['192.0.2.10/24']));
  writeFileSync(join(root, 'haproxy.cfg'), 'frontend fe\n    bind 192.0.2.20:80\n    default_backend be\nbackend be\n    server s1 198.51.100.10:80\n');
  const fs = new OverlayFileSystem(nodeFileSystem);
  const ws = new Workspace(fs, [root]);
  ws.discover(root);
  const analyzer = new Analyzer();
  const first = analyzer.run(ws);
  // The first node serving the file (the backup's, by name) judges its binds against the VIPs of both.
  assert.ok(summary(first).some((s) => s.includes('haproxy.cfg') && s.includes('bind-not-vip')), summary(first).join('\n'));
  // The master gains the bound address: the backup's node, whose own files did not change, must drop the finding.
  fs.setOpen(join(root, 'keepalived-master.conf'), instance('MASTER', 110, ['192.0.2.10/24', '192.0.2.20/24']));
  const second = analyzer.run(ws);
  assert.equal(second.patchOf?.serial, first.serial, 'a patch');
  assert.deepEqual(summary(second), summary(analyze(ws)));
  assert.ok(!summary(second).some((s) => s.includes('bind-not-vip')), summary(second).join('\n'));
  assert.ok(summary(second).some((s) => s.includes('peer-vip-mismatch')));
});

test('a patch looks only at the files that changed, and says which files it may have changed, however large the workspace', () => {
  const pairFiles = ['lb1/haproxy.cfg', 'lb1/keepalived.conf', 'lb2/haproxy.cfg', 'lb2/keepalived.conf'];
  const files = Array.from({ length: 40 }, (_, i) => pairFiles.map((f) => ({ path: `/w/pair-${i}/${f}`, text: readFileSync(join(EXAMPLE, f), 'utf8') }))).flat();
  class CountingFileSystem extends OverlayFileSystem {
    reads = 0;
    override readFile(path: string) {
      this.reads++;
      return super.readFile(path);
    }
  }
  const fs = new CountingFileSystem(new MemoryFileSystem(files));
  const ws = new Workspace(fs, ['/w']);
  ws.discover('/w');
  const analyzer = new Analyzer();
  const first = analyzer.run(ws);
  const cfg = '/w/pair-7/lb1/haproxy.cfg';
  const edited = fs.readFile(cfg)!.text.replace('bind 192.0.2.100:6443', 'bind 198.51.100.77:6443');
  fs.reads = 0;
  fs.setOpen(cfg, edited);
  const patched = analyzer.run(ws);
  assert.equal(fs.reads, 1, 'only the edited file was read');
  assert.equal(patched.patchOf?.serial, first.serial);
  assert.deepEqual([...patched.patchOf!.files], [cfg], 'only the edited file has other findings now');
  assert.deepEqual(summary(patched), summary(analyze(ws)));
  assert.ok(summary(patched).some((s) => s.startsWith(`${cfg}:`) && s.includes('bind-not-vip')));
  // Without a change log (the CLI's file systems) a patch still works, looking at every file.
  const plain = new MemoryFileSystem(files);
  const plainWs = new Workspace(plain, ['/w']);
  plainWs.discover('/w');
  const plainAnalyzer = new Analyzer();
  plainAnalyzer.run(plainWs);
  plain.set(cfg, edited);
  assert.deepEqual(summary(plainAnalyzer.run(plainWs)), summary(patched));
});

test('a file an include matched but could not read is looked at again when it changes', () => {
  const main = '/w/lb1/keepalived/keepalived.conf';
  const extra = '/w/lb1/keepalived/conf.d/extra.conf';
  const fs = new MemoryFileSystem([
    { path: main, text: 'include conf.d/*\nvrrp_instance VI_1 {\n    virtual_router_id 51\n}\n' },
    { path: extra, text: '\0' },
  ]);
  const ws = new Workspace(fs, ['/w']);
  ws.discover('/w');
  const analyzer = new Analyzer();
  assert.ok(summary(analyzer.run(ws)).some((s) => s.includes('is not a text file')));
  // Text now, with a script of its own: the include reads it.
  fs.set(extra, 'vrrp_script chk {\n    script "true"\n    weight 300\n}\n');
  const after = summary(analyzer.run(ws));
  assert.deepEqual(after, summary(analyze(ws)));
  assert.ok(after.some((s) => s.startsWith(extra) && s.includes('weight-out-of-range')), after.join('\n'));
});

test('a file only an include reads is looked at again when it changes, with a change log or without, also after a patched edit added the include', () => {
  const main = '/w/lb1/keepalived.conf';
  const extra = '/w/lb1/scripts.inc';
  const instance = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n';
  const script = 'vrrp_script chk {\n    script "true"\n    weight 300\n}\n';
  for (const withLog of [false, true]) {
    for (const [what, before] of [['text', script.replace('300', '30')], ['not text', '\0']]) {
      const label = `${what}, ${withLog ? 'with' : 'without'} a change log`;
      const disk = new MemoryFileSystem([
        { path: main, text: instance },
        { path: extra, text: before },
      ]);
      const fs = withLog ? new OverlayFileSystem(disk) : disk;
      const ws = new Workspace(fs, ['/w']);
      ws.discover('/w');
      assert.ok(!ws.has(extra), 'no entry of its own: only the include reads it');
      const analyzer = new Analyzer();
      analyzer.run(ws);
      // The include arrives by an edit of the main file, which the analyzer may patch in.
      disk.set(main, `include ${extra}\n${instance}`);
      if (fs instanceof OverlayFileSystem) fs.invalidate(main);
      assert.deepEqual(summary(analyzer.run(ws)), summary(analyze(ws)), label);
      disk.set(extra, script);
      if (fs instanceof OverlayFileSystem) fs.invalidate(extra);
      const after = summary(analyzer.run(ws));
      assert.deepEqual(after, summary(analyze(ws)), label);
      assert.ok(after.some((s) => s.startsWith(extra) && s.includes('weight-out-of-range')), `${label}: ${after.join('\n')}`);
    }
  }
});
