// Navigation inside one HAProxy file: section names (backends, userlists, resolvers, peers, rings, caches…) per
// file, ACLs and servers per proxy section. Each case puts the cursor (‸) on a name and lists what it finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definitions, highlights, references } from '../../../server/src/features/navigation/navigate.js';
import { featureWorkspace } from '../../support/feature-workspace.js';

/** Definitions and references (declaration included) of the name at the single cursor of a haproxy.cfg. */
function lookup(marked: string) {
  const w = featureWorkspace({ 'haproxy.cfg': marked });
  try {
    const ctx = w.ctx('haproxy.cfg');
    const [offset] = w.marks('haproxy.cfg');
    return {
      definitions: definitions(ctx, offset!).map((o) => w.show(o.file, o.span)),
      references: references(ctx, offset!, true).map((o) => w.show(o.file, o.span)),
      uses: references(ctx, offset!, false).map((o) => w.show(o.file, o.span)),
      highlights: highlights(ctx, offset!).map((h) => `${ctx.file.lines().lineOf(h.span.start) + 1}:${h.write ? 'write' : 'read'}`),
    };
  } finally {
    w.dispose();
  }
}

const BACKENDS = `frontend fe
    bind :80
    acl is_api path_beg /api
    use_backend be_a‸pi if is_api
    http-request set-var(txn.n) nbsrv(be_api)
    http-request track-sc0 src table be_api
    acl api_up srv_is_up(be_api/s1)
    default_backend be_web

backend be_api
    stick-table type ip size 1k
    server s1 192.0.2.1:80

listen be_web
    bind :8080
    server s1 192.0.2.2:80
`;

test('a use_backend leads to its backend; references cover routing, fetch arguments and table names', () => {
  const r = lookup(BACKENDS);
  assert.deepEqual(r.definitions, ['haproxy.cfg:10 be_api']);
  assert.deepEqual(r.references, ['haproxy.cfg:4 be_api', 'haproxy.cfg:5 be_api', 'haproxy.cfg:6 be_api', 'haproxy.cfg:7 be_api', 'haproxy.cfg:10 be_api']);
  assert.deepEqual(r.uses.length, 4);
  assert.deepEqual(r.highlights, ['4:read', '5:read', '6:read', '7:read', '10:write']);
});

test('a listen section is a backend', () => {
  const r = lookup(BACKENDS.replace('default_backend be_web', 'default_backend be_w‸eb').replace('be_a‸pi', 'be_api'));
  assert.deepEqual(r.definitions, ['haproxy.cfg:14 be_web']);
  assert.deepEqual(r.references, ['haproxy.cfg:8 be_web', 'haproxy.cfg:14 be_web']);
});

test('from a backend header, its references', () => {
  const r = lookup(BACKENDS.replace('be_a‸pi', 'be_api').replace('\nbackend be_api', '\nbackend ‸be_api'));
  assert.deepEqual(r.definitions, ['haproxy.cfg:10 be_api']);
  assert.equal(r.references.length, 5);
});

test('the server part of srv_is_up(backend/server) leads to that backend’s server, not to a namesake elsewhere', () => {
  const r = lookup(BACKENDS.replace('be_a‸pi', 'be_api').replace('srv_is_up(be_api/s1)', 'srv_is_up(be_api/s‸1)'));
  assert.deepEqual(r.definitions, ['haproxy.cfg:12 s1']);
  assert.deepEqual(r.references, ['haproxy.cfg:7 s1', 'haproxy.cfg:12 s1']);
});

test('ACLs belong to their proxy: repeated acl lines are all definitions, a namesake in another frontend is not', () => {
  const r = lookup(`frontend a
    bind :80
    acl is_api path_beg /api
    acl is_api path_beg /v1
    http-request deny if !is_a‸pi
    use_backend b if is_api { src 10.0.0.0/8 }

frontend c
    bind :81
    acl is_api path_beg /other
    http-request deny if is_api

backend b
    server s 192.0.2.1:80
`);
  assert.deepEqual(r.definitions, ['haproxy.cfg:3 is_api', 'haproxy.cfg:4 is_api']);
  assert.deepEqual(r.uses, ['haproxy.cfg:5 is_api', 'haproxy.cfg:6 is_api']);
  assert.deepEqual(r.highlights, ['3:write', '4:write', '5:read', '6:read']);
});

test('predefined ACLs have no definition', () => {
  const r = lookup('frontend a\n    bind :80\n    http-request deny if HTT‸P\n');
  assert.deepEqual(r.definitions, []);
  assert.deepEqual(r.references, ['haproxy.cfg:3 HTTP']);
});

test('userlists from http_auth and http_auth_group, resolvers from server lines, peers from stick tables', () => {
  const cfg = (cursorOn: string) =>
    `userlist admins
    user alice insecure-password x

resolvers dns
    nameserver ns1 192.0.2.53:53

peers mesh
    peer lb1 192.0.2.11:1024

backend b
    stick-table type ip size 1k peers mesh
    acl auth http_auth(admins)
    acl ops http_auth_group(admins) ops
    http-request auth if !auth
    server s1 app.example:80 resolvers dns check
`.replace(cursorOn, cursorOn.replace(/^(\w)/, '$1‸'));
  assert.deepEqual(lookup(cfg('(admins)')).definitions, []);
  const users = lookup(cfg('admins)'));
  assert.deepEqual(users.definitions, ['haproxy.cfg:1 admins']);
  assert.deepEqual(users.references, ['haproxy.cfg:1 admins', 'haproxy.cfg:12 admins', 'haproxy.cfg:13 admins']);
  assert.deepEqual(lookup(cfg('dns check')).definitions, ['haproxy.cfg:4 dns']);
  assert.deepEqual(lookup(cfg('mesh\n    acl')).definitions, ['haproxy.cfg:7 mesh']);
});

test('rings, caches, http-errors, mailers, named defaults and use-server', () => {
  const cfg = `global
    log ring@buf local0

ring buf
    size 32764

cache c1
    total-max-size 4

http-errors errs
    errorfile 503 /dev/null

defaults base
    mode http
    timeout client 5s
    timeout connect 5s
    timeout server 5s

backend b from base
    filter cache c1
    http-request cache-use c1
    http-response cache-store c1
    errorfiles errs
    use-server s1 if TRUE
    server s1 192.0.2.1:80
`;
  const find = (needle: string, shift = 1) => {
    const at = cfg.indexOf(needle) + shift;
    return lookup(cfg.slice(0, at) + '‸' + cfg.slice(at));
  };
  assert.deepEqual(find('ring@buf', 6).definitions, ['haproxy.cfg:4 buf']);
  assert.deepEqual(find('ring buf', 5).references, ['haproxy.cfg:2 buf', 'haproxy.cfg:4 buf']);
  assert.deepEqual(find('cache c1', 7).references, ['haproxy.cfg:7 c1', 'haproxy.cfg:20 c1', 'haproxy.cfg:21 c1', 'haproxy.cfg:22 c1']);
  assert.deepEqual(find('errorfiles errs', 12).definitions, ['haproxy.cfg:10 errs']);
  assert.deepEqual(find('from base', 6).definitions, ['haproxy.cfg:13 base']);
  assert.deepEqual(find('use-server s1', 12).definitions, ['haproxy.cfg:25 s1']);
});

test('keywords, values and comments are not names', () => {
  for (const marked of ['frontend a\n    bi‸nd :80\n', 'frontend a\n    bind :80\n    timeout client 5‸s\n', '# backend x‸\nbackend x\n']) {
    const r = lookup(marked);
    assert.deepEqual([r.definitions, r.references], [[], []], marked);
  }
});
