// Rename: the exact range offered, every occurrence edited in every file of the scope, and the names each
// language refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareRename, rename } from '../../../server/src/features/navigation/rename.js';
import { applyEdits } from '../../support/apply-edits.js';
import { featureWorkspace } from '../../support/feature-workspace.js';
import { PAIR, pairWithCursor } from './pair.js';

/** Renames at the cursor of `rel`; returns the changed files' new texts, or the refusal. */
function renamed(files: Record<string, string>, rel: string, newName: string): Record<string, string> | string {
  const w = featureWorkspace(files);
  try {
    const answer = rename(w.ctx(rel), w.marks(rel)[0]!, newName);
    if ('error' in answer) return answer.error;
    return Object.fromEntries(answer.map(({ file, edits }) => [file.uri.slice(w.root.length + 1), applyEdits(file.text, edits)]));
  } finally {
    w.dispose();
  }
}

function prepared(files: Record<string, string>, rel: string): string {
  const w = featureWorkspace(files);
  try {
    const ctx = w.ctx(rel);
    const answer = prepareRename(ctx, w.marks(rel)[0]!);
    return 'error' in answer ? `error: ${answer.error}` : `${ctx.file.text.slice(answer.span.start, answer.span.end)} (${answer.placeholder})`;
  } finally {
    w.dispose();
  }
}

const CFG = `frontend fe
    bind :80
    acl is_api path_beg /api
    http-request deny if !is_a‸pi
    use_backend be_api if is_api
    http-request set-var(txn.n) nbsrv(be_api)
    default_backend be_api

backend be_api
    server s1 192.0.2.1:80

backend be_other
    server s1 192.0.2.2:80
`;

test('prepareRename offers the name itself: no `!`, no function around it', () => {
  assert.equal(prepared({ 'haproxy.cfg': CFG }, 'haproxy.cfg'), 'is_api (is_api)');
  assert.equal(prepared({ 'haproxy.cfg': CFG.replace('is_a‸pi', 'is_api').replace('nbsrv(be_api)', 'nbsrv(be‸_api)') }, 'haproxy.cfg'), 'be_api (be_api)');
  assert.match(prepared({ 'haproxy.cfg': CFG.replace('is_a‸pi', 'is_api').replace('bind :80', 'bi‸nd :80') }, 'haproxy.cfg'), /^error: There is no/);
  assert.match(prepared({ 'haproxy.cfg': 'frontend a\n    bind :80\n    http-request deny if !HT‸TP\n' }, 'haproxy.cfg'), /predefined ACL/);
});

test('renaming a backend edits its header and every reference', () => {
  const files = { 'haproxy.cfg': CFG.replace('is_a‸pi', 'is_api').replace('\nbackend be_api', '\nbackend be_a‸pi') };
  const out = renamed(files, 'haproxy.cfg', 'be_rest');
  assert.equal(typeof out, 'object');
  const text = (out as Record<string, string>)['haproxy.cfg']!;
  assert.equal((text.match(/be_rest/g) ?? []).length, 4);
  assert.ok(!text.includes('be_api'));
  assert.ok(text.includes('nbsrv(be_rest)') && text.includes('backend be_rest\n'));
});

test('renaming an ACL keeps the negation', () => {
  const out = renamed({ 'haproxy.cfg': CFG }, 'haproxy.cfg', 'is_rest') as Record<string, string>;
  assert.match(out['haproxy.cfg']!, /acl is_rest path_beg \/api\n    http-request deny if !is_rest\n    use_backend be_api if is_rest\n/);
});

test('a name inside a larger quoted word is found but not renamed', () => {
  const quoted = { 'haproxy.cfg': CFG.replace('use_backend be_api if is_api', 'use_backend be_api if "!is_api"') };
  assert.match(renamed(quoted, 'haproxy.cfg', 'is_rest') as string, /haproxy\.cfg:5 writes the acl inside a quoted word/);
  const atQuoted = { 'haproxy.cfg': quoted['haproxy.cfg'].replace('is_a‸pi', 'is_api').replace('"!is_api"', '"!is_a‸pi"') };
  assert.match(prepared(atQuoted, 'haproxy.cfg'), /quoted word/);
  // A quoted word that is just the name is replaced whole.
  const plain = { 'haproxy.cfg': CFG.replace('default_backend be_api', 'default_backend "be_api"').replace('is_a‸pi', 'is_api').replace('\nbackend be_api', '\nbackend be_a‸pi') };
  assert.match((renamed(plain, 'haproxy.cfg', 'be_x') as Record<string, string>)['haproxy.cfg']!, /default_backend be_x\n/);
});

