// keepalived include expansion: what it copies and what it keeps. Blocks without includes keep their identity, so
// an edit of one block leaves the others' objects (and whatever is cached by them) as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/workspace/workspace.js';
import { MemoryFileSystem } from '../fuzz/memfs.js';
import { MAX_MATCHES } from '../../server/src/workspace/includes.js';

const MAIN = '/w/keepalived.conf';
const instance = (n: number) => `vrrp_instance VI_${n} {\n    interface eth0\n    virtual_router_id ${n}\n    priority 100\n}\n`;

test('a file without includes expands to its own statements, and an edit keeps the untouched blocks', () => {
  const text = [1, 2, 3].map(instance).join('\n');
  const fs = new MemoryFileSystem([{ path: MAIN, text }]);
  const ws = new Workspace(fs, ['/w']);
  const before = ws.expandKeepalived(MAIN)!.tree;
  assert.equal(before, ws.keepalived(MAIN).syntax!.statements);

  fs.set(MAIN, text.replace('priority 100', 'priority 101'));
  const after = ws.expandKeepalived(MAIN)!.tree;
  assert.notEqual(after[0], before[0], 'the edited block is parsed again');
  assert.equal(after[1], before[1]);
  assert.equal(after[2], before[2]);
});

test('an include is replaced in place: its block is copied with the included lines, the other blocks are kept', () => {
  const fs = new MemoryFileSystem([
    { path: MAIN, text: `${instance(1)}\nvrrp_instance VI_2 {\n    include /w/vips.conf\n}\n` },
    { path: '/w/vips.conf', text: 'virtual_ipaddress {\n    192.0.2.10\n}\n' },
  ]);
  const ws = new Workspace(fs, ['/w']);
  const own = ws.keepalived(MAIN).syntax!.statements;
  const { tree, includes } = ws.expandKeepalived(MAIN)!;
  assert.equal(tree[0], own[0]);
  assert.notEqual(tree[1], own[1]);
  assert.deepEqual(
    tree[1]!.block!.statements.map((s) => s.keyword.value),
    ['include', 'virtual_ipaddress'],
  );
  assert.equal(includes.length, 1);
  assert.equal(includes[0]!.targets[0]!.uri, '/w/vips.conf');
});

test('an included file that was binary and is now empty text is read again: the parse cache tells the two apart', () => {
  const fs = new MemoryFileSystem([
    { path: MAIN, text: 'include /w/extra.conf\n' },
    { path: '/w/extra.conf', text: '\0' },
  ]);
  const ws = new Workspace(fs, ['/w']);
  assert.match(ws.expandKeepalived(MAIN)!.includes[0]!.problem ?? '', /not a text file/);
  assert.equal(ws.keepalived('/w/extra.conf'), ws.keepalived('/w/extra.conf'), 'an unchanged binary file is not read again');
  // Both read as no text; only the second is a file keepalived can include.
  fs.set('/w/extra.conf', '');
  assert.equal(ws.expandKeepalived(MAIN)!.includes[0]!.problem, undefined);
});

test(`a glob matching exactly ${MAX_MATCHES} files reads them all without a word; one more file, and it says it reads the first ${MAX_MATCHES}`, () => {
  const files = (n: number) => [
    { path: MAIN, text: 'include /w/conf.d/*.conf\n' },
    ...Array.from({ length: n }, (_, i) => ({ path: `/w/conf.d/vi-${String(i).padStart(5, '0')}.conf`, text: instance(1 + (i % 255)) })),
  ];
  const exact = new Workspace(new MemoryFileSystem(files(MAX_MATCHES)), ['/w']).expandKeepalived(MAIN)!;
  assert.equal(exact.included.length, MAX_MATCHES);
  assert.deepEqual(exact.includes.map((u) => u.problem), [undefined]);
  const more = new Workspace(new MemoryFileSystem(files(MAX_MATCHES + 1)), ['/w']).expandKeepalived(MAIN)!;
  assert.equal(more.included.length, MAX_MATCHES);
  assert.equal(more.included.at(-1)!.uri, `/w/conf.d/vi-${String(MAX_MATCHES - 1).padStart(5, '0')}.conf`, 'the first ones, in sorted order');
  assert.deepEqual(more.includes.map((u) => u.problem), [`'/w/conf.d/*.conf' matches more than ${MAX_MATCHES} files; only the first ${MAX_MATCHES} are read`]);
});
