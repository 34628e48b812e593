// HAProxy hover: keywords (with our description, arguments, default, versions and the manual link of the
// target version), parameters, fetches and converters, backends and frontends with their routes, ACL names,
// and bind addresses with the VIP they are on in the pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hover, type HoverResult } from '../../../server/src/features/hover.js';
import type { TargetVersions } from '../../../server/src/knowledge/versions.js';
import { atCursors, single } from '../../support/at-cursor.js';
import { SAMPLE_HAPROXY } from '../../support/sample-haproxy.js';

function hoverAt(files: Record<string, string>, rel: string, versions: Partial<TargetVersions> = {}): { h?: HoverResult; text: string } {
  return atCursors(files, rel, (ctx, [offset]) => ({ h: hover(ctx, offset!), text: ctx.file.text }), versions);
}
const md = (marked: string, versions: Partial<TargetVersions> = {}) => hoverAt(single('haproxy.cfg', marked), 'haproxy.cfg', versions).h?.markdown;

const CONFIG = SAMPLE_HAPROXY;
const at = (needle: string, shift = 1) => {
  const i = CONFIG.indexOf(needle);
  if (i < 0) throw new Error(needle);
  return CONFIG.slice(0, i + shift) + '‸' + CONFIG.slice(i + shift);
};

test('a proxy keyword: description, arguments, default, versions, manual link of the target version', () => {
  const h = md(at('balance'), { haproxy: '2.8' })!;
  assert.match(h, /^\*\*balance\*\* · proxy keyword/);
  assert.match(h, /How a server is picked/);
  assert.match(h, /`balance <algorithm> \[<arguments>\]`/);
  assert.match(h, /Default: roundrobin/);
  assert.match(h, /HAProxy 2\.4, 2\.6, 2\.8, 3\.0, 3\.2/);
  assert.match(h, /\(https:\/\/docs\.haproxy\.org\/2\.8\/configuration\.html#4\.2-balance\)/);
});

test('the same word means different things in global and in proxies', () => {
  const global = md(at('maxconn 20000'))!;
  assert.match(global, /whole process/);
  assert.match(global, /#3\.2-maxconn/, 'global maxconn is in the performance chapter');
  const proxy = md(at('maxconn 3000'))!;
  assert.match(proxy, /frontend accepts/);
  assert.match(proxy, /#4\.2-maxconn/);
});

test('option and timeout names, values, parameters', () => {
  assert.match(md(at('httpchk'))!, /#4\.2-option%20httpchk/);
  assert.match(md(at('connect 5s'))!, /^\*\*timeout connect\*\* · timeout[\s\S]*#4\.2-timeout%20connect/);
  assert.match(md(at('leastconn'))!, /^\*\*balance leastconn\*\*[\s\S]*fewest connections/);
  const check = md(at('check inter'))!;
  assert.match(check, /^\*\*check\*\* · server parameter[\s\S]*#5\.2-check/);
  assert.match(md(at('inter 3s'))!, /Default: 2s/);
  assert.equal(md(at('3s')), undefined, 'a parameter\u2019s value is not a keyword');
  assert.match(md(at('send-proxy-v2'))!, /PROXY protocol v2/);
  assert.match(md('frontend f\n    bind :443 ss‸l crt /etc/haproxy/site.pem\n')!, /^\*\*ssl\*\* · bind parameter[\s\S]*#5\.1-ssl/);
});

test('fetches, ACL keywords and converters', () => {
  const fetch = md(at('hdr(host)'))!;
  assert.match(fetch, /^\*\*hdr\*\* · sample fetch/);
  assert.match(fetch, /#7\.3\.6-hdr/);
  const shorthand = md(at('path_beg'))!;
  assert.match(shorthand, /the `path` fetch matched with `-m beg`/);
  assert.match(md(at('ipmask'))!, /^\*\*ipmask\*\* · converter[\s\S]*#7\.3\.1-ipmask/);
  assert.match(md(at('src,ipmask', 2))!, /^\*\*src\*\* · sample fetch/);
  assert.match(md('backend b\n    stick on sr‸c\n')!, /^\*\*src\*\* · sample fetch/);
});

test('an action written with its argument is documented as the action; the argument stays out of the link', () => {
  const h = md('frontend f\n    http-request set-v‸ar(txn.x) str(a)\n', { haproxy: '3.2' })!;
  assert.match(h, /^\*\*http-request set-var\*\* · http-request action\n\nStores the result/);
  assert.match(h, /\(https:\/\/docs\.haproxy\.org\/3\.2\/configuration\.html#4\.4-set-var\)$/);
  // A lone surrogate after the '(' once reached encodeURIComponent, which throws on it (found by the fuzzer).
  const lone = String.fromCharCode(0xd8a8);
  assert.match(md(`frontend f\n    http-request set-var(${lone}‸`)!, /#4\.4-set-var\)$/);
});

test('a keyword without a written description still gets kind, versions and link', () => {
  const h = md('backend b\n    http-send-name-‸header X-Server\n')!;
  assert.match(h, /^\*\*http-send-name-header\*\* · proxy keyword\n\nHAProxy 2\.4, 2\.6, 2\.8, 3\.0, 3\.2 · \[HAProxy 3\.2 manual\]/);
});

test('too-new and deprecated keywords say so for the target', () => {
  assert.match(md('backend b\n    gu‸id my-guid\n', { haproxy: '2.6' })!, /HAProxy 3\.0, 3\.2 · \*\*not in 2\.6\*\* \(your target\)/);
  assert.match(md('backend b\n    transpa‸rent\n')!, /\*\*deprecated\*\*/);
  assert.match(md('frontend f\n    ser‸ver s1 192.0.2.1:80\n')!, /^\*\*server\*\* · proxy keyword[\s\S]*_Not valid in a frontend section: it belongs in backend\/listen\/peers\/ring\._$/);
});

test('backends: servers, balance and the rules routing to them', () => {
  const h = hoverAt(single('haproxy.cfg', at('be_api if')), 'haproxy.cfg').h!;
  assert.match(h.markdown, /^\*\*backend `be_api`\*\* · mode http · balance leastconn/);
  assert.match(h.markdown, /2 servers:\n\n- `api1` 192\.0\.2\.11:8080 · check inter 3s\n- `api2` 192\.0\.2\.12:8080 · check backup/);
  assert.match(h.markdown, /Routed to by frontend `fe_main` \(use_backend if is_api\)/);
  assert.equal(CONFIG.slice(h.span.start, h.span.end), 'be_api');
  assert.match(md(at('backend be_web', 9))!, /Routed to by frontend `fe_main` \(default_backend\)/);
  const frontend = md(at('fe_main'))!;
  assert.match(frontend, /^\*\*frontend `fe_main`\*\* · mode http/);
  assert.match(frontend, /Listens on `:80`/);
  assert.match(frontend, /Routes to `be_api` if is_api; `be_web`/);
});

test('ACL names: their definition lines; undefined and predefined ones', () => {
  const h = md(at('is_api\n    http', 1))!;
  assert.match(h, /^\*\*is_api\*\* · ACL/);
  assert.match(h, /acl is_api path_beg \/api\n    acl is_api hdr\(host\) -m dom api\.example\.com/);
  assert.match(h, /ORed/);
  assert.match(md('frontend f\n    bind :80\n    http-request deny if !nope‸\n')!, /Not defined in this proxy/);
  assert.match(md('frontend f\n    bind :80\n    http-request deny if !LOCAL‸HOST\n')!, /predefined ACL/);
  // A value that is the word `if` is no condition: the ACL is the word after the last one.
  assert.match(md('frontend f\n    bind :80\n    http-request set-header X-Mode "if" if no‸pe\n')!, /Not defined in this proxy/);
  assert.doesNotMatch(md('frontend f\n    bind :80\n    http-request set-header X-Mode "if" i‸f nope\n') ?? '', /Not defined in this proxy/);
});

test('nothing in comments or on unknown words', () => {
  assert.equal(md('backend b\n    # balance ‸roundrobin\n'), undefined);
  assert.equal(md('backend b\n    description some ‸text\n'), undefined);
});

const PAIR = (cfg: string) => ({
  'lb1/keepalived.conf': 'vrrp_instance VI_API {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 110\n    virtual_ipaddress {\n        192.0.2.10/24\n    }\n}\n',
  'lb2/keepalived.conf': 'vrrp_instance VI_API {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        192.0.2.10/24\n    }\n}\n',
  'lb1/haproxy.cfg': cfg,
  'lb2/haproxy.cfg': 'frontend api\n    bind 192.0.2.10:6443\n    default_backend api\n\nbackend api\n    server cp1 198.51.100.11:6443 check\n',
});

test('a bind on a VIP: the instance, the nodes carrying it, the frontends binding it', () => {
  const cfg = 'frontend api\n    bind 192.0.2.1‸0:6443\n    default_backend api\n\nfrontend web\n    bind 192.0.2.10:443\n    default_backend api\n\nbackend api\n    server cp1 198.51.100.11:6443 check\n';
  const { h, text } = hoverAt(PAIR(cfg), 'lb1/haproxy.cfg');
  assert.equal(text.slice(h!.span.start, h!.span.end), '192.0.2.10', 'the span is the address, not the port');
  assert.match(h!.markdown, /^\*\*192\.0\.2\.10\*\* · VIP of vrrp_instance `VI_API` \(VRID 51\)/);
  assert.match(h!.markdown, /Carried by lb1 \(MASTER, priority 110\), lb2 \(BACKUP, priority 100\)/);
  assert.match(h!.markdown, /Bound by frontend `api` \(:6443\) on lb1, lb2; frontend `web` \(:443\) on lb1\./);
});

test('a bind on another address says it is not a VIP', () => {
  const cfg = 'frontend api\n    bind 192.0.2.9‸9:6443\n    default_backend api\n\nbackend api\n    server cp1 198.51.100.11:6443\n';
  const h = hoverAt(PAIR(cfg), 'lb1/haproxy.cfg').h!;
  assert.match(h.markdown, /^\*\*192\.0\.2\.99\*\* · not a VIP of lb1\n\nTheir VIPs are `192\.0\.2\.10`\./);
});
