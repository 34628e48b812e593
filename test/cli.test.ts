/** The `hapair` command as users run it: the bundled dist/cli.js in a child process. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveRuntime } from '../bench/lib/runtime.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');

function hapair(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  const b = spawnSync(process.execPath, ['build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
});

test('check on the example pair: JSON output, relative paths, exit 1 for errors', () => {
  const r = hapair(['check', '--format', 'json', 'examples/k8s-api-pair']);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { diagnostics: Array<Record<string, unknown>> };
  const codes = out.diagnostics.map((d) => `${d.file}:${d.line}:${d.code}`);
  assert.ok(codes.includes('examples/k8s-api-pair/lb1/keepalived.conf:19:peer-vrid-mismatch'), codes.join('\n'));
  assert.ok(codes.includes('examples/k8s-api-pair/lb2/haproxy.cfg:39:bind-not-vip'), codes.join('\n'));
  for (const d of out.diagnostics) {
    assert.deepEqual(Object.keys(d).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity as string));
  }
});

test('text output looks like a compiler, SARIF is 2.1.0', () => {
  const text = hapair(['check', 'examples/k8s-api-pair']);
  assert.match(text.stdout, /^examples\/k8s-api-pair\/lb1\/keepalived\.conf:19:23: error peer-vrid-mismatch: /m);
  assert.match(text.stdout, /^\s+\^\^$/m);
  const sarif = JSON.parse(hapair(['check', '--format', 'sarif', 'examples/k8s-api-pair']).stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'auth-pass-too-long'));
});

test('a clean file exits 0; a file is checked alone; language by content or --language', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hapair-cli-'));
  const cfg = join(dir, 'lb.cfg');
  writeFileSync(cfg, 'defaults\n  mode tcp\n  timeout client 5s\n  timeout server 5s\n  timeout connect 5s\nfrontend f\n  bind :80\n  default_backend b\nbackend b\n  server s 192.0.2.1:80\n');
  assert.equal(hapair(['check', cfg]).code, 0);
  const odd = join(dir, 'settings.txt');
  writeFileSync(odd, 'frontend f\n  bind :80\n  default_backend nowhere\n');
  assert.equal(hapair(['check', odd]).code, 1, 'recognised as HAProxy by its content');
  const prose = join(dir, 'notes.txt');
  writeFileSync(prose, 'just some notes\n');
  assert.equal(hapair(['check', prose]).code, 2, 'unknown language is a usage error');
  const r = hapair(['check', '--language', 'haproxy', '--format', 'json', odd]);
  assert.equal(r.code, 1);
  assert.ok(JSON.parse(r.stdout).diagnostics.some((d: { code: string }) => d.code === 'undefined-backend'));
});

test('named files are grouped like found ones: a node named by its two files is cross-checked', () => {
  const pair = ['lb1/keepalived.conf', 'lb1/haproxy.cfg', 'lb2/keepalived.conf', 'lb2/haproxy.cfg'].map((f) => `examples/k8s-api-pair/${f}`);
  const folder = hapair(['check', '--format', 'json', 'examples/k8s-api-pair']);
  const named = hapair(['check', '--format', 'json', ...pair]);
  assert.equal(named.code, folder.code, named.stderr);
  assert.deepEqual(JSON.parse(named.stdout), JSON.parse(folder.stdout), 'the four files named give what the folder gives');

  // A host's own layout: nothing else under /etc is read, yet the bind is judged against the node's VIP.
  const etc = join(mkdtempSync(join(tmpdir(), 'hapair-etc-')), 'etc');
  mkdirSync(join(etc, 'keepalived'), { recursive: true });
  mkdirSync(join(etc, 'haproxy'));
  const keepalived = join(etc, 'keepalived', 'keepalived.conf');
  const haproxy = join(etc, 'haproxy', 'haproxy.cfg');
  writeFileSync(
    keepalived,
    'vrrp_track_process haproxy {\n  process haproxy\n}\nvrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 110\n' +
      '  track_process {\n    haproxy\n  }\n  virtual_ipaddress {\n    192.0.2.10/24\n  }\n}\n',
  );
  writeFileSync(haproxy, 'defaults\n  mode tcp\n  timeout client 5s\n  timeout server 5s\n  timeout connect 5s\nfrontend api\n  bind 192.0.2.50:6443\n  default_backend b\nbackend b\n  server s 198.51.100.1:6443\n');
  const codes = (files: string[]) => JSON.parse(hapair(['check', '--format', 'json', ...files]).stdout).diagnostics.map((d: { file: string; code: string }) => `${d.file.slice(d.file.lastIndexOf('/') + 1)}: ${d.code}`);
  assert.deepEqual(codes([keepalived, haproxy]), ['haproxy.cfg: bind-not-vip']);
  assert.deepEqual(codes([haproxy]), [], 'without its keepalived config the bind cannot be judged');
});

test('a check reads each config from the disk once', () => {
  // Counts the process's file reads, as the check makes them, and prints them when it exits.
  const dir = mkdtempSync(join(tmpdir(), 'hapair-reads-'));
  const counter = join(dir, 'count-reads.cjs');
  writeFileSync(
    counter,
    `const fs = require('fs'); const read = fs.readFileSync; const n = {};
fs.readFileSync = function (p, ...rest) { const k = String(p); if (k.includes('k8s-api-pair')) n[k] = (n[k] || 0) + 1; return read.call(this, p, ...rest); };
process.on('exit', () => process.stderr.write('READS ' + JSON.stringify(n) + '\\n'));`,
  );
  const r = spawnSync(process.execPath, ['--require', counter, CLI, 'check', 'examples/k8s-api-pair'], { cwd: ROOT, encoding: 'utf8' });
  const reads = JSON.parse(/^READS (.*)$/m.exec(r.stderr)![1]!) as Record<string, number>;
  const files = Object.keys(reads).map((p) => p.slice(p.indexOf('k8s-api-pair'))).sort();
  assert.deepEqual(files, ['k8s-api-pair/lb1/haproxy.cfg', 'k8s-api-pair/lb1/keepalived.conf', 'k8s-api-pair/lb2/haproxy.cfg', 'k8s-api-pair/lb2/keepalived.conf']);
  assert.deepEqual(Object.values(reads), [1, 1, 1, 1], JSON.stringify(reads));
});

// The launchers set V8 flags by V8 version (scripts/v8-flags.mjs). V8 answers a flag it does not know with an error on
// stderr at every start, which would land in every editor's log: checked on this Node and on Node 24 (V8 13, the
// editors' runtime), fetched into the benchmark's cache when missing.
test('the launchers set only V8 flags the Node running them knows, on this Node and on Node 24', () => {
  for (const node of [process.execPath, resolveRuntime('24')]) {
    const r = spawnSync(node, [CLI, '--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/, `${node}: ${r.stdout}`);
    assert.equal(r.stderr, '', node);
  }
});

test('usage and I/O problems exit 2 with one line on stderr', () => {
  for (const args of [['check', '/nonexistent/path'], ['check', '--format', 'xml'], ['frobnicate'], ['check', '--bogus']]) {
    const r = hapair(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^hapair: /);
    assert.ok(r.stderr.trim().split('\n').length <= 2, r.stderr);
  }
});

test('bad bytes never crash: binary file, invalid UTF-8, a 10 MB line, an include cycle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hapair-bad-'));
  writeFileSync(join(dir, 'haproxy.cfg'), Buffer.from([0, 1, 2, 255, 254, 10]));
  writeFileSync(join(dir, 'haproxy-utf.cfg'), Buffer.concat([Buffer.from('global\n  log '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\n')]));
  writeFileSync(join(dir, 'haproxy-long.cfg'), 'global\n  description ' + 'x'.repeat(10_000_000) + '\n');
  mkdirSync(join(dir, 'k'));
  writeFileSync(join(dir, 'k', 'keepalived.conf'), 'include keepalived.conf\ninclude missing.conf\ninclude /etc/*.conf\nvrrp_instance A {\n');
  const r = hapair(['check', '--format', 'json', dir]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const codes = JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code);
  assert.ok(codes.includes('parse-error'), 'the binary file is reported');
  assert.ok(codes.includes('unbalanced-braces'));
  assert.ok(codes.includes('unresolved-include'), 'the cycle and the missing file are reported');
});

test('includes outside the checked folders are not followed unless --include-dir allows the folder', () => {
  const base = mkdtempSync(join(tmpdir(), 'hapair-incl-'));
  const node = join(base, 'repo', 'lb1');
  const shared = join(base, 'shared');
  mkdirSync(node, { recursive: true });
  mkdirSync(shared);
  writeFileSync(join(shared, 'vips.conf'), 'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 300\n  priority 100\n}\n');
  writeFileSync(join(node, 'keepalived.conf'), `include ${join(shared, '*.conf')}\ninclude ${join(shared, 'vips.conf')}\n`);
  const codes = (args: string[]) => JSON.parse(hapair(['check', '--format', 'json', ...args, join(base, 'repo')]).stdout).diagnostics.map((d: { code: string; message: string }) => `${d.code}: ${d.message}`);
  const alone = codes([]);
  assert.ok(alone.some((c: string) => c.startsWith('unresolved-include') && c.includes('outside the checked folders')), alone.join('\n'));
  assert.ok(!alone.some((c: string) => c.startsWith('vrid-out-of-range')), 'the outside file was not read');
  const allowed = codes(['--include-dir', shared]);
  assert.ok(allowed.some((c: string) => c.startsWith('vrid-out-of-range')), allowed.join('\n'));
  assert.ok(!allowed.some((c: string) => c.startsWith('unresolved-include')), allowed.join('\n'));
});

test('hapair.json problems: one line each on stderr, placed in the file; a refused manifest exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hapair-manifest-'));
  const keepalived = 'vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n    192.0.2.10\n  }\n}\n';
  for (const lb of ['lb1', 'lb2']) {
    mkdirSync(join(dir, lb));
    writeFileSync(join(dir, lb, 'keepalived.conf'), keepalived.replace('100', lb === 'lb1' ? '100' : '90'));
  }
  writeFileSync(join(dir, 'hapair.json'), '{ "clusters": [ { "nodes": [\n  { "keepalived": "lb1/keepalived.conf" },\n  { "keepalived": "lb2/keepalive.conf" }\n] } ] }\n');
  const typo = hapair(['check', '.'], dir);
  assert.equal(typo.code, 0, typo.stdout);
  assert.equal(typo.stderr, 'hapair: hapair.json:3:19: warning: lb2/keepalive.conf does not exist: the node is left out of the checks\n');
  writeFileSync(join(dir, 'hapair.json'), '{ "clusters": [ { "nodes": [\n  { "keepalived": "lb1/keepalived.conf" },\n] } ] }\n');
  const broken = hapair(['check', '.'], dir);
  assert.equal(broken.code, 1, broken.stdout);
  assert.equal(broken.stderr, 'hapair: hapair.json:2:42: error: not valid JSON: a comma before the closing bracket, which JSON does not allow\n');
});
