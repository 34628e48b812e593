// The keyword questions of knowledge/haproxy/lookup.ts and the `.if` evaluation of rules/haproxy/conditions.ts:
// examples of every answer, then, with Debian's haproxy 2.6.12 installed, the answers checked against the binary:
//  - every first word of every section, in every section: what we call known is never "unknown" to haproxy, and
//    what we report (wrong section, unknown, too new, removed) is refused by it;
//  - proxy keywords outside their sections: refused exactly where REFUSED_IN says (elsewhere haproxy only warns);
//  - options and timeouts in the wrong proxy are only warnings;
//  - rule actions: the lists haproxy prints when it refuses an action are the inventory's lists.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  lookupAction,
  lookupBindParam,
  lookupOption,
  lookupRuleSet,
  lookupSection,
  lookupSectionKeyword,
  lookupServerParam,
  lookupTimeout,
  type Verdict,
} from '../../server/src/knowledge/haproxy/lookup.js';
import { branchActivity, evalCondition } from '../../server/src/rules/haproxy/conditions.js';
import { compareVersions } from '../../server/src/knowledge/versions.js';
import { parseHaproxy } from '../../server/src/syntax/haproxy/parser.js';
import { haproxyCheck, unavailable } from '../support/real-programs.js';

interface Entry {
  since?: string;
  removedIn?: string;
  removed?: boolean;
  build?: string;
  in?: string[];
  namedDefaultsOnly?: boolean;
}
const DATA = JSON.parse(readFileSync(new URL('../../server/src/knowledge/haproxy/keywords.json', import.meta.url), 'utf8')) as {
  haproxyVersion: string;
  sections: Record<string, { keywords: Record<string, Entry> }>;
  proxy: Record<string, Entry>;
  options: Record<string, Entry>;
  timeouts: Record<string, Entry>;
  actions: Record<string, Record<string, Entry>>;
};
/** Entries the 2.6 binary has (and judges the same in every build); 2.5 and 2.6 additions carry their own since. */
const in26 = (e: Entry | undefined) =>
  e !== undefined && (!e.since || compareVersions(e.since, '2.6') <= 0) && (!e.removedIn || compareVersions(e.removedIn, '2.6') > 0) && !e.removed && !e.build;

// ---------------------------------------------------------------- answers, without the binary

test('section keywords: known, misspelt, misplaced, unnamed defaults, too new, removed, build-dependent', () => {
  assert.deepEqual(lookupSectionKeyword('global', 'maxconn', '2.6'), { kind: 'known', deprecated: false });
  assert.deepEqual(lookupSectionKeyword('global', 'maxconnn', '2.6'), { kind: 'unknown', suggestion: 'maxconn' });
  assert.deepEqual(lookupSectionKeyword('frontend', 'nbthread', '2.6'), { kind: 'wrong-section', belongsIn: ['global'] });
  assert.deepEqual(lookupSectionKeyword('frontend', 'server', '2.6'), { kind: 'wrong-section', belongsIn: ['backend', 'listen'] });
  assert.equal(lookupSectionKeyword('frontend', 'balance', '2.6').kind, 'unverifiable', 'haproxy only warns');
  assert.equal(lookupSectionKeyword('defaults', 'http-request', '2.6', false).kind, 'anonymous-defaults');
  assert.equal(lookupSectionKeyword('defaults', 'http-request', '2.6', true).kind, 'known');
  assert.deepEqual(lookupSectionKeyword('global', 'tune.h2.fe.max-total-streams', '2.6'), { kind: 'too-new', since: '2.8', exact: true });
  assert.equal(lookupSectionKeyword('global', 'tune.h2.fe.max-total-streams', '2.8').kind, 'known');
  // Known only from a later dump: absent from the 2.6 binary for sure, undecided for 2.8 and 3.0.
  assert.deepEqual(lookupSectionKeyword('global', 'tune.lua.bool-sample-conversion', '2.6'), { kind: 'too-new', since: '3.2', exact: false });
  assert.equal(lookupSectionKeyword('global', 'tune.lua.bool-sample-conversion', '2.8').kind, 'unverifiable');
  assert.deepEqual(lookupSectionKeyword('global', 'nbproc', '2.6'), { kind: 'removed', removedIn: '2.5' });
  assert.deepEqual(lookupSectionKeyword('backend', 'reqadd', '3.2'), { kind: 'removed', removedIn: '2.1' });
  assert.equal(lookupSectionKeyword('global', 'wurfl-data-file', '2.6').kind, 'unverifiable');
  assert.deepEqual(lookupSectionKeyword('global', 'bind-process', '2.6'), { kind: 'wrong-section', belongsIn: ['defaults', 'frontend', 'backend', 'listen'] });
  assert.equal(lookupSectionKeyword('namespace_list', 'anything', '2.6').kind, 'unverifiable');
  assert.deepEqual(lookupSection('crt-store', '2.6'), { kind: 'too-new', since: '3.2', exact: false });
});

