// The CLI's file system: a check reads each file from the disk once, however often the workspace asks for its text.
// The server's overlay reads the disk through it too: folder listings are kept while the folder's stamp holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FileContent } from '../../server/src/workspace/fs.js';
import { CachedFileSystem } from '../../server/src/workspace/cached-fs.js';
import { Workspace } from '../../server/src/workspace/workspace.js';
import { analyze } from '../../server/src/analysis/analyze.js';
import { nodeFileSystem } from '../../server/src/workspace/node-fs.js';
import { MemoryFileSystem } from '../fuzz/memfs.js';
import { analysedOn } from '../support/analysed.js';

/** A memory file system that counts reads and kind questions per path. */
class CountingFileSystem extends MemoryFileSystem {
  readonly reads = new Map<string, number>();
  readonly kinds = new Map<string, number>();

  override readFile(path: string): FileContent | undefined {
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    return super.readFile(path);
  }

  override kind(path: string): 'file' | 'dir' | undefined {
    this.kinds.set(path, (this.kinds.get(path) ?? 0) + 1);
    return super.kind(path);
  }
}

/** A counting file system whose folders carry stamps the test sets (undefined: "changed too recently to tell"). */
class StampedFileSystem extends CountingFileSystem {
  readonly listed = new Map<string, number>();
  readonly stamps = new Map<string, string | undefined>();

  override readDir(path: string): readonly string[] | undefined {
    this.listed.set(path, (this.listed.get(path) ?? 0) + 1);
    return super.readDir(path);
  }

  dirStamp(path: string): string | undefined {
    return this.stamps.has(path) ? this.stamps.get(path) : 'settled';
  }
}

const keepalived = (state: string, priority: number) =>
  `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  virtual_ipaddress {\n    192.0.2.10\n  }\n}\n`;
/** A vrrp_instance VI_i with VRID i and VIP 192.0.2.i. */
const vrrp = (i: number) => `vrrp_instance VI_${i} {\n  interface eth0\n  virtual_router_id ${i}\n  virtual_ipaddress {\n    192.0.2.${i}\n  }\n}\n`;
const HAPROXY = 'frontend api\n  bind 192.0.2.10:6443\n  mode tcp\n  default_backend masters\n\nbackend masters\n  mode tcp\n  server m1 198.51.100.11:6443 check\n';

test('a check of an HA pair reads each of its files once', () => {
  const disk = new CountingFileSystem([
    { path: '/pair/lb1/keepalived.conf', text: keepalived('MASTER', 110) },
    { path: '/pair/lb2/keepalived.conf', text: keepalived('BACKUP', 110) },
    { path: '/pair/lb1/haproxy.cfg', text: HAPROXY },
    { path: '/pair/lb2/haproxy.cfg', text: HAPROXY },
  ]);
  const ws = new Workspace(new CachedFileSystem(disk), ['/pair']);
  assert.equal(ws.discover('/pair'), 4);
  // The pair's equal priorities show that the check went across both nodes.
  assert.ok(analyze(ws).findings.some((f) => f.code === 'duplicate-priority'));
  assert.deepEqual(
    [...disk.reads].filter(([, n]) => n !== 1),
    [],
  );
  assert.equal(disk.reads.size, 4);
});

test('a forgotten file is read again; the others are not', () => {
  const disk = new CountingFileSystem([
    { path: '/a.cfg', text: 'one' },
    { path: '/b.cfg', text: 'two' },
  ]);
  const cached = new CachedFileSystem(disk);
  cached.readFile('/a.cfg');
  cached.readFile('/b.cfg');
  disk.set('/a.cfg', 'changed');
  disk.set('/b.cfg', 'changed too');
  // Until told, the cache keeps the version it read.
  assert.equal(cached.readFile('/a.cfg')?.text, 'one');
  cached.forget('/a.cfg');
  assert.equal(cached.readFile('/a.cfg')?.text, 'changed');
  assert.equal(cached.readFile('/b.cfg')?.text, 'two');
  assert.deepEqual(Object.fromEntries(disk.reads), { '/a.cfg': 2, '/b.cfg': 1 });
  // A file that could not be read is remembered as absent too.
  assert.equal(cached.readFile('/missing.cfg'), undefined);
  assert.equal(cached.readFile('/missing.cfg'), undefined);
  assert.equal(disk.reads.get('/missing.cfg'), 1);
});

test('a file read and not forgotten is a file without asking the disk again; once forgotten, the disk is asked', () => {
  const disk = new CountingFileSystem([{ path: '/conf.d/a.conf', text: 'one' }]);
  const cached = new CachedFileSystem(disk);
  cached.readFile('/conf.d/a.conf');
  // An include glob asks this of every file it matches, each time the including file is expanded again.
  for (let i = 0; i < 3; i++) assert.equal(cached.kind('/conf.d/a.conf'), 'file');
  assert.equal(disk.kinds.get('/conf.d/a.conf'), undefined);
  assert.equal(cached.kind('/conf.d'), 'dir');
  assert.equal(cached.readFile('/missing.conf'), undefined);
  assert.equal(cached.kind('/missing.conf'), undefined, 'a file that could not be read is asked about');
  cached.forget('/conf.d/a.conf');
  assert.equal(cached.kind('/conf.d/a.conf'), 'file');
  assert.equal(disk.kinds.get('/conf.d/a.conf'), 1);
});

