/**
 * Quick fixes for the cross-file peer rules, each applied to the files it edits and the analysis run again: the
 * finding is gone and no error appeared. Both directions are checked where a fix can copy either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFixed, pair } from './fix-workspace.js';
import { RULES_BY_ID } from '../../../server/src/rules/index.js';

const LB1 = 'lb1/keepalived.conf';
const LB2 = 'lb2/keepalived.conf';

test('the clean pair has no findings (the baseline every case breaks)', () => {
  assert.deepEqual(pair().findings().map((f) => `${f.file.uri} ${f.code}: ${f.message}`), []);
});

test('peer-vrid-mismatch: take the peer’s VRID, or give it ours', () => {
  const ws = pair({ [LB2]: [['virtual_router_id 51', 'virtual_router_id 52']] });
  assert.deepEqual(ws.fixes(LB2, 'peer-vrid-mismatch').map((f) => f.title), [
    'Use virtual_router_id 51, as on lb1 (VI_1)',
    'Set virtual_router_id 52 on lb1 (VI_1), as here',
    'Disable peer-vrid-mismatch for this line',
  ]);
  assert.deepEqual(assertFixed(ws, LB2, 'peer-vrid-mismatch', /^Use/), [LB2]);
  assert.match(ws.text(LB2), /virtual_router_id 51\n/);

  const other = pair({ [LB2]: [['virtual_router_id 51', 'virtual_router_id 52']] });
  assert.deepEqual(assertFixed(other, LB2, 'peer-vrid-mismatch', /^Set/), [LB1]);
  assert.match(other.text(LB1), /virtual_router_id 52\n/);
});

test('advert-int-mismatch: a missing advert_int (1 by default) is written after state', () => {
  const ws = pair({ [LB1]: [['    advert_int 1\n', '']], [LB2]: [['advert_int 1', 'advert_int 3']] });
  assertFixed(ws, LB1, 'advert-int-mismatch', /^Use advert_int 3/);
  assert.match(ws.text(LB1), /state MASTER\n    advert_int 3\n    interface eth0/);
  const back = pair({ [LB1]: [['    advert_int 1\n', '']], [LB2]: [['advert_int 1', 'advert_int 3']] });
  assertFixed(back, LB2, 'advert-int-mismatch', /^Use advert_int 1/);
});

test('peer-auth-mismatch: copy auth_type and auth_pass as written, never showing the password in a title', () => {
  const ws = pair({ [LB2]: [['auth_pass secret12', 'auth_pass "other#12"']] });
  const titles = ws.fixes(LB2, 'peer-auth-mismatch').map((f) => f.title);
  assert.deepEqual(titles.slice(0, 2), ['Use the authentication of lb1 (VI_1)', 'Give lb1 (VI_1) this authentication']);
  assert.ok(titles.every((t) => !/secret|other/.test(t)));
  assertFixed(ws, LB1, 'peer-auth-mismatch', /^Use the authentication/);
  assert.match(ws.text(LB1), /auth_pass "other#12"/);
});

test('peer-auth-mismatch: a peer without authentication gets the whole block, or ours is removed', () => {
  const without = [['    authentication {\n        auth_type PASS\n        auth_pass secret12\n    }\n', ''] as [string, string]];
  const ws = pair({ [LB2]: without });
  assertFixed(ws, LB2, 'peer-auth-mismatch', /^Use the authentication/);
  assert.match(ws.text(LB2), / {4}track_script \{\n {8}chk_haproxy\n {4}\}\n {4}authentication \{\n {8}auth_type PASS\n {8}auth_pass secret12\n {4}\}\n\}/);
  const removed = pair({ [LB2]: without });
  assertFixed(removed, LB1, 'peer-auth-mismatch', /^Use the authentication/);
  assert.doesNotMatch(removed.text(LB1), /authentication/);
});

test('peer-vip-mismatch: the VIP list is synced; `dev` follows the target’s interface', () => {
  const broken = { [LB2]: [['interface eth0', 'interface ens3'], ['192.0.2.10/24 dev eth0', '192.0.2.20/24 dev ens3']] as Array<[string, string]>, 'lb2/haproxy.cfg': [['192.0.2.10:6443', '192.0.2.20:6443']] as Array<[string, string]> };
  const ws = pair(broken);
  assertFixed(ws, LB2, 'peer-vip-mismatch', /^Use the VIPs of lb1/, '192.0.2.20');
  assert.match(ws.text(LB2), /virtual_ipaddress \{\n {8}192\.0\.2\.10\/24 dev ens3\n {4}\}/);
  const other = pair(broken);
  assertFixed(other, LB2, 'peer-vip-mismatch', /^Give lb1 \(VI_1\) the VIPs/, 'virtual_ipaddress');
  assert.match(other.text(LB1), /virtual_ipaddress \{\n {8}192\.0\.2\.20\/24 dev eth0\n {4}\}/);
});

test('peer-vip-mismatch: a VIP file included twice (two spellings of one glob) is edited once, each address copied once', () => {
  const included = {
    [LB2]: [['    virtual_ipaddress {\n        192.0.2.10/24 dev eth0\n    }\n', '    include vips/*.conf\n    include ./vips/*.conf\n']] as Array<[string, string]>,
    'lb2/haproxy.cfg': [['192.0.2.10:6443', '192.0.2.20:6443']] as Array<[string, string]>,
  };
  const VIPS = 'lb2/vips/vip.conf';
  const file = { [VIPS]: 'virtual_ipaddress {\n    192.0.2.20/24 dev eth0\n}\n' };
  const ws = pair(included, file);
  // lb2's instance reads the entry twice; the finding names it once.
  assert.match(ws.finding(LB1, 'peer-vip-mismatch', 'virtual_ipaddress').message, /^peer lb2 \(VI_1\) also advertises 192\.0\.2\.20, which/);
  // Deleting the line and appending to the block: one edit each, although the model reaches both twice.
  assert.deepEqual(assertFixed(ws, LB1, 'peer-vip-mismatch', /^Give lb2 \(VI_1\) the VIPs/, 'virtual_ipaddress'), [VIPS]);
  assert.equal(ws.text(VIPS), 'virtual_ipaddress {\n    192.0.2.10/24 dev eth0\n}\n');

  const other = pair(included, file);
  assertFixed(other, LB1, 'peer-vip-mismatch', /^Use the VIPs of lb2/, 'virtual_ipaddress');
  assert.match(other.text(LB1), /virtual_ipaddress \{\n {8}192\.0\.2\.20\/24 dev eth0\n {4}\}/);
});

test('peer-vip-mismatch: a peer without VIPs is given ours, never copied (that would delete every VIP here)', () => {
  const ws = pair({ [LB2]: [['    virtual_ipaddress {\n        192.0.2.10/24 dev eth0\n    }\n', '']] });
  assert.deepEqual(ws.fixes(LB1, 'peer-vip-mismatch').map((f) => f.title), ['Give lb2 (VI_1) the VIPs of this instance', 'Disable peer-vip-mismatch for this line']);
  assert.deepEqual(ws.fixes(LB2, 'peer-vip-mismatch').map((f) => f.title), ['Use the VIPs of lb1 (VI_1)', 'Disable peer-vip-mismatch for this line']);
  assertFixed(ws, LB1, 'peer-vip-mismatch', /^Give lb2/);
  assert.match(ws.text(LB2), /virtual_ipaddress \{\n {8}192\.0\.2\.10\/24 dev eth0\n {4}\}\n\}/);
});

test('an instance without a name is nobody\'s peer: keepalived refuses it ("vrrp_instance must have a name")', () => {
  const ws = pair({ [LB2]: [['vrrp_instance VI_1 {', 'vrrp_instance {'], ['        192.0.2.10/24 dev eth0\n', '        192.0.2.10/24 dev eth0\n        192.0.2.20/24 dev eth0\n']] });
  assert.deepEqual(ws.findings().filter((f) => RULES_BY_ID.get(f.code)!.scope === 'peers').map((f) => `${f.file.uri} ${f.code}`), []);
  assert.ok(ws.findings('missing-value').some((f) => f.file.uri.endsWith(LB2)), 'the missing name itself is reported');
});

test('duplicate-priority: the BACKUP goes below, a MASTER facing a BACKUP above, within the weight’s reach', () => {
  const ws = pair({ [LB2]: [['priority 100', 'priority 110']] });
  const fix = ws.fixes(LB2, 'duplicate-priority')[0]!;
  assert.equal(fix.title, 'Set priority 100 (below lb1 (VI_1))');
  assert.equal(fix.preferred, true);
  assertFixed(ws, LB2, 'duplicate-priority', /^Set priority 100/);
  const up = pair({ [LB2]: [['priority 100', 'priority 110']] });
  assertFixed(up, LB1, 'duplicate-priority', /^Set priority 120 \(above lb2/);
  // weight -5: a gap of 10 could not be bridged, so the new priority stays within 4.
  const weak = pair({ [LB1]: [['weight -20', 'weight -5']], [LB2]: [['priority 100', 'priority 110'], ['weight -20', 'weight -5']] });
  assertFixed(weak, LB2, 'duplicate-priority', /^Set priority 106/);
  assert.deepEqual(weak.findings('weight-cannot-bridge'), []);
});

test('auth-pass-too-long: one edit shortens both peers, so the effective password stays the same', () => {
  const ws = pair({ [LB1]: [['auth_pass secret12', 'auth_pass k8s-vip-2024']], [LB2]: [['auth_pass secret12', 'auth_pass "k8s-vip-2025"']] });
  const fix = ws.fixes(LB1, 'auth-pass-too-long')[0]!;
  assert.equal(fix.title, 'Shorten auth_pass to the 8 characters keepalived uses here and on lb2 (VI_1)');
  assert.deepEqual(assertFixed(ws, LB1, 'auth-pass-too-long', /^Shorten/), [LB1, LB2]);
  assert.match(ws.text(LB1), /auth_pass k8s-vip-\n/);
  assert.match(ws.text(LB2), /auth_pass "k8s-vip-"\n/);
  assert.deepEqual(ws.findings('peer-auth-mismatch'), []);
});

test('unicast-peer-mismatch and own-address-in-peers: the peer’s source address replaces our own in the list', () => {
  const ws = pair({ [LB1]: [['        192.0.2.12\n', '        192.0.2.11\n']] });
  assertFixed(ws, LB1, 'own-address-in-peers', /^Remove 192\.0\.2\.11/);
  const missing = pair({ [LB1]: [['        192.0.2.12\n', '        192.0.2.13\n']] });
  assertFixed(missing, LB1, 'unicast-peer-mismatch', /^Add 192\.0\.2\.12 to unicast_peer/);
  assert.match(missing.text(LB1), /unicast_peer \{\n {8}192\.0\.2\.13\n {8}192\.0\.2\.12\n {4}\}/);
});

test('weight-cannot-bridge: the weight becomes one more than the gap', () => {
  const ws = pair({ [LB1]: [['weight -20', 'weight -2']] });
  assertFixed(ws, LB1, 'weight-cannot-bridge', /^Set weight -11: more than the gap of 10 to lb2/);
});

test('multiple-masters and nopreempt-with-master: state BACKUP, or the nopreempt line goes', () => {
  const ws = pair({ [LB2]: [['state BACKUP', 'state MASTER']] });
  assertFixed(ws, LB2, 'multiple-masters', /^Change state to BACKUP/);
  const nopreempt = pair({ [LB1]: [['    advert_int 1\n', '    advert_int 1\n    nopreempt\n']] });
  assertFixed(nopreempt, LB1, 'nopreempt-with-master', /^Remove nopreempt/);
  const backup = pair({ [LB1]: [['    advert_int 1\n', '    advert_int 1\n    nopreempt\n']] });
  assertFixed(backup, LB1, 'nopreempt-with-master', /^Change state to BACKUP/);
});

test('inserted lines follow the file: tab indentation and CRLF line endings stay as they are', () => {
  const ws = pair({ [LB1]: [['    advert_int 1\n', ''], [/^ {8}/gm, '\t\t'], [/^ {4}/gm, '\t'], [/\n/g, '\r\n']], [LB2]: [['advert_int 1', 'advert_int 3']] });
  assertFixed(ws, LB1, 'advert-int-mismatch', /^Use advert_int 3/);
  assert.match(ws.text(LB1), /\r\n\tstate MASTER\r\n\tadvert_int 3\r\n\tinterface eth0\r\n/);
  assert.doesNotMatch(ws.text(LB1), /[^\r]\n/);
  const auth = pair({ [LB2]: [['    authentication {\n        auth_type PASS\n        auth_pass secret12\n    }\n', ''], [/^ {8}/gm, '\t\t'], [/^ {4}/gm, '\t'], [/\n/g, '\r\n']] });
  assertFixed(auth, LB1, 'peer-auth-mismatch', /^Give lb2/);
  assert.match(auth.text(LB2), /\t\}\r\n\tauthentication \{\r\n\t\tauth_type PASS\r\n\t\tauth_pass secret12\r\n\t\}\r\n\}\r\n$/);
});

test('haproxy-not-tracked: the file’s unused vrrp_script is tracked, in a new track_script block or the empty one', () => {
  const untracked = pair({ [LB1]: [['    track_script {\n        chk_haproxy\n    }\n', '']] });
  assertFixed(untracked, LB1, 'haproxy-not-tracked', /^Track vrrp_script 'chk_haproxy' in 'VI_1'$/);
  assert.match(untracked.text(LB1), / {8}192\.0\.2\.10\/24 dev eth0\n {4}\}\n {4}track_script \{\n {8}chk_haproxy\n {4}\}\n\}/);
  const empty = pair({ [LB1]: [['        chk_haproxy\n', '']] });
  assertFixed(empty, LB1, 'haproxy-not-tracked', /^Track vrrp_script/);
  assert.match(empty.text(LB1), / {4}track_script \{\n {8}chk_haproxy\n {4}\}\n\}/);
  assert.equal(empty.text(LB1).match(/track_script/g)?.length, 1);
});

test('nopreempt-on-lower-peer: the preempting peer gets nopreempt and starts as BACKUP, or just starts as BACKUP', () => {
  const ws = pair({ [LB2]: [['    advert_int 1\n', '    advert_int 1\n    nopreempt\n']] });
  assert.deepEqual(assertFixed(ws, LB2, 'nopreempt-on-lower-peer', /^Add nopreempt to lb1 \(VI_1\), starting it as BACKUP$/), [LB1]);
  assert.match(ws.text(LB1), /state BACKUP\n[^]*priority \d+\n {4}nopreempt\n/);
  assert.deepEqual(ws.findings().map((f) => f.code), []);
  const cleared = pair({ [LB1]: [['    advert_int 1\n', '    advert_int 1\n    nopreempt\n']], [LB2]: [['    advert_int 1\n', '    advert_int 1\n    nopreempt\n']] });
  assertFixed(cleared, LB2, 'nopreempt-on-lower-peer', /^Start lb1 \(VI_1\) as BACKUP, so keepalived keeps its nopreempt$/);
  assert.equal(cleared.text(LB1).match(/nopreempt/g)?.length, 1);
});
