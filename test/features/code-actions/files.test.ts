/**
 * Quick fixes for findings within one file (HAProxy and keepalived), the node rule bind-not-vip, and the
 * suppression comment every finding offers. Each fix is applied and the workspace analysed again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFixed, pair } from './fix-workspace.js';

const LB1 = 'lb1/keepalived.conf';
const HAP = 'lb1/haproxy.cfg';

test('unknown-keyword: the "did you mean" of either language, as the preferred fix', () => {
  const ws = pair({ [HAP]: [['maxconn 1000', 'maxconnn 1000']], [LB1]: [['priority 110', 'priorty 110']] });
  const [fix] = ws.fixes(HAP, 'unknown-keyword');
  assert.deepEqual([fix!.title, fix!.preferred], ["Change to 'maxconn'", true]);
  assertFixed(ws, HAP, 'unknown-keyword', /^Change to 'maxconn'/, undefined, HAP);
  assertFixed(ws, LB1, 'unknown-keyword', /^Change to 'priority'/);
  // No suggestion, no replacement: only the disable comment.
  const far = pair({ [LB1]: [['priority 110', 'zzzqqq 110']] });
  assert.deepEqual(far.fixes(LB1, 'unknown-keyword').map((f) => f.title), ['Disable unknown-keyword for this line']);
});

test('invalid-state and invalid-auth-type: the right case', () => {
  const ws = pair({ [LB1]: [['state MASTER', 'state master'], ['auth_type PASS', 'auth_type pass']] });
  assertFixed(ws, LB1, 'invalid-state', /^Change to 'MASTER'/);
  assertFixed(ws, LB1, 'invalid-auth-type', /^Change to 'PASS'/);
});

test('undefined-backend: a near name, or a new backend at the end in the frontend’s mode', () => {
  const ws = pair({ [HAP]: [['default_backend k8s-api', 'default_backend k8s-apix']] });
  assert.deepEqual(ws.fixes(HAP, 'undefined-backend').map((f) => f.title).slice(0, 2), ["Change to 'k8s-api'", "Create backend 'k8s-apix' at the end of the file"]);
  assertFixed(ws, HAP, 'undefined-backend', /^Change to/);
  const created = pair({ [HAP]: [['default_backend k8s-api', 'default_backend web'], ['mode tcp', 'mode http']] });
  assertFixed(created, HAP, 'undefined-backend', /^Create backend 'web'/);
  assert.ok(created.text(HAP).endsWith('    server cp1 198.51.100.11:6443 check\n\nbackend web\n    mode http\n    # server s1 192.0.2.1:80 check\n'), created.text(HAP));
});

test('missing-final-newline: one line ending added', () => {
  const ws = pair({ [HAP]: [[/\n$/, '']] });
  assertFixed(ws, HAP, 'missing-final-newline', /^Add a newline/);
  assert.ok(ws.text(HAP).endsWith('check\n'));
});

test('bind-not-vip: the VIP replaces the address, prefix and port kept', () => {
  const ws = pair({ [HAP]: [['bind 192.0.2.10:6443', 'bind ipv4@192.0.2.99:6443']] });
  const [fix] = ws.fixes(HAP, 'bind-not-vip');
  assert.deepEqual([fix!.title, fix!.preferred], ['Bind the VIP 192.0.2.10 (port 6443 kept)', true]);
  assertFixed(ws, HAP, 'bind-not-vip', /^Bind the VIP/);
  assert.match(ws.text(HAP), /bind ipv4@192\.0\.2\.10:6443\n/);
});

test('undefined-track-script: a stub above the instance, or the later definition moved up with its comment', () => {
  const ws = pair({ [LB1]: [['        chk_haproxy\n', '        chk_haproxy\n        chk_api\n']] });
  assertFixed(ws, LB1, 'undefined-track-script', /^Define vrrp_script 'chk_api' above 'VI_1'/);
  assert.match(ws.text(LB1), /\n\nvrrp_script chk_api \{\n {4}script "\/usr\/bin\/true" {3}# replace with the real check: exit status 0 means healthy\n {4}interval 2\n\}\n\nvrrp_instance VI_1/);

  const late = pair({ [LB1]: [[/\nvrrp_script chk_haproxy \{[^}]*\}\n/, '\n'], [/\}\n$/, '}\n\n# is HAProxy alive?\nvrrp_script chk_haproxy {\n    script "/usr/bin/killall -0 haproxy"\n    weight -20\n}\n']] });
  assertFixed(late, LB1, 'undefined-track-script', /^Move vrrp_script 'chk_haproxy' above 'VI_1'/);
  assert.match(late.text(LB1), /\n# is HAProxy alive\?\nvrrp_script chk_haproxy \{\n[^}]*\}\n\nvrrp_instance VI_1 \{/);
  assert.ok(late.text(LB1).endsWith('    }\n}\n\n'), JSON.stringify(late.text(LB1).slice(-40)));
});

test('script-security-missing: enable_script_security joins global_defs, or a new global_defs opens the file', () => {
  const ws = pair({ [LB1]: [['    enable_script_security\n', '']] });
  assertFixed(ws, LB1, 'script-security-missing', /^Add enable_script_security/);
  assert.match(ws.text(LB1), /router_id lb1\n {4}script_user root\n {4}enable_script_security\n\}/);
  const none = pair({ [LB1]: [[/global_defs \{[^}]*\}\n\n/, '']] });
  assertFixed(none, LB1, 'script-security-missing', /^Add enable_script_security/);
  assert.ok(none.text(LB1).startsWith('! lb1\nglobal_defs {\n    enable_script_security\n}\n\nvrrp_script'), none.text(LB1));
});

test('every finding can be disabled for its line, at the line’s indentation; a second rule joins the comment', () => {
  const ws = pair({ [HAP]: [['bind 192.0.2.10:6443', 'bind 192.0.2.99:6443']] });
  assertFixed(ws, HAP, 'bind-not-vip', /^Disable bind-not-vip for this line/);
  assert.match(ws.text(HAP), /\n {4}# hapair-disable-next-line bind-not-vip\n {4}bind 192\.0\.2\.99:6443\n/);

  const two = pair({ 'lb2/keepalived.conf': [['    virtual_router_id 51', '    ! hapair-disable-next-line weight-cannot-bridge  \n    virtual_router_id 52']] });
  assertFixed(two, 'lb2/keepalived.conf', 'peer-vrid-mismatch', /^Disable/, undefined, 'lb2/keepalived.conf');
  assert.match(two.text('lb2/keepalived.conf'), /\n {4}! hapair-disable-next-line weight-cannot-bridge, peer-vrid-mismatch {2}\n {4}virtual_router_id 52\n/);
});
