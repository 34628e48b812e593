// HAProxy completion: each case puts the cursor (‸) somewhere on a line and checks what is offered there, and
// what is not: keywords of the section, the arguments of a keyword, names defined elsewhere in the file, VIPs
// of the node, and only what the target version has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, type CompletionEntry } from '../../../server/src/features/completion.js';
import type { TargetVersions } from '../../../server/src/knowledge/versions.js';
import { atCursors, single } from '../../support/at-cursor.js';
import { SAMPLE_HAPROXY } from '../../support/sample-haproxy.js';

/** The entries offered at the single cursor of a haproxy.cfg. */
function offered(marked: string, versions: Partial<TargetVersions> = {}, trigger?: string): CompletionEntry[] {
  return atCursors(single('haproxy.cfg', marked), 'haproxy.cfg', (ctx, [offset]) => complete(ctx, { offset: offset!, trigger }), versions);
}
const labels = (list: CompletionEntry[]) => list.map((e) => e.label);

/** The sample config with one more section, holding the line to complete. */
const CONFIG = (line: string, section = 'backend be_new') => `${SAMPLE_HAPROXY}\n${section}\n${line}\n`;

test('an empty line offers the keywords of its section, then section headers', () => {
  const inBackend = offered(CONFIG('    ‸'));
  const names = labels(inBackend);
  for (const k of ['balance', 'server', 'option', 'timeout', 'http-request', 'stick-table']) assert.ok(names.includes(k), k);
  assert.ok(!names.includes('bind'), 'bind is not a backend keyword');
  assert.ok(!names.includes('use_backend'), 'use_backend belongs in frontends');
  const backend = inBackend.find((e) => e.label === 'backend')!;
  assert.equal(backend.kind, 'section');
  assert.equal(backend.rank, 2, 'section headers come after the keywords');
  const balance = inBackend.find((e) => e.label === 'balance')!;
  assert.equal(balance.insertText, 'balance ', 'a keyword with values is inserted with a space…');
  assert.equal(balance.retrigger, true, '…and asks for the next list');
  assert.match(balance.documentation!, /How a server is picked/);

  const inFrontend = labels(offered(CONFIG('    ‸', 'frontend fe_other')));
  assert.ok(inFrontend.includes('bind') && inFrontend.includes('use_backend'));
  assert.ok(!inFrontend.includes('server'));

  const inGlobal = labels(offered('global\n    ‸\n'));
  assert.ok(inGlobal.includes('nbthread') && inGlobal.includes('stats') && !inGlobal.includes('balance'));
});

test('the word being typed is replaced whole', () => {
  const text = CONFIG('    bal‸ance roundrobin');
  const [entry] = offered(text).filter((e) => e.label === 'balance');
  const start = text.replace('‸', '').indexOf('balance roundrobin');
  assert.deepEqual(entry!.span, { start, end: start + 'balance'.length });
  assert.equal(entry!.insertText, 'balance', 'no second space before the word that follows');
  assert.equal(entry!.retrigger, false);
});

test('no list for a space typed as indentation, in comments, on directives and templated words', () => {
  assert.deepEqual(offered(CONFIG('    ‸'), {}, ' '), []);
  assert.deepEqual(offered(CONFIG('    # option ‸')), []);
  assert.deepEqual(offered(CONFIG('.if defined(X)\n    .notice ‸\n.endif')), []);
  assert.deepEqual(offered(CONFIG('    balance {{ lb_‸algo }}')), []);
});

test('option names for the section, only negatable ones after "no"', () => {
  const backend = labels(offered(CONFIG('    option ‸')));
  assert.ok(backend.includes('httpchk') && backend.includes('redispatch'));
  assert.ok(!backend.includes('httplog'), 'httplog is a frontend option');
  const frontend = labels(offered(CONFIG('    option ‸', 'frontend fe_other')));
  assert.ok(frontend.includes('httplog') && frontend.includes('forwardfor'));
  const negated = labels(offered(CONFIG('    no option ‸')));
  assert.ok(negated.includes('redispatch'));
  assert.ok(!negated.includes('httpchk'), 'httpchk cannot be negated');
  assert.deepEqual(labels(offered(CONFIG('    no ‸'))), ['log', 'option'], 'option, and the keywords that can be negated');
});

