// Workspace symbols: sections and named keepalived blocks of every file, matched loosely and best first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { matchScore, workspaceSymbols } from '../../../server/src/features/navigation/workspace-symbols.js';
import { featureWorkspace } from '../../support/feature-workspace.js';
import type { AnalysisResult } from '../../../server/src/analysis/analyze.js';
import { MemoryFileSystem } from '../../fuzz/memfs.js';
import { analysedOn } from '../../support/analysed.js';
import { prng } from '../../../bench/lib/prng.js';
import { PAIR } from './pair.js';

test('matching: whole name, prefix, substring, scattered letters, ignoring case', () => {
  assert.deepEqual(['api', 'api_v2', 'k8s-api', 'a_p_i', 'web'].map((n) => matchScore(n, 'API')), [4, 3, 2, 1, 0]);
  assert.equal(matchScore('anything', ''), 1);
});

test('finds sections and instances in every node, with their kind and place', () => {
  const w = featureWorkspace(PAIR);
  try {
    const found = workspaceSymbols(w.ctx('lb1/haproxy.cfg').analysis, 'api').map((s) => `${s.container} ${s.icon} ${w.show(s.file, s.span)}`);
    assert.deepEqual(found.sort(), [
      'backend Class lb1/haproxy.cfg:5 api',
      'backend Class lb2/haproxy.cfg:5 api',
      'frontend Interface lb1/haproxy.cfg:1 api',
      'frontend Interface lb2/haproxy.cfg:1 api',
      'vrrp_instance Class lb1/keepalived.conf:11 VI_API',
      'vrrp_instance Class lb2/keepalived.conf:11 VI_API',
    ]);
    const scripts = workspaceSymbols(w.ctx('lb1/haproxy.cfg').analysis, 'chkhap').map((s) => `${s.container} ${s.icon} ${s.name}`);
    assert.deepEqual(scripts, ['vrrp_script Function chk_haproxy', 'vrrp_script Function chk_haproxy']);
  } finally {
    w.dispose();
  }
});

/**
 * `files` (relative to /w) discovered, and an Analyzer that has run once over them; edits go through `fs`. The
 * `standalone` keepalived files are checked on their own too, as files named on the command line are.
 */
function analysed(files: Record<string, string>, standalone: readonly string[] = []) {
  const disk = new MemoryFileSystem(Object.entries(files).map(([rel, text]) => ({ path: `/w/${rel}`, text })));
  return analysedOn(disk, standalone.map((rel) => ({ path: `/w/${rel}`, language: 'keepalived' as const })));
}

