// HAProxy completion with 2.4 as the target: what 2.5 and 2.6 brought (keywords, options, parameters,
// actions, fetches, converters, rules in defaults sections) is not offered; what 2.4 has still is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, type CompletionEntry } from '../../../server/src/features/completion.js';
import type { HaproxyVersion } from '../../../server/src/knowledge/versions.js';
import { atCursors, single } from '../../support/at-cursor.js';

/** The labels offered at the single cursor of a haproxy.cfg, for a target. */
function labels(marked: string, haproxy: HaproxyVersion): string[] {
  const list: CompletionEntry[] = atCursors(single('haproxy.cfg', marked), 'haproxy.cfg', (ctx, [offset]) => complete(ctx, { offset: offset! }), { haproxy });
  return list.map((e) => e.label);
}

/** Offered for 2.6, not for 2.4, with `kept` offered to both. */
function newIn26(marked: string, added: readonly string[], kept: readonly string[]): void {
  const v24 = labels(marked, '2.4');
  const v26 = labels(marked, '2.6');
  for (const a of added) assert.ok(v26.includes(a) && !v24.includes(a), `${a} in ${JSON.stringify(marked)}`);
  for (const k of kept) assert.ok(v26.includes(k) && v24.includes(k), `${k} in ${JSON.stringify(marked)}`);
}

test('2.4: first words of the global section and of proxies', () => {
  newIn26('global\n    ‸\n', ['thread-groups', 'fd-hard-limit', 'httpclient.ssl.verify', 'set-var-fmt'], ['nbthread', 'no-memory-trimming']);
  assert.ok(labels('global\n    ‸\n', '2.4').includes('nbproc') && !labels('global\n    ‸\n', '2.6').includes('nbproc'), 'nbproc is a 2.4 keyword');
  newIn26('frontend fe\n    ‸\n', ['error-log-format'], ['log-format', 'http-request']);
});

test('2.4: no rules or ACLs offered in a defaults section', () => {
  newIn26('defaults base\n    ‸\n', ['http-request', 'acl', 'tcp-request'], ['timeout', 'option', 'mode']);
});

test('2.4: options, bind parameters and actions', () => {
  newIn26('frontend fe\n    option ‸\n', ['httpslog'], ['httplog', 'idle-close-on-response']);
  newIn26('frontend fe\n    bind :80 ‸\n', ['shards', 'thread'], ['process', 'accept-proxy']);
  newIn26('frontend fe\n    http-request ‸\n', ['set-var-fmt', 'sc-inc-gpc'], ['set-var', 'sc-inc-gpc0', 'set-header']);
  newIn26('frontend fe\n    tcp-request content ‸\n', ['set-src', 'set-log-level'], ['set-dst', 'accept']);
});

test('2.4: fetches and converters', () => {
  newIn26('frontend fe\n    http-request set-var(txn.x) ‸\n', ['fc_src', 'http_auth_bearer', 'last_rule_file'], ['src', 'bc_src', 'req.hdr']);
  newIn26('frontend fe\n    http-request set-var(txn.x) src,‸\n', ['jwt_verify', 'be2hex', 'add_item'], ['json_query', 'lower']);
});