test('timeouts, values and sub-keywords', () => {
  const timeouts = labels(offered(CONFIG('    timeout ‸')));
  assert.ok(timeouts.includes('server') && timeouts.includes('connect') && timeouts.includes('queue'));
  assert.ok(!timeouts.includes('client'), 'timeout client is a frontend setting');
  const balance = offered(CONFIG('    balance ‸'));
  assert.deepEqual(labels(balance).slice(0, 3), ['roundrobin', 'static-rr', 'leastconn']);
  assert.match(balance.find((e) => e.label === 'leastconn')!.documentation!, /fewest connections/);
  assert.deepEqual(labels(offered(CONFIG('    mode ‸'))), ['tcp', 'http']);
  const stats = labels(offered(CONFIG('    stats ‸', 'listen stats')));
  assert.ok(stats.includes('uri') && stats.includes('auth') && stats.includes('enable'));
});

test('rule actions: http-request, then tcp-request rule sets and their actions', () => {
  const http = labels(offered(CONFIG('    http-request ‸')));
  assert.ok(http.includes('set-header') && http.includes('deny') && http.includes('set-var'));
  const sets = offered(CONFIG('    tcp-request ‸', 'frontend fe_other'));
  assert.ok(labels(sets).includes('content') && labels(sets).includes('inspect-delay'));
  assert.equal(sets.find((e) => e.label === 'content')!.insertText, 'content ');
  const content = labels(offered(CONFIG('    tcp-request content ‸', 'frontend fe_other')));
  assert.ok(content.includes('accept') && content.includes('reject'));
});

test('backend names after use_backend and default_backend, with their servers', () => {
  const text = (line: string) => `${CONFIG(line, 'frontend fe_other')}\nlisten stats\n    bind :8404\n    stats enable\n`;
  const list = offered(text('    use_backend ‸'));
  assert.deepEqual(labels(list).sort(), ['be_api', 'be_web', 'stats'], 'backends and listens, not frontends');
  assert.equal(list.find((e) => e.label === 'be_web')!.detail, 'backend · 1 server');
  assert.equal(list.find((e) => e.label === 'stats')!.detail, 'listen · 0 servers');
  assert.deepEqual(labels(offered(text('    default_backend be_‸'))).sort(), ['be_api', 'be_web', 'stats']);
  assert.deepEqual(labels(offered(text('    use_backend be_web ‸'))), ['if', 'unless']);
});

test('ACL names after if/unless, including the predefined ones; "!" stays', () => {
  const text = CONFIG('    acl is_admin src 10.0.0.0/8\n    http-request deny if !‸', 'frontend fe_other');
  const list = offered(text);
  const admin = list.find((e) => e.label === 'is_admin')!;
  assert.ok(admin, 'the proxy\u2019s own ACL');
  assert.match(admin.documentation!, /acl is_admin src 10\.0\.0\.0\/8/);
  assert.ok(!labels(list).includes('is_api'), 'ACLs of other proxies are not visible');
  assert.ok(labels(list).includes('LOCALHOST'));
  const bang = text.replace('‸', '').indexOf('!') + 1;
  assert.deepEqual(admin.span, { start: bang, end: bang });
  // Inside an anonymous ACL, the first word is a fetch.
  assert.ok(labels(offered(CONFIG('    http-request deny if { ‸', 'frontend fe_other'))).includes('src'));
  // A server named `if` starts no condition: what follows is its address and parameters, not ACLs.
  const afterServerIf = labels(offered(CONFIG('    acl is_admin src 10.0.0.0/8\n    server if 192.0.2.10:80 ‸')));
  assert.ok(!afterServerIf.includes('is_admin') && !afterServerIf.includes('LOCALHOST'), afterServerIf.join(' '));
  // An action's argument may be the word itself: the condition starts at the last `if`.
  const afterValueIf = labels(offered(CONFIG('    acl is_admin src 10.0.0.0/8\n    http-request set-header X-Mode "if" if is_a‸', 'frontend fe_other')));
  assert.ok(afterValueIf.includes('is_admin'), afterValueIf.join(' '));
  const beforeCondition = labels(offered(CONFIG('    acl is_admin src 10.0.0.0/8\n    http-request set-header X-Mode if‸ if is_admin', 'frontend fe_other')));
  assert.ok(!beforeCondition.includes('is_admin'), beforeCondition.join(' '));
});

