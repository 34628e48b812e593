// hapair.json: what it may say, and the one-line problem it gives otherwise (the folder layout is used instead).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest } from '../../server/src/workspace/layout.js';

const node = (name: string | undefined, keepalived: string) => ({ ...(name === undefined ? {} : { name }), keepalived, haproxy: [`${keepalived.split('/')[0]}/haproxy.cfg`] });
const manifest = (...nodes: object[]) => JSON.stringify({ clusters: [{ name: 'k8s', nodes }] });

test('a manifest with a node per name is read as it is', () => {
  const parsed = parseManifest('/w', manifest(node('lb1', 'lb1/keepalived.conf'), node('lb2', 'lb2/keepalived.conf'), node(undefined, 'lb3/keepalived.conf')));
  assert.ok(typeof parsed !== 'string', String(parsed));
  assert.deepEqual(parsed.clusters[0]!.nodes.map((n) => n.name), ['lb1', 'lb2', undefined]);
});

test('two nodes of one cluster with one name: a problem, not a layout where one hides the other', () => {
  assert.equal(
    parseManifest('/w', manifest(node('lb3', 'lb1/keepalived.conf'), node('lb3', 'lb3/keepalived.conf'))),
    'in hapair.json, two nodes of one cluster are named "lb3": each node needs a name of its own',
  );
  // In two clusters, the same name is two nodes.
  const two = JSON.stringify({ clusters: [{ nodes: [node('lb1', 'a/keepalived.conf')] }, { nodes: [node('lb1', 'b/keepalived.conf')] }] });
  assert.ok(typeof parseManifest('/w', two) !== 'string');
});
