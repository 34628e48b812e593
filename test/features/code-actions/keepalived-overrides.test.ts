/**
 * Quick fixes for settings keepalived clears or overrides: strict mode switched off where it comes from, accept mode
 * where keepalived keeps it, the state strict mode imposes, the line keepalived clears. Each is applied and the
 * workspace analysed again: the finding is gone and no error appeared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings.js';
import { assertFixed, pair, type FixWorkspace } from './fix-workspace.js';

const LB1 = 'lb1/keepalived.conf';
const titles = (ws: FixWorkspace, code: string) => ws.fixes(LB1, code).map((f) => `${f.title}${f.preferred ? ' (preferred)' : ''}`);
const STRICT: [string, string] = ['    enable_script_security\n', '    enable_script_security\n    vrrp_strict\n'];

test('strict mode on VRRPv2: vrrp_strict goes; or the state and authentication say what keepalived does', () => {
  const ws = pair({ [LB1]: [STRICT] });
  assert.deepEqual(titles(ws, 'vip-traffic-dropped'), ['Remove vrrp_strict (preferred)', 'Disable vip-traffic-dropped for this line']);
  assert.deepEqual(titles(ws, 'owner-state-mismatch'), ['Change state to BACKUP (preferred)', 'Disable owner-state-mismatch for this line']);
  assert.deepEqual(titles(ws, 'auth-ignored'), ['Remove authentication (preferred)', 'Disable auth-ignored for this line']);
  assertFixed(ws, LB1, 'vip-traffic-dropped', /^Remove vrrp_strict/);
  assert.deepEqual(ws.findings().filter((f) => /owner-state|auth-ignored/.test(f.code)), [], 'strict mode gone, its other findings too');

  const state = pair({ [LB1]: [STRICT] });
  assertFixed(state, LB1, 'owner-state-mismatch', /^Change state to BACKUP/);
  const auth = pair({ [LB1]: [STRICT] });
  assertFixed(auth, LB1, 'auth-ignored', /^Remove authentication/);
  assert.doesNotMatch(auth.text(LB1), /auth_pass/);
});

test('strict mode on VRRPv3: accept is added, or no_accept becomes accept; an instance strict_mode is set off', () => {
  const v3 = pair({ [LB1]: [['    enable_script_security\n', '    enable_script_security\n    vrrp_strict\n    vrrp_version 3\n']] });
  assert.deepEqual(titles(v3, 'vip-traffic-dropped'), ['Add accept (preferred)', 'Remove vrrp_strict', 'Disable vip-traffic-dropped for this line']);
  assertFixed(v3, LB1, 'vip-traffic-dropped', /^Add accept/);

  const noAccept = pair({ [LB1]: [['    advert_int 1\n', '    advert_int 1\n    version 3\n    strict_mode\n    no_accept\n']] });
  assert.deepEqual(titles(noAccept, 'vip-traffic-dropped'), ["Change no_accept to 'accept' (preferred)", 'Remove no_accept and set strict_mode off', 'Disable vip-traffic-dropped for this line']);
  assertFixed(noAccept, LB1, 'vip-traffic-dropped', /^Change no_accept/);
  const off = pair({ [LB1]: [['    advert_int 1\n', '    advert_int 1\n    version 3\n    strict_mode\n    no_accept\n']] });
  assertFixed(off, LB1, 'vip-traffic-dropped', /^Remove no_accept and set strict_mode off/);
  assert.match(off.text(LB1), /strict_mode off\n/);
  assert.doesNotMatch(off.text(LB1), /no_accept/);
});

test('no_accept without strict mode goes; an auth_pass without auth_type gets one', () => {
  const ws = pair({ [LB1]: [['    advert_int 1\n', '    advert_int 1\n    no_accept\n']] });
  assert.deepEqual(titles(ws, 'vip-traffic-dropped'), ['Remove no_accept (preferred)', 'Disable vip-traffic-dropped for this line']);
  assertFixed(ws, LB1, 'vip-traffic-dropped', /^Remove no_accept/);

  const auth = pair({ [LB1]: [['        auth_type PASS\n', '']] });
  assertFixed(auth, LB1, 'auth-ignored', /^Add auth_type PASS/);
  assert.match(auth.text(LB1), /auth_pass secret12\n {8}auth_type PASS\n/);
});

test('nopreempt at priority 255 goes (a state change would not help); a rounded advert_int is written as used', () => {
  const owner = pair({ [LB1]: [['priority 110', 'priority 255\n    nopreempt']] });
  assert.deepEqual(titles(owner, 'nopreempt-with-master'), ['Remove nopreempt (preferred)', 'Disable nopreempt-with-master for this line']);
  assertFixed(owner, LB1, 'nopreempt-with-master', /^Remove nopreempt/);

  const rounded = pair({ [LB1]: [['advert_int 1', 'advert_int 0.5']] });
  assertFixed(rounded, LB1, 'advert-int-rounded', /^Change to '1'/);
});

test("vrrp-strict-argument: the line goes, which is what 'vrrp_strict off' meant", () => {
  const ws = pair({ [LB1]: [['    enable_script_security\n', '    enable_script_security\n    vrrp_strict off\n']] }, {}, { ...DEFAULT_SETTINGS, versions: { ...DEFAULT_SETTINGS.versions, keepalived: '2.2' } });
  assertFixed(ws, LB1, 'vrrp-strict-argument', /^Remove vrrp_strict/);
  assert.deepEqual(ws.findings().filter((f) => f.file.uri.endsWith(LB1) && /vip-traffic|auth-ignored|owner-state/.test(f.code)), []);
});
