// hapair.json: what it may say; the problem, placed where the file is wrong, that refuses it otherwise (the folder
// layout is used instead); and the warnings for the files it names that are not checked as it says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest } from '../../server/src/workspace/manifest.js';
import type { WorkspaceProblem } from '../../server/src/workspace/types.js';
import { layoutNodes } from '../../server/src/workspace/layout.js';
import { Workspace } from '../../server/src/workspace/workspace.js';
import { analyze } from '../../server/src/analysis/analyze.js';
import { MemoryFileSystem } from '../fuzz/memfs.js';

const node = (name: string | undefined, keepalived: string, extra: object = {}) => ({ ...(name === undefined ? {} : { name }), keepalived, ...extra });
const manifest = (...nodes: object[]) => JSON.stringify({ clusters: [{ name: 'k8s', nodes }] }, null, 2);

/** A problem as the CLI places it: 1-based line and column, and the text it points at. */
function placed(problem: WorkspaceProblem): string {
  const { file, span } = problem.at!;
  const p = file.lines().positionAt(span.start);
  return `${p.line + 1}:${p.character + 1} ${JSON.stringify(file.text.slice(span.start, span.end))} ${problem.severity}: ${problem.message}`;
}

function refusal(text: string): string {
  const parsed = parseManifest('/w/hapair.json', text);
  assert.ok('message' in parsed, 'the manifest was accepted');
  return placed(parsed);
}

test('a manifest with a node per name is read as it is', () => {
  const parsed = parseManifest('/w/hapair.json', manifest(node('lb1', 'lb1/keepalived.conf'), node('lb2', 'lb2/keepalived.conf'), node(undefined, 'lb3/keepalived.conf')));
  assert.ok(!('message' in parsed), 'refused');
  assert.equal(parsed.dir, '/w');
  assert.deepEqual(parsed.clusters[0]!.nodes.map((n) => n.name), ['lb1', 'lb2', undefined]);
  // A byte-order mark is no reason to refuse a file.
  assert.ok(!('message' in parseManifest('/w/hapair.json', '\uFEFF' + manifest(node('lb1', 'a.conf')))));
});

test('text that is not JSON: refused where it stops being JSON, in words', () => {
  assert.equal(refusal('{\n  "clusters": [\n    { "nodes": [] },\n  ]\n}'), '3:20 "," error: not valid JSON: a comma before the closing bracket, which JSON does not allow');
  assert.equal(refusal('{\n  "clusters" []\n}'), '2:14 "[" error: not valid JSON: \':\' is expected after the property name');
  assert.equal(refusal('{ "clusters": [] } // lb pair\n'), '1:20 "// lb pair" error: not valid JSON: JSON has no comments');
  assert.equal(refusal(' \n'), '1:1 "" error: the file is empty: a manifest needs a "clusters" array');
  assert.equal(refusal('{"clusters": [{"nodes": [{"keepalived": "a.conf}]}]}\n'), '1:41 "\\"a.conf}]}]}" error: not valid JSON: the string is not closed');
});

test('JSON of the wrong shape: refused at the value that is wrong, or where the missing one belongs', () => {
  assert.equal(refusal('{"clusters": 3}'), '1:14 "3" error: a manifest needs a "clusters" array');
  assert.equal(refusal('[]'), '1:1 "[" error: a manifest needs a "clusters" array');
  assert.equal(refusal('{"clusters": [{"nodes": [{"keepalived": "a"}]}, 7]}'), '1:49 "7" error: a cluster needs a "nodes" array');
  assert.equal(refusal('{"clusters": [{"name": 2, "nodes": []}]}'), '1:24 "2" error: a cluster\'s "name" is a string');
  assert.equal(refusal(manifest(node('lb1', 'a.conf'), { name: 'lb2' })), '10:9 "{" error: a node needs a "keepalived" file name');
  assert.equal(refusal(manifest(node(undefined, 'a.conf', { configId: 4 }))), '8:23 "4" error: a node\'s "configId" is a string');
  assert.equal(refusal(manifest(node(undefined, 'a.conf', { haproxy: 'lb1/haproxy.cfg' }))), '8:22 "\\"lb1/haproxy.cfg\\"" error: a node\'s "haproxy" is an array of file names');
});