test('for targets whose lists are not proven complete, only typos of known words are unknown', () => {
  assert.deepEqual(lookupSectionKeyword('global', 'stats-fyle', '2.6'), { kind: 'unknown' });
  assert.equal(lookupSectionKeyword('global', 'stats-fyle', '3.2').kind, 'unverifiable');
  assert.deepEqual(lookupSectionKeyword('global', 'maxconnn', '3.2'), { kind: 'unknown', suggestion: 'maxconn' });
});

test('options, timeouts, rule sets, actions, bind and server parameters', () => {
  assert.deepEqual(lookupOption('backend', 'httplogg', '2.6'), { kind: 'unknown', suggestion: 'httplog' });
  assert.equal(lookupOption('backend', 'httplog', '2.6').kind, 'known', 'wrong proxy: haproxy only warns');
  assert.deepEqual(lookupOption('listen', 'forceclose', '2.6'), { kind: 'removed', removedIn: '2.5' });
  assert.equal(lookupOption('program', 'start-on-reload', '2.6').kind, 'known');
  assert.deepEqual(lookupTimeout('defaults', 'servr', '2.6'), { kind: 'unknown', suggestion: 'server' });
  assert.equal(lookupTimeout('frontend', 'server', '2.6').kind, 'known');
  assert.equal(lookupTimeout('resolvers', 'resolve', '2.6').kind, 'known');
  assert.equal(lookupTimeout('ring', 'anything', '2.6').kind, 'unverifiable', "ring's parser ignores unknown timeouts");
  assert.deepEqual(lookupRuleSet('frontend', 'tcp-request', 'conten', '2.6'), { kind: 'unknown', suggestion: 'content' });
  assert.equal(lookupRuleSet('backend', 'tcp-request', 'connection', '2.6')?.kind, 'wrong-section');
  assert.equal(lookupRuleSet('frontend', 'http-check', 'send', '2.6'), undefined);
  assert.equal(lookupAction('http-request', 'set-var(txn.x)', '2.6').kind, 'known');
  assert.equal(lookupAction('http-request', 'sc-inc-gpc0(0)', '2.6').kind, 'known');
  assert.equal(lookupAction('tcp-request content', 'track-sc5', '3.2').kind, 'known', 'counter numbers depend on tune.stick-counters');
  assert.equal(lookupAction('http-request', 'lua.my_action', '2.6').kind, 'unverifiable');
  assert.deepEqual(lookupAction('http-request', 'set-headr', '2.6'), { kind: 'unknown', suggestion: 'set-header' });
  assert.deepEqual(lookupAction('http-request', 'set-bandwidth-limit', '2.6'), { kind: 'too-new', since: '2.8', exact: true });
  assert.deepEqual(lookupBindParam('ssl', '2.6'), { verdict: { kind: 'known', deprecated: false }, args: 0 });
  assert.equal(lookupBindParam('crt', '2.6').args, 1);
  assert.deepEqual(lookupBindParam('sslx', '2.6').verdict, { kind: 'unknown', suggestion: 'ssl' });
  assert.equal(lookupBindParam('quic-cc-algo', '2.6').verdict.kind, 'unverifiable', 'needs a QUIC build');
  assert.equal(lookupServerParam('source', '2.6').args, 'variable');
  assert.deepEqual(lookupServerParam('chek', '2.6').verdict, { kind: 'unknown', suggestion: 'check' });
  assert.equal(lookupServerParam('no-verifyhost', '2.6').verdict.kind, 'unknown', 'documented, but refused by 2.6.12');
  assert.equal(lookupServerParam('no-verifyhost', '3.2').verdict.kind, 'unverifiable');
});

