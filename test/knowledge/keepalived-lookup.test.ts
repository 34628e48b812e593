// The keyword questions shared by diagnostics, completion and hover (knowledge/keepalived/lookup.ts), and the
// empty-value table (knowledge/keepalived/empty-values.ts) checked against the real keepalived -t on a sample.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOCKS, ROOT, keywordOf, type BlockSpec } from '../../server/src/knowledge/keepalived/keywords.js';
import { blockLabel, emptyValueEffect, homesOf, resolveKeyword, uniqueOpenedBlock } from '../../server/src/knowledge/keepalived/lookup.js';
import { ACCEPTED_WHEN_EMPTY, IGNORED_WHEN_EMPTY } from '../../server/src/knowledge/keepalived/empty-values.js';
import { closest, editDistance } from '../../server/src/knowledge/edit-distance.js';
import { keepalivedTest, skipUnless } from '../support/real-programs.js';

const block = (id: string): BlockSpec => BLOCKS[id]!;

test('edit distance counts a swap of neighbours as one edit', () => {
  assert.equal(editDistance('priority', 'priority'), 0);
  assert.equal(editDistance('priorty', 'priority'), 1);
  assert.equal(editDistance('prority', 'priority'), 1);
  assert.equal(editDistance('virtaul', 'virtual'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'stops at limit + 1');
});

test('closest: case-only differences first, otherwise about one edit per four characters', () => {
  assert.equal(closest('State', ['state', 'stats']), 'state');
  assert.equal(closest('advert_intt', ['advert_int', 'priority']), 'advert_int');
  assert.equal(closest('xyz', ['priority']), undefined);
  assert.equal(closest('ab', ['cd']), undefined);
  assert.equal(closest('priority', ['priority']), undefined, 'the word itself is no suggestion');
});

test('resolveKeyword: known, misspelt, misplaced, too new, removed, obsolete', () => {
  const vi = block('vrrp_instance');
  const known = resolveKeyword(vi, 'priority', '2.2');
  assert.equal(known.status, 'known');
  const auth = resolveKeyword(vi, 'authentication', '2.2');
  assert.ok(auth.status === 'known' && auth.opens === block('authentication'));

  assert.deepEqual(resolveKeyword(vi, 'priorty', '2.2'), { status: 'unknown', suggestion: 'priority' });
  assert.deepEqual(resolveKeyword(vi, 'bogus_thing', '2.2'), { status: 'unknown' });
  assert.deepEqual(resolveKeyword(vi, 'interval', '2.2'), { status: 'misplaced', homes: ['vrrp_script'] });
  assert.deepEqual(resolveKeyword(block('global_defs'), 'garp_master_delay', '2.2'), { status: 'misplaced', homes: ['vrrp_instance'] });

  const tooNew = resolveKeyword(vi, 'no_virtual_ipaddress', '2.2');
  assert.ok(tooNew.status === 'too-new' && tooNew.since === '2.3');
  assert.equal(resolveKeyword(vi, 'no_virtual_ipaddress', '2.3').status, 'known');
  const removed = resolveKeyword(block('global_defs'), 'vrrp_ipsets', '2.3');
  assert.ok(removed.status === 'removed' && removed.removedIn === '2.2');
  assert.equal(resolveKeyword(block('global_defs'), 'vrrp_ipsets', '2.1').status, 'known');
  assert.equal(resolveKeyword(block('global_defs'), 'lvs_id', '2.2').status, 'obsolete');
});

test('lookups never trip over object property names', () => {
  for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', '']) {
    const r = resolveKeyword(ROOT, name, '2.3');
    assert.ok(r.status === 'unknown', name);
    assert.deepEqual(homesOf(name, '2.3'), []);
  }
});

test('blocks are named by the keyword that opens them', () => {
  assert.equal(blockLabel('root'), 'the top level');
  assert.equal(blockLabel('vrrp_instance'), 'vrrp_instance');
  assert.equal(blockLabel('ssl_url'), 'url (in SSL_GET)');
  assert.equal(uniqueOpenedBlock('MISC_CHECK', '2.2'), block('MISC_CHECK'));
  assert.equal(uniqueOpenedBlock('track_file', '2.2'), undefined, 'a definition at the top level, a list in vrrp_instance');
});

test('empty values: fatal by default, ignored or fine where keepalived 2.2.7 says so', () => {
  const effect = (id: string, name: string) => emptyValueEffect(block(id), keywordOf(id, name)!);
  assert.equal(effect('vrrp_instance', 'priority'), 'fatal');
  assert.equal(effect('vrrp_instance', 'state'), 'fatal');
  assert.equal(effect('global_defs', 'router_id'), 'ignored');
  assert.equal(effect('root', 'vrrp_instance'), 'ignored');
  assert.equal(effect('global_defs', 'smtp_helo_name'), 'fine');
  assert.equal(effect('vrrp_instance', 'nopreempt'), 'fine');
  assert.equal(effect('vrrp_instance', 'notify_deleted'), 'fine');
  for (const key of [...IGNORED_WHEN_EMPTY, ...ACCEPTED_WHEN_EMPTY]) {
    const [id, name] = key.split('/') as [string, string];
    const spec = keywordOf(id, name);
    assert.ok(spec, `${key} is not in the keyword tree`);
    assert.ok(!spec.arg.optional && spec.arg.kind !== 'none', `${key} has an optional value anyway`);
  }
});

/** A config holding `keyword` alone inside `path` (the blocks that lead to it). */
function configWith(path: string[], keyword: string): string {
  const lines: string[] = [];
  path.forEach((opener, depth) => {
    lines.push(`${'  '.repeat(depth)}${opener} {`);
    if (opener.startsWith('vrrp_instance')) lines.push('  interface eth0', '  virtual_router_id 51', '  virtual_ipaddress {', '    192.0.2.10', '  }');
  });
  lines.push(`${'  '.repeat(path.length)}${keyword}`);
  for (let depth = path.length - 1; depth >= 0; depth--) lines.push(`${'  '.repeat(depth)}}`);
  return lines.join('\n') + '\n';
}

test('the empty-value table matches keepalived -t on a sample', (t) => {
  if (skipUnless(t, 'keepalived', 'netns')) return;
  const cases: { path: string[]; keyword: string; rc: number[] }[] = [
    { path: ['vrrp_instance VI_1'], keyword: 'priority', rc: [2] },
    { path: ['vrrp_instance VI_1', 'authentication'], keyword: 'auth_pass', rc: [2] },
    { path: ['global_defs'], keyword: 'vrrp_version', rc: [2] },
    { path: ['global_defs'], keyword: 'router_id', rc: [5] },
    { path: ['global_defs'], keyword: 'script_user', rc: [5] },
    { path: ['vrrp_instance VI_1'], keyword: 'kernel_rx_buf_size', rc: [5] },
    { path: [], keyword: 'vrrp_sync_group {\n}', rc: [5] },
    { path: ['global_defs'], keyword: 'smtp_helo_name', rc: [0] },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'hapair-empty-'));
  try {
    for (const c of cases) {
      const file = join(dir, 'keepalived.conf');
      writeFileSync(file, configWith(c.path, c.keyword));
      const r = keepalivedTest(file, { interfaces: ['eth0'] });
      assert.ok(c.rc.includes(r.rc), `${[...c.path, c.keyword].join(' > ')}: rc ${r.rc}\n${r.raw}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