test("the language server's overlay: typing in a file an include glob matches asks the disk nothing about the files it matches", () => {
  // Each keystroke expands lb1's keepalived.conf again, and its glob asks the kind of every file it matches.
  const disk = new CountingFileSystem([
    { path: '/w/lb1/keepalived.conf', text: 'include /w/lb1/conf.d/*.conf\n' },
    ...[1, 2, 3].map((i) => ({ path: `/w/lb1/conf.d/vi-${i}.conf`, text: vrrp(i) })),
    { path: '/w/lb2/keepalived.conf', text: vrrp(1) + vrrp(2) + vrrp(3) },
  ]);
  const { fs, ws, analyzer } = analysedOn(disk);
  disk.kinds.clear();
  fs.setOpen('/w/lb1/conf.d/vi-2.conf', vrrp(2).replace('interface eth0', 'interface eth1'));
  analyzer.run(ws);
  assert.deepEqual([...disk.kinds.keys()].filter((p) => p.endsWith('.conf')), []);
});

test('a folder is listed again only when its stamp changes, or when it has none', () => {
  const disk = new StampedFileSystem([{ path: '/conf.d/a.conf', text: 'one' }]);
  const cached = new CachedFileSystem(disk);
  const listed = () => disk.listed.get('/conf.d') ?? 0;
  // The first listing is not stamped (most folders are listed once); the second is, and is kept.
  for (let i = 0; i < 4; i++) assert.deepEqual(cached.readDir('/conf.d'), ['a.conf']);
  assert.equal(listed(), 2);
  // A file appears and the folder's stamp moves: the new listing has it.
  disk.set('/conf.d/b.conf', 'two');
  disk.stamps.set('/conf.d', 'after b');
  assert.deepEqual(cached.readDir('/conf.d'), ['a.conf', 'b.conf']);
  assert.deepEqual(cached.readDir('/conf.d'), ['a.conf', 'b.conf']);
  assert.equal(listed(), 3);
  // Changed too recently to tell: listed every time, and what such a listing found is not kept for the stamp after.
  disk.stamps.set('/conf.d', undefined);
  disk.set('/conf.d/c.conf', 'three');
  assert.deepEqual(cached.readDir('/conf.d'), ['a.conf', 'b.conf', 'c.conf']);
  disk.set('/conf.d/d.conf', 'four');
  assert.deepEqual(cached.readDir('/conf.d'), ['a.conf', 'b.conf', 'c.conf', 'd.conf']);
  disk.stamps.set('/conf.d', 'settled again');
  disk.delete('/conf.d/a.conf');
  assert.deepEqual(cached.readDir('/conf.d'), ['b.conf', 'c.conf', 'd.conf']);
  assert.equal(listed(), 6);
  // A file forgotten (the client reported it) drops its folder's listing as well, whatever the stamp says.
  disk.set('/conf.d/e.conf', 'five');
  cached.forget('/conf.d/e.conf');
  assert.deepEqual(cached.readDir('/conf.d'), ['b.conf', 'c.conf', 'd.conf', 'e.conf']);
  // A folder that cannot be read is remembered as such while its stamp holds.
  for (let i = 0; i < 4; i++) assert.equal(cached.readDir('/gone'), undefined);
  assert.equal(disk.listed.get('/gone'), 2);
});

test("the language server's overlay: typing in a file an include glob matches lists the glob's folder once", () => {
  const disk = new StampedFileSystem([
    { path: '/w/lb1/keepalived.conf', text: 'include conf.d/*.conf\n' },
    ...[1, 2, 3].map((i) => ({ path: `/w/lb1/conf.d/vi-${i}.conf`, text: vrrp(i) })),
  ]);
  const { fs, ws, analyzer } = analysedOn(disk);
  // Discovery listed the folder, and the first run's expansion (the stamped listing that is kept).
  assert.equal(disk.listed.get('/w/lb1/conf.d'), 2);
  for (const word of ['eth1', 'eth2', 'eth3']) {
    fs.setOpen('/w/lb1/conf.d/vi-2.conf', vrrp(2).replace('eth0', word));
    analyzer.run(ws);
  }
  assert.equal(disk.listed.get('/w/lb1/conf.d'), 2);
  // A file the glob matches appears where no watcher reports it: the folder's stamp moves, the next run reads it.
  disk.set('/w/lb1/conf.d/vi-4.conf', vrrp(2).replace('VI_2', 'VI_4'));
  disk.stamps.set('/w/lb1/conf.d', 'after vi-4');
  fs.setOpen('/w/lb1/conf.d/vi-2.conf', vrrp(2));
  const codes = analyzer.run(ws).findings.filter((f) => f.file.uri === '/w/lb1/conf.d/vi-4.conf').map((f) => f.code);
  assert.ok(codes.includes('duplicate-vrid'), `findings in the new file: ${codes.join(', ') || 'none'}`);
});

test("the real disk stamps a folder once it has settled, and the stamp moves when an entry comes or goes", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hapair-stamp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.conf'), 'one\n');
  assert.equal(nodeFileSystem.dirStamp!(dir), undefined, 'a folder changed a moment ago');
  assert.equal(nodeFileSystem.dirStamp!(join(dir, 'a.conf')), undefined, 'a file');
  assert.equal(nodeFileSystem.dirStamp!(join(dir, 'missing')), undefined, 'nothing there');
  let settled: string | undefined;
  for (let waited = 0; settled === undefined && waited < 5000; waited += 250) {
    await sleep(250);
    settled = nodeFileSystem.dirStamp!(dir);
  }
  assert.ok(settled !== undefined, 'the folder never settled');
  // Writing into a file changes the file, not the folder's entries.
  appendFileSync(join(dir, 'a.conf'), 'more\n');
  assert.equal(nodeFileSystem.dirStamp!(dir), settled);
  writeFileSync(join(dir, 'b.conf'), 'two\n');
  assert.notEqual(nodeFileSystem.dirStamp!(dir), settled);
});