test('.if conditions: version tests decided for the whole branch, machine-dependent ones left open', () => {
  assert.equal(evalCondition('version_atleast(2.8)', '2.6'), false);
  assert.equal(evalCondition('version_atleast(2.8)', '3.2'), true);
  assert.equal(evalCondition('!version_atleast(2.8)', '2.6'), true);
  assert.equal(evalCondition('version_before(3.0)', '2.8'), true);
  assert.equal(evalCondition('version_atleast(2.6)', '2.6'), true);
  assert.equal(evalCondition('version_atleast(2.6-dev1)', '2.6'), true);
  assert.equal(evalCondition('version_atleast(2.6.13)', '2.6'), undefined, 'depends on the patch level');
  assert.equal(evalCondition('version_atleast(3)', '2.6'), false);
  assert.equal(evalCondition('version_atleast(2.6) && version_before(2.7)', '2.6'), true);
  assert.equal(evalCondition('(version_atleast(2.8) || feature(OPENSSL))', '2.6'), undefined);
  assert.equal(evalCondition('version_atleast(2.8) && feature(OPENSSL)', '2.6'), false);
  assert.equal(evalCondition('defined(HOME)', '2.6'), undefined);
  assert.equal(evalCondition('0', '2.6'), false);
  assert.equal(evalCondition('1', '2.6'), true);
  assert.equal(evalCondition('version_atleast(2.8', '2.6'), undefined, 'unbalanced');
  assert.equal(evalCondition('', '2.6'), undefined);
});

test('branch activity follows .if/.elif/.else in order, nested blocks included', () => {
  const text = [
    'global',
    '.if version_atleast(3.0)',
    '  a', // 0.0
    '.elif defined(X)',
    '  b', // 0.1
    '.else',
    '  c', // 0.2
    '  .if version_before(2.8)',
    '    d', // 0.2/1.0
    '  .endif',
    '.endif',
    '',
  ].join('\n');
  const syntax = parseHaproxy({ uri: 'x.cfg', text, lines: () => assert.fail() });
  const at = (w: string) => syntax.sections[0]!.statements.find((s) => s.keyword === w)!.branch;
  const on26 = branchActivity('2.6');
  assert.deepEqual(['a', 'b', 'c', 'd'].map((w) => on26(at(w))), ['off', 'maybe', 'maybe', 'maybe']);
  const on32 = branchActivity('3.2');
  assert.deepEqual(['a', 'b', 'c', 'd'].map((w) => on32(at(w))), ['on', 'off', 'off', 'off']);
  assert.equal(on26(undefined), 'on');
});

// ---------------------------------------------------------------- the binary agrees

function installedVersion(): string | undefined {
  const r = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  return r.status === 0 ? /HAProxy version (\S+)/.exec(r.stdout)?.[1] : undefined;
}
const noBinary = (() => {
  const missing = unavailable('haproxy');
  if (missing) return missing;
  const v = installedVersion();
  return v === DATA.haproxyVersion ? undefined : `SKIPPED: installed haproxy is ${v}, the inventory was checked against ${DATA.haproxyVersion}`;
})();

/**
 * Runs haproxy -c on `header` + lines (one per line) and returns, per line index, its alert messages.
 * Some errors make haproxy stop reading (e.g. a bare `http-after-response`), and it gives up after 50 errors,
 * so lines are sent 40 at a time and the lines after the last one it spoke about are sent again.
 */
