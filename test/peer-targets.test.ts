import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggestPeerTargets } from '../server/src/peer/targets.js';

const none = () => false;

test('sibling node folders: the next number first, then the first free one', () => {
  const existing = new Set(['/x/lb2/keepalived.conf']);
  assert.deepEqual(suggestPeerTargets('/x/lb1/keepalived.conf', 'keepalived', (p) => existing.has(p)), [
    '/x/lb2/keepalived.conf',
    '/x/lb3/keepalived.conf',
    '/x/lb1/keepalived-backup.conf',
  ]);
  assert.deepEqual(suggestPeerTargets('/x/lb1/keepalived.conf', 'keepalived', none)[0], '/x/lb2/keepalived.conf');
});

test('zero padding and inner keepalived/haproxy folders are kept', () => {
  assert.equal(suggestPeerTargets('/s/node09/etc/keepalived/keepalived.conf', 'keepalived', none)[0], '/s/node10/etc/keepalived/keepalived.conf');
  assert.equal(suggestPeerTargets('/s/lb01/haproxy/haproxy.cfg', 'haproxy', none)[0], '/s/lb02/haproxy/haproxy.cfg');
});

test('role names swap, numbered files count up, otherwise a -backup/-peer file beside the original', () => {
  assert.deepEqual(suggestPeerTargets('/c/keepalived-master.conf', 'keepalived', none), ['/c/keepalived-backup.conf', '/c/keepalived-master-backup.conf']);
  assert.deepEqual(suggestPeerTargets('/c/Primary.keepalived.conf', 'keepalived', none)[0], '/c/Secondary.keepalived.conf');
  assert.deepEqual(suggestPeerTargets('/c/keepalived1.conf.j2', 'keepalived', none), ['/c/keepalived2.conf.j2', '/c/keepalived1-backup.conf.j2']);
  assert.deepEqual(suggestPeerTargets('/etc/haproxy/haproxy.cfg', 'haproxy', none), ['/etc/haproxy/haproxy-peer.cfg']);
});
