/** The peer node's HAProxy copy: binds on the node's own address move to the peer's; nothing else changes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../server/src/workspace/workspace.js';
import { nodeFileSystem } from '../server/src/workspace/node-fs.js';
import { peerForFile } from '../server/src/peer/for-file.js';
import { PeerError } from '../server/src/peer/generate.js';

const HAPROXY = `frontend api
  bind 192.0.2.100:6443
  bind 192.0.2.11:9000 # this node only
  bind ipv4@192.0.2.11:9001,192.0.2.100:9002
  default_backend k8s
backend k8s
  server cp1 198.51.100.1:6443 check
`;

function keepalived(peers: string[]): string {
  return `vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 110
  unicast_src_ip 192.0.2.11
  unicast_peer {
${peers.map((p) => `    ${p}`).join('\n')}
  }
  virtual_ipaddress {
    192.0.2.100
  }
}
`;
}

function workspace(peers: string[]): { ws: Workspace; path: string } {
  const root = mkdtempSync(join(tmpdir(), 'hapair-hpeer-'));
  mkdirSync(join(root, 'lb1'));
  writeFileSync(join(root, 'lb1/haproxy.cfg'), HAPROXY);
  writeFileSync(join(root, 'lb1/keepalived.conf'), keepalived(peers));
  const ws = new Workspace(nodeFileSystem, [root]);
  ws.discover(root);
  return { ws, path: join(root, 'lb1/haproxy.cfg') };
}

test('binds on the own address move to the single unicast peer; VIP binds and the rest stay byte for byte', () => {
  const { ws, path } = workspace(['192.0.2.12']);
  const result = peerForFile(ws, path, 'haproxy');
  assert.equal(result.text, HAPROXY.replace('bind 192.0.2.11:9000', 'bind 192.0.2.12:9000').replace('ipv4@192.0.2.11:9001', 'ipv4@192.0.2.12:9001'));
  assert.equal(result.changes.length, 2);
});

test('several unicast peers: the generator asks which one is the new node', () => {
  const { ws, path } = workspace(['192.0.2.12', '192.0.2.13']);
  assert.throws(() => peerForFile(ws, path, 'haproxy'), (e: unknown) => e instanceof PeerError && e.question?.option === 'srcIp' && e.question.choices.length === 2);
  assert.match(peerForFile(ws, path, 'haproxy', { srcIp: '192.0.2.13' }).text, /bind 192\.0\.2\.13:9000/);
});

test('a HAProxy file alone: the addresses come from --peer-ip (this node) and --src-ip (the new node)', () => {
  const root = mkdtempSync(join(tmpdir(), 'hapair-hpeer-alone-'));
  const path = join(root, 'haproxy.cfg');
  writeFileSync(path, HAPROXY);
  const ws = new Workspace(nodeFileSystem, [root]);
  ws.addFile(path, 'haproxy');
  assert.equal(peerForFile(ws, path, 'haproxy').text, HAPROXY, 'nothing known: an identical copy');
  const moved = peerForFile(ws, path, 'haproxy', { peerIp: '192.0.2.11', srcIp: '192.0.2.12' });
  assert.equal(moved.text, HAPROXY.replace('bind 192.0.2.11:9000', 'bind 192.0.2.12:9000').replace('ipv4@192.0.2.11:9001', 'ipv4@192.0.2.12:9001'));
});
