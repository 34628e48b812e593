// Workspace symbols: sections and named keepalived blocks of every file, matched loosely and best first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchScore, workspaceSymbols } from '../../../server/src/features/navigation/workspace-symbols.js';
import { featureWorkspace } from '../../support/feature-workspace.js';
import { PAIR } from './pair.js';

test('matching: whole name, prefix, substring, scattered letters, ignoring case', () => {
  assert.deepEqual(['api', 'api_v2', 'k8s-api', 'a_p_i', 'web'].map((n) => matchScore(n, 'API')), [4, 3, 2, 1, 0]);
  assert.equal(matchScore('anything', ''), 1);
});

test('finds sections and instances in every node, with their kind and place', () => {
  const w = featureWorkspace(PAIR);
  try {
    const found = workspaceSymbols(w.ctx('lb1/haproxy.cfg').analysis, 'api').map((s) => `${s.container} ${s.icon} ${w.show(s.file, s.span)}`);
    assert.deepEqual(found.sort(), [
      'backend Class lb1/haproxy.cfg:5 api',
      'backend Class lb2/haproxy.cfg:5 api',
      'frontend Interface lb1/haproxy.cfg:1 api',
      'frontend Interface lb2/haproxy.cfg:1 api',
      'vrrp_instance Class lb1/keepalived.conf:11 VI_API',
      'vrrp_instance Class lb2/keepalived.conf:11 VI_API',
    ]);
    const scripts = workspaceSymbols(w.ctx('lb1/haproxy.cfg').analysis, 'chkhap').map((s) => `${s.container} ${s.icon} ${s.name}`);
    assert.deepEqual(scripts, ['vrrp_script Function chk_haproxy', 'vrrp_script Function chk_haproxy']);
  } finally {
    w.dispose();
  }
});