test('HAProxy refuses names with other characters, and a name already taken', () => {
  const files = { 'haproxy.cfg': CFG.replace('is_a‸pi', 'is_api').replace('\nbackend be_api', '\nbackend be_a‸pi') };
  assert.match(renamed(files, 'haproxy.cfg', 'be api') as string, /not a valid HAProxy name/);
  assert.match(renamed(files, 'haproxy.cfg', 'be/api') as string, /not a valid HAProxy name/);
  assert.match(renamed(files, 'haproxy.cfg', 'be_other') as string, /a backend named 'be_other' already exists/);
  // A server name is taken only within its own backend.
  const servers = { 'haproxy.cfg': CFG.replace('is_a‸pi', 'is_api').replace('server s1 192.0.2.1', 'server s‸1 192.0.2.1') };
  assert.equal(Object.keys(renamed(servers, 'haproxy.cfg', 's2') as object).length, 1);
});

test("renaming lb2's vrrp_script edits lb2 only", () => {
  const out = renamed(pairWithCursor('lb2/keepalived.conf', 'chk_haproxy', 1), 'lb2/keepalived.conf', 'chk_proxy') as Record<string, string>;
  assert.deepEqual(Object.keys(out), ['lb2/keepalived.conf']);
  assert.equal((out['lb2/keepalived.conf']!.match(/chk_proxy/g) ?? []).length, 2);
});

test('renaming an instance renames the peer’s instance of the same virtual router too', () => {
  const out = renamed(pairWithCursor('lb1/keepalived.conf', 'VI_API', 1), 'lb1/keepalived.conf', 'VI_K8S') as Record<string, string>;
  assert.deepEqual(Object.keys(out).sort(), ['lb1/keepalived.conf', 'lb2/keepalived.conf']);
  for (const text of Object.values(out)) assert.ok(text.includes('vrrp_instance VI_K8S {') && text.includes('        VI_K8S\n') && !text.includes('VI_API'));
});

test('keepalived refuses names that would split or comment out', () => {
  const files = pairWithCursor('lb1/keepalived.conf', 'chk_haproxy', 1);
  for (const bad of ['chk proxy', 'chk#1', 'chk{', '$CHK', '"chk"']) assert.match(renamed(files, 'lb1/keepalived.conf', bad) as string, /not a valid keepalived name/, bad);
});

test('renaming a VIP changes the address everywhere and keeps ports and prefix lengths', () => {
  const out = renamed(pairWithCursor('lb1/haproxy.cfg', '192.0.2.10', 3), 'lb1/haproxy.cfg', '192.0.2.20') as Record<string, string>;
  assert.deepEqual(Object.keys(out).sort(), Object.keys(PAIR).sort());
  for (const rel of ['lb1/haproxy.cfg', 'lb2/haproxy.cfg']) assert.ok(out[rel]!.includes('bind 192.0.2.20:6443\n'), rel);
  for (const rel of ['lb1/keepalived.conf', 'lb2/keepalived.conf']) assert.ok(out[rel]!.includes('192.0.2.20/24 dev eth0\n'), rel);
  const files = pairWithCursor('lb1/keepalived.conf', '192.0.2.10', 3);
  assert.match(renamed(files, 'lb1/keepalived.conf', '2001:db8::10') as string, /not an IPv4 address/);
  assert.match(renamed(files, 'lb1/keepalived.conf', '192.0.2.20/24') as string, /not an IPv4 address/);
  assert.match(renamed(files, 'lb1/keepalived.conf', 'vip.example') as string, /not an IPv4 address/);
});

test('an IPv6 VIP keeps its brackets and port in binds', () => {
  const files = {
    'lb1/keepalived.conf': 'vrrp_instance V6 {\n    state MASTER\n    interface eth0\n    virtual_router_id 7\n    priority 100\n    virtual_ipaddress {\n        2001:db8::‸10/64\n    }\n}\n',
    'lb1/haproxy.cfg': 'frontend web\n    bind [2001:db8::10]:443\n    bind ipv6@2001:0db8::10:80\n    default_backend b\n\nbackend b\n    server s [2001:db8::1]:80\n',
  };
  const out = renamed(files, 'lb1/keepalived.conf', '2001:db8::20') as Record<string, string>;
  assert.ok(out['lb1/keepalived.conf']!.includes('2001:db8::20/64'));
  assert.ok(out['lb1/haproxy.cfg']!.includes('bind [2001:db8::20]:443\n    bind ipv6@2001:db8::20:80\n'), out['lb1/haproxy.cfg']);
});
