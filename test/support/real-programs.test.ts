// Tests of the real-program harness itself, against the real haproxy and keepalived.
// Each test that needs a program (or network namespaces) skips with a one-line reason when it is
// unavailable. Configs only use documentation address ranges; keepalived runs in a private netns.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describeResult, haproxyCheck, keepalivedInterfaces, keepalivedTest, parseHaproxyOutput, parseKeepalivedOutput, skipUnless } from './real-programs.js';

const dir = mkdtempSync(join(tmpdir(), 'hapair-harness-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const HAPROXY_VALID = [
  'global',
  '    maxconn 100',
  '',
  'defaults',
  '    mode http',
  '    timeout connect 5s',
  '    timeout client 30s',
  '    timeout server 30s',
  '',
  'frontend fe',
  '    bind 127.0.0.1:18080',
  '    default_backend be',
  '',
  'backend be',
  '    server s1 192.0.2.10:80',
  '    server s2 192.0.2.11:80',
  '', // HAProxy 2.6 rejects a last line without LF
].join('\n');

const KEEPALIVED_VALID = [
  'global_defs {',
  '    router_id LB1',
  '}',
  '',
  'vrrp_instance VI_1 {',
  '    state MASTER',
  '    interface eth0',
  '    virtual_router_id 51',
  '    priority 150',
  '    advert_int 1',
  '    authentication {',
  '        auth_type PASS',
  '        auth_pass secret12',
  '    }',
  '    virtual_ipaddress {',
  '        192.0.2.100/24',
  '    }',
  '}',
  '',
].join('\n');

// ------------------------------------------------------------------------------------------
// Output parsers (no programs needed)
// ------------------------------------------------------------------------------------------

test('parseHaproxyOutput: 2.6 format, location variants, continuation lines, old format', () => {
  const raw = [
    '[NOTICE]   (3840) : haproxy version is 2.6.12-1+deb12u3',
    "[ALERT]    (3840) : config : parsing [dup.cfg:13] : backend 'b', another server named 's1' was already defined at line 12, please use distinct names.",
    '[ALERT]    (3842) : config : parsing [w.cfg:7]: Missing LF on last line, file might have been truncated at position 12.',
    "[WARNING]  (3844) : config : missing timeouts for proxy 'x'.",
    '   | While not properly invalid, you will certainly encounter various problems',
    "[WARNING]  (3844) : config : [r.cfg:5] : 'server x/a' : could not resolve address 'nosuchhost.invalid', disabling server.",
    '[ALERT] 123/456789 (1234) : parsing [old.cfg:3] : unknown keyword',
    '[ALERT] config : parsing [dir/a b.cfg:55]: Missing LF on last line',
    'Configuration file is valid',
  ].join('\n');
  assert.deepEqual(parseHaproxyOutput(raw), [
    { level: 'notice', message: 'haproxy version is 2.6.12-1+deb12u3' },
    { level: 'alert', file: 'dup.cfg', line: 13, message: "backend 'b', another server named 's1' was already defined at line 12, please use distinct names." },
    { level: 'alert', file: 'w.cfg', line: 7, message: 'Missing LF on last line, file might have been truncated at position 12.' },
    { level: 'warning', message: "missing timeouts for proxy 'x'. While not properly invalid, you will certainly encounter various problems" },
    { level: 'warning', file: 'r.cfg', line: 5, message: "'server x/a' : could not resolve address 'nosuchhost.invalid', disabling server." },
    { level: 'alert', file: 'old.cfg', line: 3, message: 'unknown keyword' },
    { level: 'alert', file: 'dir/a b.cfg', line: 55, message: 'Missing LF on last line' },
  ]);
});

test('parseKeepalivedOutput: file/line forms, bare messages, duplicates removed', () => {
  const raw = [
    '(/etc/k.conf: Line 7) number \'300\' outside range [1, 255]',
    '(/etc/k.conf: Line 7) number \'300\' outside range [1, 255]',
    '(Line 12) Truncating auth_pass to 8 characters',
    '(Line 12) Truncating auth_pass to 8 characters',
    '(Line 12) Truncating auth_pass to 8 characters',
    '(/etc/k.conf: Line 11)         Please use global lvs_sync_daemon',
    '(VI_1) No VIP specified; at least one is sensible',
    '',
    '(VI_1) No VIP specified; at least one is sensible',
  ].join('\n');
  assert.deepEqual(parseKeepalivedOutput(raw), [
    { level: 'unspecified', file: '/etc/k.conf', line: 7, message: "number '300' outside range [1, 255]" },
    { level: 'unspecified', line: 12, message: 'Truncating auth_pass to 8 characters' },
    { level: 'unspecified', file: '/etc/k.conf', line: 11, message: 'Please use global lvs_sync_daemon' },
    { level: 'unspecified', message: '(VI_1) No VIP specified; at least one is sensible' },
  ]);
});

test('keepalivedInterfaces: interface/dev/track_interface/lvs_sync_daemon, includes, $defs, @id lines', () => {
  write('inc/inst.conf', ['vrrp_instance VI_2 {', '    interface $IF2', '    track_interface {', '        bond0 weight 10', '        eth5', '    }', '}', ''].join('\n'));
  const main = write(
    'scan.conf',
    [
      '$IF2=ens3',
      'global_defs {',
      '    lvs_sync_daemon eth9 VI_1',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0 # comment',
      '@lb1 interface eth1',
      '@^lb1 interface eth2',
      '    virtual_ipaddress {',
      '        192.0.2.1/24 dev eth3 label eth3:1',
      '    }',
      '    virtual_routes { 198.51.100.0/24 via 192.0.2.254 dev eth4 }',
      '}',
      'include inc/*.conf',
      'vrrp_instance VI_3 { interface averyveryverylongname0 }',
      '',
    ].join('\n'),
  );
  assert.deepEqual(keepalivedInterfaces(main, 'lb1').names, ['eth9', 'eth0', 'eth1', 'eth3', 'eth4', 'ens3', 'bond0', 'eth5', 'averyveryverylongname0']);
  assert.deepEqual(keepalivedInterfaces(main, 'lb2').names, ['eth9', 'eth0', 'eth2', 'eth3', 'eth4', 'ens3', 'bond0', 'eth5', 'averyveryverylongname0']);
});

// ------------------------------------------------------------------------------------------
// haproxy -c
// ------------------------------------------------------------------------------------------

test('haproxy -c: a tiny valid config passes', (t) => {
  if (skipUnless(t, 'haproxy')) return;
  const r = haproxyCheck(write('valid.cfg', HAPROXY_VALID));
  assert.equal(r.timedOut, false, describeResult(r));
  assert.equal(r.rc, 0, describeResult(r));
  assert.deepEqual(r.messages.filter((m) => m.level === 'alert'), [], describeResult(r));
});

test('haproxy -c: duplicate server name in a backend is an alert on the second server line', (t) => {
  if (skipUnless(t, 'haproxy')) return;
  const text = HAPROXY_VALID.replace('server s2 192.0.2.11:80', 'server s1 192.0.2.11:80');
  const file = write('dup-server.cfg', text);
  const line = text.split('\n').findIndex((l) => l.includes('192.0.2.11')) + 1;
  const r = haproxyCheck(file);
  assert.notEqual(r.rc, 0, describeResult(r));
  const hit = r.messages.find((m) => m.level === 'alert' && m.line !== undefined);
  assert.ok(hit, describeResult(r));
  assert.equal(hit.file, file);
  assert.equal(hit.line, line);
  assert.match(hit.message, /another server named 's1'/);
});

test('haproxy -c: a final line without LF is rejected (2.6) and cwd is honoured', (t) => {
  if (skipUnless(t, 'haproxy')) return;
  write('nolf.cfg', HAPROXY_VALID.trimEnd());
  const r = haproxyCheck('nolf.cfg', { cwd: dir });
  assert.notEqual(r.rc, 0, describeResult(r));
  const hit = r.messages.find((m) => /Missing LF on last line/.test(m.message));
  assert.ok(hit, describeResult(r));
  assert.equal(hit.file, 'nolf.cfg');
  assert.equal(hit.line, HAPROXY_VALID.trimEnd().split('\n').length);
});

// ------------------------------------------------------------------------------------------
// keepalived -t in a network namespace
// ------------------------------------------------------------------------------------------

function namespaces(): string {
  return spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
}

test('keepalived -t: a valid config with interface eth0 passes inside the namespace', (t) => {
  if (skipUnless(t, 'keepalived', 'netns')) return;
  const r = keepalivedTest(write('valid.conf', KEEPALIVED_VALID));
  assert.equal(r.timedOut, false, describeResult(r));
  assert.equal(r.rc, 0, describeResult(r));
  assert.deepEqual(r.messages, [], describeResult(r));
  assert.deepEqual(r.interfaces, ['eth0']);
  assert.ok(r.namespace, 'namespace name recorded');
  assert.ok(!namespaces().split('\n').some((l) => l.split(' ')[0] === r.namespace), `namespace ${r.namespace} was not deleted`);
});

test('keepalived -t: the namespace only has the interfaces we create (missing eth0 is reported)', (t) => {
  if (skipUnless(t, 'keepalived', 'netns')) return;
  const r = keepalivedTest(write('valid-noif.conf', KEEPALIVED_VALID), { interfaces: [] });
  assert.notEqual(r.rc, 0, describeResult(r));
  assert.ok(
    r.messages.some((m) => m.line === 7 && /interface eth0 for vrrp_instance VI_1 doesn't exist/.test(m.message)),
    describeResult(r),
  );
});

test('keepalived -t: virtual_router_id 300 fails with a message naming its line', (t) => {
  if (skipUnless(t, 'keepalived', 'netns')) return;
  const text = KEEPALIVED_VALID.replace('virtual_router_id 51', 'virtual_router_id 300');
  const file = write('vrid300.conf', text);
  const line = text.split('\n').findIndex((l) => l.includes('virtual_router_id')) + 1;
  const r = keepalivedTest(file);
  assert.notEqual(r.rc, 0, describeResult(r));
  const hit = r.messages.find((m) => m.line === line && /300/.test(m.message));
  assert.ok(hit, `no message on line ${line}\n${describeResult(r)}`);
  assert.equal(hit.file, file);
});

test('keepalived -t: a 10-character auth_pass is truncated, reported on its line', (t) => {
  if (skipUnless(t, 'keepalived', 'netns')) return;
  const text = KEEPALIVED_VALID.replace('auth_pass secret12', 'auth_pass 0123456789');
  const line = text.split('\n').findIndex((l) => l.includes('auth_pass')) + 1;
  const r = keepalivedTest(write('authpass.conf', text));
  assert.notEqual(r.rc, 0, describeResult(r)); // 2.2.7: rc 5 for this warning
  const hits = r.messages.filter((m) => m.message === 'Truncating auth_pass to 8 characters');
  assert.equal(hits.length, 1, describeResult(r)); // deduplicated
  assert.equal(hits[0]!.line, line);
});

test('keepalived -t: interface names over 15 characters are skipped, not fatal', (t) => {
  if (skipUnless(t, 'keepalived', 'netns')) return;
  const text = KEEPALIVED_VALID.replace('interface eth0', 'interface averyveryverylongname0');
  const r = keepalivedTest(write('longif.conf', text));
  assert.deepEqual(r.interfaces, []);
  assert.deepEqual(r.skippedInterfaces.map((s) => s.name), ['averyveryverylongname0']);
  assert.notEqual(r.rc, -1, describeResult(r));
  assert.ok(r.messages.some((m) => /averyveryverylongname0/.test(m.message)), describeResult(r));
});

test('keepalived -t: includes resolve relative to the including file; their interfaces are created', (t) => {
  if (skipUnless(t, 'keepalived', 'netns')) return;
  write('incl/sub/inst.conf', KEEPALIVED_VALID.replace('global_defs {\n    router_id LB1\n}\n', '').replace('interface eth0', 'interface ens7'));
  const main = write('incl/main.conf', 'global_defs {\n    router_id LB1\n}\ninclude sub/*.conf\n');
  const r = keepalivedTest(main); // process cwd is not the config's directory
  assert.deepEqual(r.interfaces, ['ens7']);
  assert.equal(r.rc, 0, describeResult(r));
});
