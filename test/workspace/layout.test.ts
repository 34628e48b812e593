// How files are grouped into nodes when nothing says so (workspace/layout.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutNodes } from '../../server/src/workspace/layout.js';

const display = (p: string) => p.replace('/w/', '');

test('node folders side by side: each folder is a node named after it, its haproxy/ folder included', () => {
  const nodes = layoutNodes(['/w/lb1/keepalived.conf', '/w/lb2/keepalived/keepalived.conf'], ['/w/lb1/haproxy.cfg', '/w/lb2/haproxy/haproxy.cfg'], display);
  assert.deepEqual(
    nodes.map((n) => [n.name, n.keepalived, n.haproxy, n.scope]),
    [
      ['lb1', '/w/lb1/keepalived.conf', ['/w/lb1/haproxy.cfg'], 'siblings:/w'],
      ['lb2', '/w/lb2/keepalived/keepalived.conf', ['/w/lb2/haproxy/haproxy.cfg'], 'siblings:/w'],
    ],
  );
});

test('two guessed nodes that would share a name in one cluster are named by their files', () => {
  // lb1/keepalived.conf and lb1/keepalived/keepalived.conf both stand for lb1.
  const nodes = layoutNodes(['/w/lb1/keepalived.conf', '/w/lb1/keepalived/keepalived.conf', '/w/lb2/keepalived.conf'], [], display);
  assert.deepEqual(
    nodes.map((n) => n.name),
    ['lb1/keepalived.conf', 'lb1/keepalived/keepalived.conf', 'lb2'],
  );
});

test("copies of hosts' /etc side by side: the host folder names the node, and the hosts are one cluster", () => {
  const nodes = layoutNodes(['/w/lb1/etc/keepalived/keepalived.conf', '/w/lb2/etc/keepalived/keepalived.conf'], ['/w/lb1/etc/haproxy/haproxy.cfg', '/w/lb2/etc/haproxy/haproxy.cfg'], display);
  assert.deepEqual(
    nodes.map((n) => [n.name, n.haproxy, n.scope]),
    [
      ['lb1', ['/w/lb1/etc/haproxy/haproxy.cfg'], 'siblings:/w'],
      ['lb2', ['/w/lb2/etc/haproxy/haproxy.cfg'], 'siblings:/w'],
    ],
  );
});

test("a host's own /etc: no folder above it names the node, so its keepalived file does", () => {
  const nodes = layoutNodes(['/etc/keepalived/keepalived.conf'], ['/etc/haproxy/haproxy.cfg'], (p) => p);
  assert.deepEqual(
    nodes.map((n) => [n.name, n.haproxy]),
    [['/etc/keepalived/keepalived.conf', ['/etc/haproxy/haproxy.cfg']]],
  );
});