test('fetches after "acl <name>", converters after a comma, and inside %[…]', () => {
  const fetches = labels(offered(CONFIG('    acl is_app ‸', 'frontend fe_other')));
  assert.ok(fetches.includes('hdr') && fetches.includes('req.ssl_sni') && fetches.includes('path_beg'));
  const text = CONFIG('    acl is_app hdr(host),lo‸', 'frontend fe_other');
  const converters = offered(text);
  assert.ok(labels(converters).includes('lower') && !labels(converters).includes('src'));
  const comma = text.replace('‸', '').indexOf('),lo') + 2;
  assert.equal(converters[0]!.span.start, comma, 'only the converter name is replaced');
  assert.ok(labels(offered(CONFIG('    http-request set-header X-Client %[src,‸]'))).includes('ipmask'));
  assert.ok(labels(offered(CONFIG('    http-request set-header X-Client %[‸'))).includes('src'));
  assert.ok(labels(offered(CONFIG('    http-request set-var(txn.host) ‸'))).includes('req.hdr'), 'the value of set-var');
  assert.ok(labels(offered(CONFIG('    stick on ‸'))).includes('src'), 'the key of a stick rule');
  assert.ok(labels(offered(CONFIG('    tcp-request connection track-sc0 ‸', 'frontend fe_other'))).includes('src'), 'the key of track-sc0');
  assert.deepEqual(offered(CONFIG('    acl is_app hdr(ho‸', 'frontend fe_other')), [], 'nothing inside an argument list');
  assert.deepEqual(labels(offered(CONFIG('    acl is_app path -m ‸', 'frontend fe_other'))).slice(0, 3), ['str', 'beg', 'end']);
  assert.ok(labels(offered(CONFIG('    acl is_app path -‸', 'frontend fe_other'))).includes('-i'));
});

test('bind and server parameters, and the values of their arguments', () => {
  const bind = labels(offered(CONFIG('    bind :443 ‸', 'frontend fe_other')));
  assert.ok(bind.includes('ssl') && bind.includes('crt') && bind.includes('accept-proxy'));
  assert.ok(labels(offered(CONFIG('    bind :443 ssl crt /etc/haproxy/cert.pem ‸', 'frontend fe_other'))).includes('alpn'), 'after a parameter and its argument');
  assert.deepEqual(labels(offered(CONFIG('    bind :443 ssl verify ‸', 'frontend fe_other'))), ['none', 'optional', 'required']);
  const server = offered(CONFIG('    server s1 192.0.2.11:80 ‸'));
  assert.ok(labels(server).includes('check') && labels(server).includes('send-proxy-v2') && labels(server).includes('inter'));
  assert.equal(server.find((e) => e.label === 'inter')!.insertText, 'inter ', 'a parameter with an argument gets its space');
  assert.equal(server.find((e) => e.label === 'check')!.insertText, undefined);
  assert.deepEqual(offered(CONFIG('    server s1 192.0.2.11:80 check inter ‸')), [], 'a free value');
  assert.deepEqual(offered(CONFIG('    server s1 ‸')), [], 'the address is typed by hand');
  assert.deepEqual(labels(offered(CONFIG('    server s1 db.example:80 resolvers ‸'))), ['dns']);
  assert.ok(labels(offered(CONFIG('    server s1 db.example:80 init-addr ‸'))).includes('last,libc,none'));
  assert.ok(labels(offered(CONFIG('    default-server ‸'))).includes('fall'));
});

test('the target version decides what is offered', () => {
  const v26 = labels(offered(CONFIG('    ‸'), { haproxy: '2.6' }));
  const v32 = labels(offered(CONFIG('    ‸'), { haproxy: '3.2' }));
  assert.ok(!v26.includes('guid') && v32.includes('guid'), 'guid exists from 3.0 on');
  assert.ok(!v32.includes('reqadd') && !v26.includes('reqadd'), 'removed keywords are never offered');
  const deprecated = offered(CONFIG('    ‸')).find((e) => e.label === 'transparent')!;
  assert.equal(deprecated.deprecated, true);
  assert.equal(deprecated.rank, 1, 'deprecated keywords come after the others');
  const server26 = labels(offered(CONFIG('    server s1 192.0.2.11:80 ‸'), { haproxy: '2.6' }));
  assert.ok(!server26.includes('shard'), 'shard is a 2.8 parameter');
  assert.ok(labels(offered(CONFIG('    server s1 192.0.2.11:80 ‸'), { haproxy: '2.8' })).includes('shard'));
});

test('a defaults section to inherit from after "from"', () => {
  const text = `defaults base\n    mode http\n\nbackend be_x from ‸\n    server s1 192.0.2.1:80\n`;
  assert.deepEqual(labels(offered(text)), ['base']);
});