function alertsPerLine(dir: string, header: string, lines: readonly string[], trailer = ''): Map<number, string> {
  const file = join(dir, 'probe.cfg');
  const out = new Map<number, string>();
  for (let start = 0; start < lines.length; ) {
    const chunk = lines.slice(start, start + 40);
    writeFileSync(file, `${header}\n${chunk.map((l) => `  ${l}`).join('\n')}\n${trailer}`);
    let last = -1;
    for (const m of haproxyCheck(file, { network: 'host' }).messages) {
      if (m.line === undefined || !m.file?.endsWith('probe.cfg')) continue;
      // After a `peer`/`server` line haproxy prefixes that line's location: "[f:2] : parsing [f:3] : …".
      const inner = /^parsing \[[^\]]*:(\d+)\]/.exec(m.message);
      const i = Number(inner?.[1] ?? m.line) - 2;
      if (i < 0 || i >= chunk.length) continue;
      last = Math.max(last, i);
      if (m.level === 'alert') out.set(start + i, `${out.get(start + i) ?? ''}${m.message} `);
    }
    start += last === -1 || last === chunk.length - 1 ? chunk.length : last + 1;
  }
  return out;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const reported = (v: Verdict) => v.kind !== 'known' && v.kind !== 'unverifiable';

/** Headers that open each section kind of the 2.6 binary. log-forward is left out: its parser stops at the first
 * error, so it needs one run per word (it was swept that way by hand when this was written). */
const HEADERS: Record<string, string> = {
  global: 'global',
  defaults: 'defaults d',
  frontend: 'frontend f',
  backend: 'backend b',
  listen: 'listen l',
  userlist: 'userlist u',
  peers: 'peers p',
  resolvers: 'resolvers r',
  cache: 'cache c',
  mailers: 'mailers m',
  program: 'program p',
  'http-errors': 'http-errors h',
  ring: 'ring r',
  'fcgi-app': 'fcgi-app a',
};

