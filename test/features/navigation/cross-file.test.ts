// Navigation across the files of a pair: a track_script resolves within its own node, instance names reach the
// peer's instance of the same virtual router, and VIPs link HAProxy binds, keepalived entries and the peer node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definitions, highlights, references } from '../../../server/src/features/navigation/navigate.js';
import { featureWorkspace } from '../../support/feature-workspace.js';
import { PAIR, pairWithCursor } from './pair.js';

function lookup(files: Record<string, string>, rel: string) {
  const w = featureWorkspace(files);
  try {
    const ctx = w.ctx(rel);
    const [offset] = w.marks(rel);
    return {
      definitions: definitions(ctx, offset!).map((o) => w.show(o.file, o.span)),
      references: references(ctx, offset!, true).map((o) => w.show(o.file, o.span)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
      highlights: highlights(ctx, offset!).map((h) => `${ctx.file.lines().lineOf(h.span.start) + 1}:${h.write ? 'write' : 'read'}`),
    };
  } finally {
    w.dispose();
  }
}

test("a track_script in lb2 leads to lb2's own vrrp_script, never to lb1's", () => {
  const r = lookup(pairWithCursor('lb2/keepalived.conf', 'chk_haproxy', 2, 1), 'lb2/keepalived.conf');
  assert.deepEqual(r.definitions, ['lb2/keepalived.conf:5 chk_haproxy']);
  assert.deepEqual(r.references, ['lb2/keepalived.conf:5 chk_haproxy', 'lb2/keepalived.conf:21 chk_haproxy']);
  assert.deepEqual(r.highlights, ['5:write', '21:read']);
});

test('an instance name in a sync group leads to the instance; references add the peer’s instance of the same name', () => {
  const r = lookup(pairWithCursor('lb1/keepalived.conf', 'VI_API', 3, 1), 'lb1/keepalived.conf');
  assert.deepEqual(r.definitions, ['lb1/keepalived.conf:11 VI_API']);
  assert.deepEqual(r.references, ['lb1/keepalived.conf:11 VI_API', 'lb1/keepalived.conf:27 VI_API', 'lb2/keepalived.conf:11 VI_API', 'lb2/keepalived.conf:27 VI_API']);
});

const VIP_EVERYWHERE = ['lb1/haproxy.cfg:2 192.0.2.10', 'lb1/keepalived.conf:18 192.0.2.10', 'lb2/haproxy.cfg:2 192.0.2.10', 'lb2/keepalived.conf:18 192.0.2.10'];

test("a VIP bound in haproxy.cfg leads to the node's virtual_ipaddress entry; references reach the peer node", () => {
  const r = lookup(pairWithCursor('lb1/haproxy.cfg', '192.0.2.10', 4), 'lb1/haproxy.cfg');
  assert.deepEqual(r.definitions, ['lb1/keepalived.conf:18 192.0.2.10']);
  assert.deepEqual(r.references, VIP_EVERYWHERE);
  assert.deepEqual(r.highlights, ['2:read']);
});

test('from a virtual_ipaddress entry: the same VIP in both nodes’ HAProxy and keepalived files', () => {
  const r = lookup(pairWithCursor('lb2/keepalived.conf', '192.0.2.10', 1), 'lb2/keepalived.conf');
  assert.deepEqual(r.definitions, ['lb2/keepalived.conf:18 192.0.2.10']);
  assert.deepEqual(r.references, VIP_EVERYWHERE);
});

test('a VIP the peer does not carry stays on its node', () => {
  const files = { ...PAIR, 'lb2/keepalived.conf': PAIR['lb2/keepalived.conf']!.replace('192.0.2.10/24', '192.0.2.99/24') };
  const r = lookup(pairWithCursor('lb1/keepalived.conf', '192.0.2.10', 1, 0, files), 'lb1/keepalived.conf');
  // Still peers (same VRID and name), so lb2's binds of the address count; lb2 has no such entry.
  assert.deepEqual(r.references, VIP_EVERYWHERE.filter((s) => !s.startsWith('lb2/keepalived')));
});

test('a bind on an address that is no VIP has no definition, and finds the other binds of it', () => {
  const files = { ...PAIR, 'lb1/haproxy.cfg': PAIR['lb1/haproxy.cfg']! + '\nfrontend other\n    bind 192.0.2.77:80\n    bind 192.0.2.77:81\n    default_backend api\n' };
  const r = lookup(pairWithCursor('lb1/haproxy.cfg', '192.0.2.77', 2, 0, files), 'lb1/haproxy.cfg');
  assert.deepEqual(r.definitions, []);
  assert.deepEqual(r.references, ['lb1/haproxy.cfg:9 192.0.2.77', 'lb1/haproxy.cfg:10 192.0.2.77']);
});

test('scripts defined in an included file: found from the main file, and the included file finds its uses', () => {
  const scripts = 'vrrp_script chk_haproxy {\n    script "/bin/true"\n}\n';
  const main = PAIR['lb1/keepalived.conf']!.replace(/vrrp_script chk_haproxy \{[^}]*\}\n/, 'include scripts.conf\n');
  const files = { ...PAIR, 'lb1/keepalived.conf': main, 'lb1/scripts.conf': scripts };
  const fromMain = lookup(pairWithCursor('lb1/keepalived.conf', 'chk_haproxy', 2, 0, files), 'lb1/keepalived.conf');
  assert.deepEqual(fromMain.definitions, ['lb1/scripts.conf:1 chk_haproxy']);
  const fromIncluded = lookup(pairWithCursor('lb1/scripts.conf', 'chk_haproxy', 2, 0, files), 'lb1/scripts.conf');
  assert.deepEqual(fromIncluded.references, ['lb1/keepalived.conf:17 chk_haproxy', 'lb1/scripts.conf:1 chk_haproxy']);
});
