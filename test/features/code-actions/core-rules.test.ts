/**
 * Quick fixes for the core value and name rules: VRIDs out of range or clashing, priorities, advert intervals and
 * weights out of range, and duplicate servers, proxies and instances. Each fix is applied to the files it edits
 * and the workspace analysed again: the finding is gone, no error appeared, and peers still agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFixed, KEEPALIVED, pair, type FixWorkspace } from './fix-workspace.js';

const LB1 = 'lb1/keepalived.conf';
const LB2 = 'lb2/keepalived.conf';
const HAP = 'lb1/haproxy.cfg';

/** A copy of the pair's VI_1 block on one node, with another name, VRID and VIP (a second virtual router). */
function instance(node: 1 | 2, name: string, vrid: number | string, vip: string): string {
  const text = KEEPALIVED(node);
  return `\n${text.slice(text.indexOf('vrrp_instance VI_1'))}`.replace('VI_1', name).replace('virtual_router_id 51', `virtual_router_id ${vrid}`).replace('192.0.2.10/24', vip);
}

const titles = (ws: FixWorkspace, rel: string, code: string, onLine?: string) => ws.fixes(rel, code, onLine).map((f) => f.title);

/** No peer disagrees after the fix. */
const assertPeersAgree = (ws: FixWorkspace) => assert.deepEqual(ws.findings().filter((f) => /mismatch|duplicate-priority|weight-cannot-bridge/.test(f.code)).map((f) => f.message), []);

test('vrid-out-of-range: the peer’s VRID, or the lowest VRID unused in the cluster, written on the peer as well', () => {
  const ws = pair({ [LB1]: [['virtual_router_id 51', 'virtual_router_id 0']] });
  assert.deepEqual(titles(ws, LB1, 'vrid-out-of-range'), [
    'Use virtual_router_id 51, as on lb2 (VI_1)',
    'Set virtual_router_id 1 (unused in this cluster) here and on lb2 (VI_1)',
    'Disable vrid-out-of-range for this line',
  ]);
  assert.equal(ws.fixes(LB1, 'vrid-out-of-range')[0]!.preferred, true);
  assert.deepEqual(assertFixed(ws, LB1, 'vrid-out-of-range', /^Use virtual_router_id 51/), [LB1]);

  const both = pair({ [LB1]: [['virtual_router_id 51', 'virtual_router_id 256']] });
  assert.deepEqual(assertFixed(both, LB1, 'vrid-out-of-range', /^Set virtual_router_id 1 /), [LB1, LB2]);
  assert.match(both.text(LB1), /virtual_router_id 1\n/);
  assert.match(both.text(LB2), /virtual_router_id 1\n/);
  assertPeersAgree(both);
});

test('vrid-out-of-range: VRIDs of every node of the cluster count as used, peers or not; a word that is no number is replaced too', () => {
  const ws = pair({ [LB1]: [[/$/, instance(1, 'VI_2', '51a', '192.0.2.20/24')]], [LB2]: [[/$/, instance(2, 'VI_9', 1, '192.0.2.90/24')]] });
  assert.deepEqual(titles(ws, LB1, 'vrid-out-of-range'), ['Set virtual_router_id 2 (unused in this cluster)', 'Disable vrid-out-of-range for this line']);
  assert.deepEqual(assertFixed(ws, LB1, 'vrid-out-of-range', /^Set virtual_router_id 2/), [LB1]);
});

test('duplicate-vrid: the clashing instance and its peer move to a free VRID together', () => {
  const ws = pair({ [LB1]: [[/$/, instance(1, 'VI_2', 51, '192.0.2.20/24')]], [LB2]: [[/$/, instance(2, 'VI_2', 51, '192.0.2.20/24')]] });
  assert.deepEqual(titles(ws, LB1, 'duplicate-vrid'), ['Set virtual_router_id 1 (unused in this cluster) here and on lb2 (VI_2)', 'Disable duplicate-vrid for this line']);
  assert.deepEqual(assertFixed(ws, LB1, 'duplicate-vrid', /^Set virtual_router_id 1/), [LB1, LB2]);
  assert.equal(ws.text(LB1).match(/virtual_router_id 1\n/g)?.length, 1);
  assertPeersAgree(ws);

  // The peer already has a VRID of its own: take it.
  const peer = pair({ [LB1]: [[/$/, instance(1, 'VI_2', 51, '192.0.2.20/24')]], [LB2]: [[/$/, instance(2, 'VI_2', 52, '192.0.2.20/24')]] });
  assert.deepEqual(assertFixed(peer, LB1, 'duplicate-vrid', /^Use virtual_router_id 52, as on lb2 \(VI_2\)/), [LB1]);
  assertPeersAgree(peer);
});

