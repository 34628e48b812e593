// The change log tells a run which paths changed since the run it builds on, or that it no longer knows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeLog } from '../../server/src/workspace/change-log.js';
import { OverlayFileSystem } from '../../server/src/lsp/overlay-fs.js';
import { MemoryFileSystem } from '../fuzz/memfs.js';

test('since(generation) names the paths changed after it, each once', () => {
  const log = new ChangeLog();
  const start = log.generation;
  log.changed('/a');
  const middle = log.generation;
  log.changed('/b');
  log.changed('/a');
  assert.deepEqual([...log.since(start)!].sort(), ['/a', '/b']);
  assert.deepEqual([...log.since(middle)!].sort(), ['/a', '/b'], '/a changed again after the middle');
  assert.deepEqual([...log.since(log.generation)!], []);
});

test('after forgetAll, or past the limit of paths, earlier generations get "unknown"', () => {
  const log = new ChangeLog();
  const start = log.generation;
  log.forgetAll();
  assert.equal(log.since(start), undefined);
  const after = log.generation;
  assert.deepEqual([...log.since(after)!], []);
  for (let i = 0; i < ChangeLog.LIMIT; i++) log.changed(`/f${i}`);
  assert.equal(log.since(after)!.size, ChangeLog.LIMIT);
  log.changed('/one-more');
  assert.equal(log.since(after), undefined, 'the log started over rather than grow');
});

test('the overlay logs every call that may change what a path reads, and nothing else', () => {
  const fs = new OverlayFileSystem(new MemoryFileSystem([{ path: '/w/a.cfg', text: 'x' }]));
  const log = fs.changes;
  let at = log.generation;
  const changedSince = () => {
    const paths = [...log.since(at)!].sort();
    at = log.generation;
    return paths;
  };
  fs.readFile('/w/a.cfg');
  assert.deepEqual(changedSince(), [], 'reading changes nothing');
  fs.setOpen('/w/a.cfg', 'y');
  assert.deepEqual(changedSince(), ['/w/a.cfg']);
  fs.setOpen('/w/a.cfg', 'y');
  assert.deepEqual(changedSince(), [], 'the same text again changes nothing');
  fs.close('/w/a.cfg');
  fs.close('/w/b.cfg');
  assert.deepEqual(changedSince(), ['/w/a.cfg'], 'closing a buffer that was never open changes nothing');
  fs.invalidate('/w/c.cfg');
  assert.deepEqual(changedSince(), ['/w/c.cfg']);
  fs.invalidateAll();
  assert.equal(log.since(at), undefined);
});
