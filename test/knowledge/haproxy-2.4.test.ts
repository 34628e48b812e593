// HAProxy 2.4 as a target: keywords 2.5 and 2.6 brought are too new for it (with the release that brought
// them), keywords it still had and 2.5 dropped are known, its maintenance releases' backports are known, and
// rules in defaults sections (a 2.5 feature) are misplaced there. No 2.4 binary is at hand: the data comes
// from HAProxy's CHANGELOG and the 2.4.17 manual (see the supplement's notes), so these are examples of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  lookupAction,
  lookupBindParam,
  lookupOption,
  lookupSection,
  lookupSectionKeyword,
  lookupServerParam,
  type Verdict,
} from '../../server/src/knowledge/haproxy/lookup.js';
import { availability, converter, fetch, sectionKeywords, versionsWith } from '../../server/src/knowledge/haproxy/catalog.js';
import { haproxyManualUrl } from '../../server/src/knowledge/haproxy/manual.js';
import { normalizeSettings } from '../../server/src/analysis/settings.js';
import { HAPROXY_VERSIONS } from '../../server/src/knowledge/versions.js';
import { evalCondition } from '../../server/src/rules/haproxy/conditions.js';

const KNOWN: Verdict = { kind: 'known', deprecated: false };
const tooNew = (since: string): Verdict => ({ kind: 'too-new', since, exact: true });

test('2.4 is a target, the oldest one', () => {
  assert.equal(HAPROXY_VERSIONS[0], '2.4');
  const { settings, problems } = normalizeSettings({ versions: { haproxy: '2.4' } });
  assert.equal(settings.versions.haproxy, '2.4');
  assert.deepEqual(problems, []);
});

test('section keywords and options 2.5/2.6 brought are too new for 2.4 and known to 2.6', () => {
  const cases: [string, string, string][] = [
    ['global', 'thread-groups', '2.5'],
    ['global', 'set-var-fmt', '2.5'],
    ['global', 'tune.ssl.capture-buffer-size', '2.5'],
    ['global', 'fd-hard-limit', '2.6'],
    ['global', 'httpclient.ssl.verify', '2.6'],
    ['global', 'ssl-provider', '2.6'],
    ['frontend', 'error-log-format', '2.5'],
  ];
  for (const [section, keyword, since] of cases) {
    assert.deepEqual(lookupSectionKeyword(section, keyword, '2.4'), tooNew(since), keyword);
    assert.deepEqual(lookupSectionKeyword(section, keyword, '2.6'), KNOWN, keyword);
  }
  assert.deepEqual(lookupOption('frontend', 'httpslog', '2.4'), tooNew('2.5'));
  assert.deepEqual(lookupOption('backend', 'http-restrict-req-hdr-names', '2.4'), tooNew('2.6'));
  assert.deepEqual(lookupOption('backend', 'http-restrict-req-hdr-names', '2.6'), KNOWN);
});

test('bind parameters and rule actions 2.5/2.6 brought are too new for 2.4', () => {
  assert.deepEqual(lookupBindParam('shards', '2.4').verdict, tooNew('2.5'));
  assert.deepEqual(lookupBindParam('thread', '2.4').verdict, tooNew('2.5'));
  assert.deepEqual(lookupBindParam('shards', '2.6').verdict, KNOWN);
  assert.deepEqual(lookupBindParam('process', '2.4').verdict.kind, 'known');
  const actions: [string, string, string][] = [
    ['http-request', 'set-var-fmt(txn.x)', '2.5'],
    ['http-request', 'sc-inc-gpc(0,1)', '2.5'],
    ['http-after-response', 'capture', '2.6'],
    ['tcp-request content', 'set-src', '2.5'],
    ['tcp-request content', 'set-log-level', '2.5'],
    ['tcp-request connection', 'set-var(sess.x)', '2.5'],
    ['tcp-response content', 'set-mark', '2.5'],
  ];
  for (const [ruleset, name, since] of actions) {
    assert.deepEqual(lookupAction(ruleset, name, '2.4'), tooNew(since), `${ruleset} ${name}`);
    assert.deepEqual(lookupAction(ruleset, name, '2.6'), KNOWN, `${ruleset} ${name}`);
  }
  // The older forms of the same families stay known.
  assert.deepEqual(lookupAction('http-request', 'sc-inc-gpc0(1)', '2.4'), KNOWN);
  assert.deepEqual(lookupAction('http-request', 'set-var(txn.x)', '2.4'), KNOWN);
  assert.deepEqual(lookupAction('tcp-request content', 'set-dst', '2.4'), KNOWN);
});

test('fetches and converters 2.5/2.6 brought are not available to 2.4', () => {
  for (const name of ['fc_src', 'fc_err', 'bc_err_str', 'http_auth_bearer', 'ssl_fc_err', 'sc_get_gpc', 'last_rule_file']) {
    assert.equal(availability(fetch(name)!, '2.4'), 'too-new', name);
    assert.equal(availability(fetch(name)!, '2.6'), 'yes', name);
  }
  for (const name of ['jwt_verify', 'be2hex', 'add_item', 'table_gpc']) {
    assert.equal(availability(converter(name)!, '2.4'), 'too-new', name);
    assert.equal(availability(converter(name)!, '2.6'), 'yes', name);
  }
  for (const name of ['bc_src', 'src', 'be_server_timeout']) assert.equal(availability(fetch(name)!, '2.4'), 'yes', name);
  for (const name of ['json_query', 'xxh3', 'nbsrv', 'srv_queue']) assert.equal(availability(converter(name)!, '2.4'), 'yes', name);
  assert.deepEqual(versionsWith(converter('jwt_verify')!), ['2.6', '2.8', '3.0', '3.2']);
});