test('priority-out-of-range: a BACKUP goes below the MASTER, a MASTER above its BACKUP, within the weight’s reach', () => {
  const backup = pair({ [LB2]: [['priority 100', 'priority 0']] });
  assert.deepEqual(titles(backup, LB2, 'priority-out-of-range')[0], 'Set priority 100 (below lb1 (VI_1))');
  assertFixed(backup, LB2, 'priority-out-of-range', /^Set priority 100/);
  assertPeersAgree(backup);

  const master = pair({ [LB1]: [['priority 110', 'priority 300']] });
  assertFixed(master, LB1, 'priority-out-of-range', /^Set priority 110 \(above lb2 \(VI_1\)\)/);
  // A word that is no number: the role still says where the MASTER belongs. weight -5 keeps the gap below 5.
  const word = pair({ [LB1]: [['priority 110', 'priority high'], ['weight -20', 'weight -5']], [LB2]: [['weight -20', 'weight -5']] });
  assertFixed(word, LB1, 'priority-out-of-range', /^Set priority 104 \(above lb2/);
  assertPeersAgree(word);

  // Two BACKUPs: the written number says which end was meant.
  const backups = pair({ [LB1]: [['state MASTER', 'state BACKUP'], ['priority 110', 'priority 999']] });
  assertFixed(backups, LB1, 'priority-out-of-range', /^Set priority 110 \(above lb2/);
  const unclear = pair({ [LB1]: [['state MASTER', 'state BACKUP'], ['priority 110', 'priority high']] });
  assert.deepEqual(titles(unclear, LB1, 'priority-out-of-range'), ['Disable priority-out-of-range for this line']);
});

test('priority-out-of-range without peers: clamped into 1..254 (255 is the address owner’s); a word gets no fix', () => {
  const ws = pair({ [LB1]: [[/$/, instance(1, 'VI_2', 52, '192.0.2.20/24').replace('priority 110', 'priority 256') + instance(1, 'VI_3', 53, '192.0.2.30/24').replace('priority 110', 'priority -5')]] });
  ws.apply(LB1, 'priority-out-of-range', /^Set priority 254$/, 'priority 256');
  assertFixed(ws, LB1, 'priority-out-of-range', /^Set priority 1$/, 'priority -5');
  assert.match(ws.text(LB1), /priority 254\n[^]*priority 1\n/);
  const word = pair({ [LB1]: [[/$/, instance(1, 'VI_2', 52, '192.0.2.20/24').replace('priority 110', 'priority high')]] });
  assert.deepEqual(titles(word, LB1, 'priority-out-of-range'), ['Disable priority-out-of-range for this line']);
});

test('advert-int-out-of-range: clamped or unit dropped, on the peer too; the peer’s value is offered first', () => {
  const unit = pair({ [LB1]: [['advert_int 1', 'advert_int 1s']] });
  assert.deepEqual(titles(unit, LB1, 'advert-int-out-of-range'), ['Set advert_int 1', 'Disable advert-int-out-of-range for this line']);
  assert.deepEqual(assertFixed(unit, LB1, 'advert-int-out-of-range', /^Set advert_int 1$/), [LB1]);

  const high = pair({ [LB1]: [['advert_int 1', 'advert_int 256']] });
  assert.deepEqual(titles(high, LB1, 'advert-int-out-of-range').slice(0, 2), ['Use advert_int 1, as on lb2 (VI_1)', 'Set advert_int 255 here and on lb2 (VI_1)']);
  assert.deepEqual(assertFixed(high, LB1, 'advert-int-out-of-range', /^Set advert_int 255/), [LB1, LB2]);
  assert.match(high.text(LB2), /advert_int 255\n/);
  assertPeersAgree(high);

  const tiny = pair({ [LB1]: [['advert_int 1', 'advert_int 0.001']], [LB2]: [['advert_int 1', 'advert_int 0.01']] });
  assert.deepEqual(assertFixed(tiny, LB1, 'advert-int-out-of-range', /^Set advert_int 0\.01$/), [LB1]);
  // Zero, negative or hexadecimal: no intent to clamp, but the peer's interval is still right.
  for (const value of ['0', '-1', '0x10']) {
    const none = pair({ [LB1]: [['advert_int 1', `advert_int ${value}`]] });
    assert.deepEqual(titles(none, LB1, 'advert-int-out-of-range'), ['Use advert_int 1, as on lb2 (VI_1)', 'Disable advert-int-out-of-range for this line'], value);
  }
  const alone = pair({ [LB1]: [[/$/, instance(1, 'VI_2', 52, '192.0.2.20/24').replace('advert_int 1', 'advert_int 0')]] });
  assert.deepEqual(titles(alone, LB1, 'advert-int-out-of-range'), ['Disable advert-int-out-of-range for this line']);
});

test('weight-out-of-range: clamped into -253..253 in a vrrp_script and on a track_script line; a word gets no fix', () => {
  const ws = pair({ [LB1]: [['weight -20', 'weight -300'], ['        chk_haproxy\n', '        chk_haproxy weight 254\n']] });
  ws.apply(LB1, 'weight-out-of-range', /^Set weight -253$/, 'weight -300');
  assertFixed(ws, LB1, 'weight-out-of-range', /^Set weight 253$/, 'chk_haproxy');
  assert.match(ws.text(LB1), /weight -253\n[^]*chk_haproxy weight 253\n/);
  const word = pair({ [LB1]: [['weight -20', 'weight heavy']] });
  assert.deepEqual(titles(word, LB1, 'weight-out-of-range'), ['Disable weight-out-of-range for this line']);
});

test('duplicate-server: the later server gets the next free name, unless a line names the server', () => {
  const ws = pair({ [HAP]: [[/$/, '    server cp1 198.51.100.12:6443 check\n']] });
  assert.deepEqual(titles(ws, HAP, 'duplicate-server'), ["Rename to 'cp1-2'", 'Disable duplicate-server for this line']);
  assertFixed(ws, HAP, 'duplicate-server', /^Rename to 'cp1-2'/);
  assert.match(ws.text(HAP), /server cp1-2 198\.51\.100\.12:6443 check\n$/);
  // cp1-1 and cp1-2 come from the template.
  const template = pair({ [HAP]: [[/$/, '    server-template cp1- 2 198.51.100.20:6443 check\n    server cp1 198.51.100.12:6443 check\n']] });
  assertFixed(template, HAP, 'duplicate-server', /^Rename to 'cp1-3'/, 'server cp1 198.51.100.12');
  const used = pair({ [HAP]: [[/$/, '    use-server cp1 if { src 10.0.0.0/8 }\n    server cp1 198.51.100.12:6443 check\n']] });
  assert.deepEqual(titles(used, HAP, 'duplicate-server'), ['Disable duplicate-server for this line']);
});

test('duplicate-proxy: the later proxy gets a free name when no line uses the name', () => {
  const ws = pair({ [HAP]: [[/$/, '\nbackend spare\n    server s1 198.51.100.30:80\n\nbackend spare\n    server s1 198.51.100.31:80\n']] });
  assert.deepEqual(titles(ws, HAP, 'duplicate-proxy'), ["Rename to 'spare-2'", 'Disable duplicate-proxy for this line']);
  assertFixed(ws, HAP, 'duplicate-proxy', /^Rename to 'spare-2'/);
  // default_backend k8s-api: which of the two backends it meant is not for a fix to decide.
  const used = pair({ [HAP]: [[/$/, '\nbackend k8s-api\n    server cp2 198.51.100.12:6443 check\n']] });
  assert.deepEqual(titles(used, HAP, 'duplicate-proxy'), ['Disable duplicate-proxy for this line']);
  // A second frontend of that name: the backend references do not name it.
  const frontend = pair({ [HAP]: [[/$/, '\nfrontend k8s-api\n    bind 192.0.2.10:8443\n    default_backend k8s-api\n']] });
  assertFixed(frontend, HAP, 'duplicate-proxy', /^Rename to 'k8s-api-2'/);
  assert.match(frontend.text(HAP), /\nfrontend k8s-api-2\n {4}bind 192\.0\.2\.10:8443\n/);
});

test('duplicate-instance: the later instance takes its peer’s name, or the next free one', () => {
  const ws = pair({ [LB1]: [[/$/, instance(1, 'VI_1', 52, '192.0.2.20/24')]], [LB2]: [[/$/, instance(2, 'VI_2', 52, '192.0.2.20/24')]] });
  assert.deepEqual(titles(ws, LB1, 'duplicate-instance'), ["Rename to 'VI_2', as on lb2 (VI_2)", "Rename to 'VI_1_2'", 'Disable duplicate-instance for this line']);
  assertFixed(ws, LB1, 'duplicate-instance', /^Rename to 'VI_2'/);
  assert.match(ws.text(LB1), /\nvrrp_instance VI_2 \{\n {4}state MASTER\n {4}interface eth0\n {4}virtual_router_id 52\n/);
  const alone = pair({ [LB1]: [[/$/, instance(1, 'VI_1', 52, '192.0.2.20/24')]] });
  assertFixed(alone, LB1, 'duplicate-instance', /^Rename to 'VI_1_2'$/);
});

test('misplaced-rule: the rule moves above the first line whose rule HAProxy runs after it; not into or out of an .if block', () => {
  const rules = '    use_backend k8s-api if { src 10.0.0.0/8 }\n    tcp-request inspect-delay 5s\n    tcp-request content reject if { src 203.0.113.0/24 }\n';
  const ws = pair({ [HAP]: [['    default_backend k8s-api\n', `${rules}    default_backend k8s-api\n`]] });
  assert.deepEqual(titles(ws, HAP, 'misplaced-rule'), ['Move this rule above the use_backend line (line 13)', 'Disable misplaced-rule for this line']);
  assert.equal(ws.fixes(HAP, 'misplaced-rule')[0]!.preferred, true);
  assertFixed(ws, HAP, 'misplaced-rule', /^Move this rule above/);
  assert.match(ws.text(HAP), /bind 192\.0\.2\.10:6443\n {4}tcp-request content reject if \{ src 203\.0\.113\.0\/24 \}\n {4}use_backend k8s-api if \{ src 10\.0\.0\.0\/8 \}\n {4}tcp-request inspect-delay 5s\n {4}default_backend/);

  // The last line of a file, without a line ending, gets one where it lands.
  const last = pair({ [HAP]: [[/\n$/, `\n\nfrontend edge\n    bind :8443\n    use_backend k8s-api\n    tcp-request content accept`]] });
  assertFixed(last, HAP, 'misplaced-rule', /^Move this rule above/);
  assert.match(last.text(HAP), /bind :8443\n {4}tcp-request content accept\n {4}use_backend k8s-api\n$/);

  // A branch every target reads is compared, but its lines stay where they are.
  const branch = pair({ [HAP]: [['    default_backend k8s-api\n', '    use_backend k8s-api if { src 10.0.0.0/8 }\n.if version_atleast(2.0)\n    tcp-request content accept\n.endif\n    default_backend k8s-api\n']] });
  assert.deepEqual(titles(branch, HAP, 'misplaced-rule'), ['Disable misplaced-rule for this line']);
});

test('ambiguous-defaults: the proxies that name no defaults section name it', () => {
  const ws = pair({ [HAP]: [['defaults\n', 'defaults base\n'], ['\nbackend k8s-api\n', '\nbackend k8s-api from base\n']] });
  assert.deepEqual(titles(ws, HAP, 'ambiguous-defaults'), ["Name it: 'from base' in frontend 'k8s-api'", 'Disable ambiguous-defaults for this line']);
  assertFixed(ws, HAP, 'ambiguous-defaults', /^Name it/);
  assert.match(ws.text(HAP), /frontend k8s-api from base\n/);

  const implicitLast = pair({ [HAP]: [['defaults\n', 'defaults base\n'], ['frontend k8s-api\n', 'frontend k8s-api from base\n']] });
  assert.deepEqual(titles(implicitLast, HAP, 'ambiguous-defaults'), ["Name it: 'from base' in backend 'k8s-api'", 'Disable ambiguous-defaults for this line']);
  assertFixed(implicitLast, HAP, 'ambiguous-defaults', /^Name it/);
  assert.match(implicitLast.text(HAP), /\nbackend k8s-api from base\n/);
});