test('every first word in every section: haproxy 2.6 refuses what we report and never calls known words unknown', { skip: noBinary ?? false }, () => {
  const names = new Set<string>();
  for (const s of Object.values(DATA.sections)) for (const [k, e] of Object.entries(s.keywords)) if (!e.build) names.add(k);
  names.delete('quiet'); // in global it silences every later message of the run
  const all = [...names].sort();
  const wrong: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'hapair-lookup-'));
  try {
    for (const [section, header] of Object.entries(HEADERS)) {
      // An argument keeps haproxy 2.6 from printing stray bytes (a bare `acl` does) that swallow the next message.
      const alerts = alertsPerLine(dir, header, all.map((kw) => `${kw} x`));
      all.forEach((kw, j) => {
        const v = lookupSectionKeyword(section, kw, '2.6', true);
        const said = alerts.get(j) ?? '';
        if (reported(v) && said === '') wrong.push(`${section} '${kw}': we report ${v.kind}, haproxy accepts it`);
        if (v.kind === 'known' && new RegExp(`(unknown keyword|unknown statement) '${esc(kw)}'`).test(said)) {
          wrong.push(`${section} '${kw}': known to us, haproxy says: ${said}`);
        }
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(wrong, []);
});

/** A valid line for each proxy keyword that some proxy section refuses or ignores (valid where it belongs). */
const SAMPLES: Record<string, string[]> = {
  acl: ['acl a src 192.0.2.1'],
  backlog: ['backlog 10'],
  balance: ['balance roundrobin'],
  bind: ['bind :8001'],
  capture: ['capture request header Host len 10', 'capture cookie X len 10'],
  'clitcpka-cnt': ['clitcpka-cnt 3'],
  'clitcpka-idle': ['clitcpka-idle 10s'],
  'clitcpka-intvl': ['clitcpka-intvl 10s'],
  cookie: ['cookie SRV insert'],
  declare: ['declare capture request len 10'],
  'default-server': ['default-server check'],
  default_backend: ['default_backend bb'],
  description: ['description hello'],
  dispatch: ['dispatch 192.0.2.1:80'],
  'dynamic-cookie-key': ['dynamic-cookie-key abc'],
  'error-log-format': ['error-log-format %ci'],
  'external-check': ['external-check command /bin/true', 'external-check path /bin'],
  filter: ['filter compression'],
  'force-persist': ['force-persist if TRUE'],
  fullconn: ['fullconn 10'],
  'hash-balance-factor': ['hash-balance-factor 150'],
  'hash-type': ['hash-type consistent'],
  'http-after-response': ['http-after-response set-header a b'],
  'http-check': ['http-check send meth GET'],
  'http-request': ['http-request deny if FALSE'],
  'http-response': ['http-response deny if FALSE'],
  'http-reuse': ['http-reuse safe'],
  'http-send-name-header': ['http-send-name-header X-Srv'],
  id: ['id 12'],
  'ignore-persist': ['ignore-persist if TRUE'],
  'load-server-state-from-file': ['load-server-state-from-file none'],
  'log-format': ['log-format %ci'],
  'log-format-sd': ['log-format-sd %ci'],
  'max-keep-alive-queue': ['max-keep-alive-queue 10'],
  'max-session-srv-conns': ['max-session-srv-conns 10'],
  maxconn: ['maxconn 10'],
  monitor: ['monitor fail if FALSE'],
  'monitor-uri': ['monitor-uri /up'],
  persist: ['persist rdp-cookie'],
  'rate-limit': ['rate-limit sessions 10'],
  redirect: ['redirect location /x if FALSE'],
  retries: ['retries 3'],
  'retry-on': ['retry-on all-retryable-errors'],
  server: ['server s1 192.0.2.1:80'],
  'server-state-file-name': ['server-state-file-name x'],
  'server-template': ['server-template t 2 192.0.2.1:80'],
  source: ['source 192.0.2.1'],
  'srvtcpka-cnt': ['srvtcpka-cnt 3'],
  'srvtcpka-idle': ['srvtcpka-idle 10s'],
  'srvtcpka-intvl': ['srvtcpka-intvl 10s'],
  stick: ['stick on src', 'stick match src', 'stick store-request src'],
  'stick-table': ['stick-table type ip size 1k'],
  'tcp-check': ['tcp-check connect'],
  'tcp-request': ['tcp-request content accept', 'tcp-request connection accept', 'tcp-request session accept', 'tcp-request inspect-delay 1s'],
  'tcp-response': ['tcp-response content accept', 'tcp-response inspect-delay 1s'],
  transparent: ['transparent'],
  'unique-id-format': ['unique-id-format %ci'],
  'unique-id-header': ['unique-id-header X-Id'],
  'use-fcgi-app': ['use-fcgi-app ff'],
  'use-server': ['use-server s1 if TRUE'],
  use_backend: ['use_backend bb if TRUE'],
};
const PROXY_SLOTS = [
  { section: 'defaults', named: false, header: 'defaults' },
  { section: 'defaults', named: true, header: 'defaults dd' },
  { section: 'frontend', named: true, header: 'frontend f' },
  { section: 'backend', named: true, header: 'backend b' },
  { section: 'listen', named: true, header: 'listen l' },
];
const TRAILER = 'backend bb\nfcgi-app ff\n  docroot /\n';

test('proxy keywords outside their sections: haproxy 2.6 refuses exactly the ones we report', { skip: noBinary ?? false }, () => {
  const restricted = Object.entries(DATA.proxy).filter(([, e]) => in26(e) && (e.in!.length < 4 || e.namedDefaultsOnly)).map(([k]) => k);
  assert.deepEqual(restricted.filter((k) => !SAMPLES[k]), [], 'every restricted proxy keyword needs a sample line');
  const lines = Object.values(SAMPLES).flat();
  const wrong: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'hapair-lookup-'));
  try {
    for (const slot of PROXY_SLOTS) {
      const alerts = alertsPerLine(dir, slot.header, lines, TRAILER);
      lines.forEach((line, i) => {
        const [kw, sub] = line.split(' ') as [string, string];
        let v = lookupSectionKeyword(slot.section, kw, '2.6', slot.named);
        if (v.kind === 'known') v = lookupRuleSet(slot.section, kw, sub, '2.6') ?? v;
        const ours = v.kind === 'wrong-section' || v.kind === 'anonymous-defaults';
        const refused = alerts.has(i);
        // `stats` sub-keywords and `capture` arguments are not checked: nothing is reported for them.
        if (ours !== refused) wrong.push(`${slot.header}: '${line}': we ${ours ? 'report it' : 'say nothing'}, haproxy ${refused ? `refuses it: ${alerts.get(i)}` : 'accepts it'}`);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(wrong, []);
});

test('options and timeouts in the wrong proxy are only warnings for haproxy 2.6', { skip: noBinary ?? false }, () => {
  const args: Record<string, string> = { 'pgsql-check': ' user u', 'http-restrict-req-hdr-names': ' preserve' };
  const lines = [
    ...Object.entries(DATA.options).filter(([, e]) => in26(e)).map(([o]) => `option ${o}${args[o] ?? ''}`),
    ...Object.entries(DATA.timeouts).filter(([, e]) => in26(e)).map(([t]) => `timeout ${t} 1s`),
  ];
  const wrong: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'hapair-lookup-'));
  try {
    for (const slot of PROXY_SLOTS.filter((s) => s.named)) {
      const alerts = alertsPerLine(dir, slot.header, lines, TRAILER);
      for (const [i, said] of alerts) wrong.push(`${slot.header}: '${lines[i]}': ${said}`);
      for (const line of lines) {
        const [kw, name] = line.split(' ') as [string, string];
        const v = kw === 'option' ? lookupOption(slot.section, name, '2.6') : lookupTimeout(slot.section, name, '2.6');
        if (v.kind !== 'known') wrong.push(`${slot.header}: '${line}': we say ${v.kind}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(wrong, []);
});

test('rule actions: the names haproxy 2.6 lists when it refuses one are the inventory names', { skip: noBinary ?? false }, () => {
  // The three tcp-request rule sets share one printed list; the binary refuses these in the others.
  const sharedList: Record<string, string[]> = {
    'tcp-request connection': ['capture'],
    'tcp-request session': ['capture', 'expect-netscaler-cip', 'expect-proxy'],
    'tcp-request content': ['expect-netscaler-cip', 'expect-proxy'],
  };
  const wrong: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'hapair-lookup-'));
  try {
    for (const ruleset of Object.keys(DATA.actions)) {
      const header = ruleset.startsWith('tcp-response') ? 'backend b' : 'frontend f';
      const said = [...alertsPerLine(dir, header, [`${ruleset} no-such-action`]).values()].join('');
      const listed = new Set([...said.matchAll(/'([^']+)'/g)].map((m) => m[1]!.replace(/\(\*\)$/, '*')));
      for (const noise of ['no-such-action', ruleset, 'f', 'b']) listed.delete(noise); // the probe and the proxy names
      for (const name of listed) {
        const probe = name.endsWith('*') ? `${name.slice(0, -1)}(x)` : name;
        const known = lookupAction(ruleset, probe, '2.6').kind === 'known';
        if (!known && !sharedList[ruleset]?.includes(name)) wrong.push(`${ruleset} ${name}: haproxy lists it, we do not know it`);
      }
      for (const [name, e] of Object.entries(DATA.actions[ruleset]!)) {
        const printed = /^track-sc\d$/.test(name) ? listed.has('track-sc0') : listed.has(name);
        if (in26(e) && !printed) wrong.push(`${ruleset} ${name}: in the inventory, haproxy does not list it`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(wrong, []);
});