test('best matches first, then by name, equal names in the workspace\'s order; a limit keeps the best, as a stable sort of every match would', () => {
  // Random backend names over three files, among them names that tie; every query and limit must give what a sort of
  // every match gives (the answer keeps only the best ones, without sorting them all).
  const random = prng(20261123);
  const word = () => Array.from({ length: 1 + Math.floor(random() * 5) }, () => 'abci_'[Math.floor(random() * 5)]).join('');
  const names = ['api', 'api', 'apix', 'x_api', ...Array.from({ length: 150 }, word)];
  const files: Record<string, string> = {};
  names.forEach((name, i) => (files[`lb${i % 3}/haproxy.cfg`] = `${files[`lb${i % 3}/haproxy.cfg`] ?? ''}backend ${name}\n    server s 192.0.2.1:80\n`));
  const { first } = analysed(files);
  // Every section where the analysis holds it, file by file: equal names keep this order (a stable sort's).
  const sections = [...first.haproxy.values()].flatMap((m) => m.syntax.sections.map((section) => `${m.syntax.file.uri}:${section.name!.start} ${section.name!.value}`));
  const nameOf = (place: string) => place.slice(place.indexOf(' ') + 1);
  // In this order, queries extend the one before ('a', 'API') or do not ('ap' after 'api', 'ab'): only the first
  // kind may be answered from the last request's matches.
  for (const query of ['', 'a', 'API', 'ap', 'ab', 'a', 'i_', 'ca', 'zz']) {
    const ranked = sections
      .map((place) => ({ place, name: nameOf(place), score: matchScore(nameOf(place), query) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const limit of [0, 1, 3, 10, 40, 1000]) {
      const found = workspaceSymbols(first, query, limit).map((s) => `${s.file.uri}:${s.span.start} ${s.name}`);
      assert.deepEqual(found, ranked.slice(0, limit).map((x) => x.place), `query ${JSON.stringify(query)}, limit ${limit}`);
    }
  }
});

test('a block several models hold is listed once: a file checked per config-id, a file two keepalived files include and also checked on its own', () => {
  const instance = (name: string, vrid: number, id = '') => `${id}vrrp_instance ${name} {\n${id}    interface eth0\n${id}    virtual_router_id ${vrid}\n${id}}\n`;
  const { first } = analysed({
    // One file for two nodes: VI_BOTH is in both nodes' models, VI_TWO only in lb2's.
    'nodes/keepalived.conf': `include /w/common/scripts.inc\n${instance('VI_BOTH', 51)}${instance('VI_TWO', 52, '@lb2 ')}${instance('VI_ONE', 53, '@lb1 ')}`,
    'lb3/keepalived.conf': `include /w/common/scripts.inc\n${instance('VI_THREE', 54)}`,
    'common/scripts.inc': 'vrrp_script chk_shared {\n    script "/bin/true"\n}\n',
  }, ['common/scripts.inc']);
  assert.ok(first.keepalived.has('/w/common/scripts.inc'), 'the included file is checked on its own too');
  assert.ok(first.keepalived.get('/w/nodes/keepalived.conf')!.length === 2, 'checked once per config-id');
  const listed = (query: string) => workspaceSymbols(first, query).map((s) => `${s.file.uri} ${s.name}`).sort();
  assert.deepEqual(listed('vi_'), ['/w/lb3/keepalived.conf VI_THREE', '/w/nodes/keepalived.conf VI_BOTH', '/w/nodes/keepalived.conf VI_ONE', '/w/nodes/keepalived.conf VI_TWO']);
  assert.deepEqual(listed('chk'), ['/w/common/scripts.inc chk_shared']);
});

test('after edits that move blocks and sections, symbols point where they are now, in the edited file and the others', () => {
  const keepalived = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n';
  const haproxy = 'frontend fe_api\n    bind 192.0.2.10:6443\n    default_backend be_api\nbackend be_api\n    server s 192.0.2.21:6443\n';
  const { fs, ws, analyzer, first } = analysed({ 'lb1/keepalived.conf': keepalived, 'lb2/keepalived.conf': keepalived, 'lb1/haproxy.cfg': haproxy });
  const at = (r: AnalysisResult, query: string) => workspaceSymbols(r, query).map((s) => `${s.file.uri}:${s.span.start}-${s.span.end} ${s.file.text.slice(s.span.start, s.span.end)}`).sort();
  assert.deepEqual(at(first, 'VI_1'), ['/w/lb1/keepalived.conf:14-18 VI_1', '/w/lb2/keepalived.conf:14-18 VI_1']);
  let result = first;
  for (let i = 1; i <= 3; i++) {
    fs.setOpen('/w/lb1/keepalived.conf', `${'# note\n'.repeat(i)}${keepalived}`);
    fs.setOpen('/w/lb1/haproxy.cfg', `${'# note\n'.repeat(i)}${haproxy}`);
    const before = result;
    result = analyzer.run(ws);
    assert.equal(result.patchOf?.serial, before.serial, 'the edits are patched in');
    const moved = 7 * i;
    assert.deepEqual(at(result, 'VI_1'), [`/w/lb1/keepalived.conf:${14 + moved}-${18 + moved} VI_1`, '/w/lb2/keepalived.conf:14-18 VI_1']);
    const backend = haproxy.indexOf('\nbackend be_api') + '\nbackend '.length;
    assert.deepEqual(at(result, 'be_api'), [`/w/lb1/haproxy.cfg:${moved + backend}-${moved + backend + 6} be_api`]);
  }
  // A block typed in: the next request is over a new analysis, though its query extends the last one.
  assert.deepEqual(workspaceSymbols(result, 'vi').length, 2);
  fs.setOpen('/w/lb2/keepalived.conf', keepalived + keepalived.replace('VI_1', 'VI_2').replace('51', '52'));
  result = analyzer.run(ws);
  assert.deepEqual(workspaceSymbols(result, 'vi_').map((s) => s.name), ['VI_1', 'VI_1', 'VI_2']);
});

test('an analysis searched is not kept alive by the search once the server has moved on', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const files = { 'lb1/haproxy.cfg': 'backend api\n    server s 192.0.2.1:80\n' };
  const searched = (() => {
    const { first } = analysed(files);
    assert.equal(workspaceSymbols(first, 'api').length, 1);
    return new WeakRef(first);
  })();
  // The server moves on to later analyses, with no search in them (the user has stopped searching).
  await new Promise((r) => setImmediate(r));
  gc();
  assert.equal(searched.deref(), undefined);
});