test('what 2.4 still had and 2.5 dropped is known to 2.4 and removed for 2.6', () => {
  assert.deepEqual(lookupSectionKeyword('global', 'nbproc', '2.4'), KNOWN);
  assert.deepEqual(lookupSectionKeyword('global', 'tune.chksize', '2.4'), KNOWN);
  assert.deepEqual(lookupSectionKeyword('global', 'tune.chksize', '2.6'), { kind: 'removed', removedIn: '2.5' });
  assert.deepEqual(lookupSectionKeyword('frontend', 'grace', '2.4'), KNOWN);
  assert.deepEqual(lookupSectionKeyword('frontend', 'grace', '2.6'), { kind: 'removed', removedIn: '2.5' });
  assert.deepEqual(lookupSectionKeyword('global', 'grace', '2.4'), tooNew('2.5'), 'grace moved to the global section in 2.5');
  for (const option of ['forceclose', 'http-tunnel']) {
    assert.deepEqual(lookupOption('listen', option, '2.4'), { kind: 'known', deprecated: true }, option);
    assert.deepEqual(lookupOption('listen', option, '2.6'), { kind: 'removed', removedIn: '2.5' }, option);
  }
  assert.deepEqual(lookupOption('listen', 'http_proxy', '2.4'), KNOWN);
});

test("2.4's maintenance backports are known to it", () => {
  assert.deepEqual(lookupSectionKeyword('global', 'no-memory-trimming', '2.4'), KNOWN);
  assert.deepEqual(lookupSectionKeyword('global', 'h2-workaround-bogus-websocket-clients', '2.4'), KNOWN);
  assert.deepEqual(lookupOption('frontend', 'idle-close-on-response', '2.4'), KNOWN);
  assert.deepEqual(lookupServerParam('ws', '2.4').verdict, KNOWN);
});

test('rules and ACLs in defaults sections: misplaced for 2.4, named sections only from 2.5 on', () => {
  const misplaced: Verdict = { kind: 'wrong-section', belongsIn: ['frontend', 'backend', 'listen'] };
  assert.deepEqual(lookupSectionKeyword('defaults', 'http-request', '2.4', true), misplaced);
  assert.deepEqual(lookupSectionKeyword('defaults', 'acl', '2.4', false), misplaced);
  assert.deepEqual(lookupSectionKeyword('defaults', 'tcp-request', '2.4'), misplaced);
  assert.deepEqual(lookupSectionKeyword('defaults', 'http-request', '2.6', true), KNOWN);
  assert.equal(lookupSectionKeyword('defaults', 'http-request', '2.6', false).kind, 'anonymous-defaults');
  const names = (target: '2.4' | '2.6') => sectionKeywords('defaults', true, target).map((i) => i.name);
  assert.ok(!names('2.4').includes('http-request') && names('2.6').includes('http-request'));
  assert.ok(names('2.4').includes('timeout'));
});

test('what the 2.6 binary lacks is too new for 2.4 as well, even where the later release is uncertain', () => {
  assert.deepEqual(lookupSection('crt-store', '2.4'), { kind: 'too-new', since: '3.2', exact: false });
  assert.deepEqual(lookupSectionKeyword('global', 'tune.lua.bool-sample-conversion', '2.4'), { kind: 'too-new', since: '3.2', exact: false });
  assert.equal(lookupSectionKeyword('global', 'tune.lua.bool-sample-conversion', '2.8').kind, 'unverifiable');
  assert.deepEqual(lookupSectionKeyword('global', 'tune.h2.fe.max-total-streams', '2.4'), tooNew('2.8'));
  // The 2.4 lists are not proven complete: a word near no keyword is left open, a typo is still one.
  assert.equal(lookupSectionKeyword('global', 'some-2.4-only-thing', '2.4').kind, 'unverifiable');
  assert.deepEqual(lookupSectionKeyword('global', 'maxconnn', '2.4'), { kind: 'unknown', suggestion: 'maxconn' });
});

test('.if version tests under 2.4: 2.5 features are off, a 2.4 patch level is open', () => {
  assert.equal(evalCondition('version_atleast(2.5)', '2.4'), false);
  assert.equal(evalCondition('version_before(2.5)', '2.4'), true);
  assert.equal(evalCondition('version_atleast(2.4)', '2.4'), true);
  assert.equal(evalCondition('version_atleast(2.4.5)', '2.4'), undefined);
});

test('2.4 manual links: actions under their rule set, as in 2.6', () => {
  assert.equal(haproxyManualUrl({ kind: 'action', ruleset: 'http-request', name: 'set-header' }, '2.4'), 'https://docs.haproxy.org/2.4/configuration.html#4.2-http-request');
  assert.equal(haproxyManualUrl({ kind: 'action', ruleset: 'http-request', name: 'set-header' }, '2.8'), 'https://docs.haproxy.org/2.8/configuration.html#4.4-set-header');
});
