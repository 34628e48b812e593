// Discovery on hostile trees: symbolic links that lead back up (two of them make the paths grow exponentially if
// followed blindly), a 100,000-file workspace, and more configs than the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../server/src/workspace/workspace.js';
import { nodeFileSystem } from '../../server/src/workspace/node-fs.js';
import { analyze } from '../../server/src/analysis/analyze.js';
import { MemoryFileSystem } from '../fuzz/memfs.js';

const KEEPALIVED = 'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 110\n  virtual_ipaddress {\n    192.0.2.10\n  }\n}\n';

test('symbolic links back up the tree are walked once', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hapair-links-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'lb1'));
  writeFileSync(join(root, 'lb1/keepalived.conf'), KEEPALIVED);
  symlinkSync('..', join(root, 'lb1/up'));
  symlinkSync('..', join(root, 'lb1/again'));
  symlinkSync(root, join(root, 'self'));
  const ws = new Workspace(nodeFileSystem, [root]);
  assert.equal(ws.discover(root), 1);
  assert.deepEqual(ws.allEntries().map((e) => e.path), [join(root, 'lb1/keepalived.conf')]);
});

test('a 100,000-file workspace: every file is looked at once, only configs are read', () => {
  const files: Array<{ path: string; text: string }> = [];
  for (let d = 0; d < 1000; d++) for (let f = 0; f < 100; f++) files.push({ path: `/big/d${d}/notes-${f}.txt`, text: 'x' });
  for (const node of ['lb1', 'lb2']) files.push({ path: `/big/d7/${node}/keepalived.conf`, text: KEEPALIVED });
  const fs = new MemoryFileSystem(files);
  const ws = new Workspace(fs, ['/big']);
  assert.equal(ws.discover('/big'), 2);
  assert.ok(analyze(ws).findings.some((f) => f.code === 'multiple-masters' || f.code === 'duplicate-priority'));
});

test('more configs than the limit: the rest are left out, and that is said', () => {
  const fs = new MemoryFileSystem(Array.from({ length: 10 }, (_, i) => ({ path: `/many/lb${i}/keepalived.conf`, text: KEEPALIVED })));
  const ws = new Workspace(fs, ['/many']);
  assert.equal(ws.discover('/many', 4), 4);
  assert.deepEqual(ws.problems, [{ path: '/many', severity: 'warning', message: 'more than 4 config files; the rest are not checked' }]);
});