test('one name for two nodes or two clusters: refused, not a layout where one hides the other', () => {
  assert.equal(refusal(manifest(node('lb3', 'lb1/keepalived.conf'), node('lb3', 'lb3/keepalived.conf'))), '11:19 "\\"lb3\\"" error: two nodes of this cluster are named "lb3": each node needs a name of its own');
  // Unnamed, a node is named after its file (and config-id): the same file twice is the same name twice.
  assert.equal(refusal(manifest(node(undefined, 'lb1/keepalived.conf'), node(undefined, 'lb1/keepalived.conf'))), '10:25 "\\"lb1/keepalived.conf\\"" error: this cluster lists lb1/keepalived.conf twice');
  assert.equal(refusal(manifest(node(undefined, 'k.conf', { configId: 'a' }), node(undefined, 'k.conf', { configId: 'a' }))), '11:25 "\\"k.conf\\"" error: this cluster lists k.conf with config-id a twice');
  assert.equal(refusal(JSON.stringify({ clusters: [{ name: 'k8s', nodes: [] }, { name: 'k8s', nodes: [] }] })), '1:48 "\\"k8s\\"" error: two clusters are named "k8s": each cluster needs a name of its own');
  // In two clusters, the same name is two nodes.
  const two = JSON.stringify({ clusters: [{ nodes: [node('lb1', 'a/keepalived.conf')] }, { nodes: [node('lb1', 'b/keepalived.conf')] }] });
  assert.ok(!('message' in parseManifest('/w/hapair.json', two)));
});

test('one keepalived file for two unnamed nodes with two config-ids: two nodes, named file@id', () => {
  const parsed = parseManifest('/w/hapair.json', manifest(node(undefined, 'k.conf', { configId: 'lb1' }), node(undefined, 'k.conf', { configId: 'lb2' })));
  assert.ok(!('message' in parsed), 'refused');
  assert.deepEqual(layoutNodes([], [], (p) => p.replace('/w/', ''), [parsed]).map((n) => n.name), ['k.conf@lb1', 'k.conf@lb2']);
});

const KEEPALIVED = (priority: number) => `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  virtual_ipaddress {\n    192.0.2.10\n  }\n}\n`;

test('files a manifest names that are not checked as it says: a warning at each, and the node without them', () => {
  const fs = new MemoryFileSystem([
    { path: '/w/hapair.json', text: manifest(node('a', 'lb1/keepalived.conf', { haproxy: ['lb1/haproxy.cfg', 'lb1'] }), node('b', 'lb2/keepalive.conf'), node('c', 'lb3/ka.txt'), node('d', '../elsewhere/keepalived.conf'), node('e', 'lb1/haproxy.cfg')) },
    { path: '/w/lb1/keepalived.conf', text: KEEPALIVED(100) },
    { path: '/w/lb1/haproxy.cfg', text: 'frontend fe\n  bind 192.0.2.10:80\n' },
    { path: '/w/lb2/keepalived.conf', text: KEEPALIVED(100) },
    // Named by the manifest, this file is a keepalived config whatever its name says.
    { path: '/w/lb3/ka.txt', text: KEEPALIVED(100) },
    { path: '/elsewhere/keepalived.conf', text: KEEPALIVED(80) },
  ]);
  const ws = new Workspace(fs, ['/w']);
  ws.discover('/w');
  assert.deepEqual(ws.problems.map(placed), [
    '11:13 "\\"lb1\\"" warning: lb1 is a folder, not a HAProxy config: the node is checked without it',
    '16:25 "\\"lb2/keepalive.conf\\"" warning: lb2/keepalive.conf does not exist: the node is left out of the checks',
    '24:25 "\\"../elsewhere/keepalived.conf\\"" warning: ../elsewhere/keepalived.conf is outside the folders being checked: the node is left out of the checks',
    '28:25 "\\"lb1/haproxy.cfg\\"" warning: lb1/haproxy.cfg reads as a HAProxy config, not a keepalived one: the node is left out of the checks',
  ]);
  assert.ok(ws.has('/w/lb3/ka.txt'), 'the file the manifest names as keepalived is not checked');
  // Nodes a and c are peers: lb3/ka.txt is read as the keepalived config the manifest says it is.
  const { findings } = analyze(ws, undefined, (p) => p);
  assert.ok(findings.some((f) => f.file.uri === '/w/lb3/ka.txt' && f.code === 'duplicate-priority' && f.message.includes(' of a ')), 'node c is not a peer of node a');
});
