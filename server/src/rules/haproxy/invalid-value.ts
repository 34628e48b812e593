/**
 * Values HAProxy refuses to start with, on the lines a load balancer's config is made of: the proxy mode, the
 * balance algorithm, every time (timeouts, inspect delays, health-check intervals) and the server numbers HAProxy
 * range-checks (rise, fall, weight). Each case was checked against HAProxy 2.6's `haproxy -c`; HAProxy is lenient
 * elsewhere (`maxconn abc` and `port 80x` pass), so nothing else is judged.
 */
import type { Statement } from '../../syntax/haproxy/ast.js';
import type { HaproxyModel, Proxy } from '../../model/haproxy.js';
import { atoi, parseDuration } from '../../model/numbers.js';
import { lookupServerParam } from '../../knowledge/haproxy/lookup.js';
import { compareVersions, type HaproxyVersion } from '../../knowledge/versions.js';
import { closest } from '../../knowledge/edit-distance.js';
import type { HaproxyRule, Report } from '../rule.js';
import { branchActivity } from './conditions.js';
import { envHint, opaque, walkParams } from './params.js';

/** Where a finding goes and what the target version is. */
interface Out {
  readonly model: HaproxyModel;
  readonly report: Report;
  readonly target: HaproxyVersion;
}

const say = (o: Out, st: Statement, i: number, message: string, replacement?: string) => {
  const word = st.word(i)!;
  o.report(o.model.syntax.file, word, message + envHint(word), undefined, replacement);
};

/** Whether the target has what `version` brought; remembered per target, as every mode and balance line asks. */
const reached = new Map<HaproxyVersion, Map<string, boolean>>();
function atLeast(target: HaproxyVersion, version: string): boolean {
  let known = reached.get(target);
  if (!known) reached.set(target, (known = new Map()));
  let yes = known.get(version);
  if (yes === undefined) known.set(version, (yes = compareVersions(target, version) >= 0));
  return yes;
}

/** Proxy modes and the version that brought each (a Map: a word like `constructor` must not find Object's). */
const MODES: ReadonlyMap<string, string> = new Map([
  ['tcp', '1.0'],
  ['http', '1.0'],
  ['log', '2.9'],
  ['spop', '3.1'],
]);

function checkMode(o: Out, st: Statement): void {
  const value = st.value(1);
  if (value === undefined || opaque(st, 1)) return;
  const since = MODES.get(value);
  if (since !== undefined && atLeast(o.target, since)) return;
  if (value === 'health') return say(o, st, 1, "'mode health' no longer exists: answer health checks with 'http-request return status 200' or 'monitor-uri'");
  if (since !== undefined) return say(o, st, 1, `'mode ${value}' needs HAProxy ${since} or later (target is ${o.target})`);
  const known = [...MODES].filter(([, since]) => atLeast(o.target, since)).map(([mode]) => mode);
  const suggestion = closest(value, known);
  say(o, st, 1, `unknown proxy mode '${value}' (HAProxy ${o.target} knows ${known.join(', ')})${suggestion ? `; did you mean '${suggestion}'?` : ''}`, suggestion);
}

/** Balance algorithms, the version that brought each, and whether it needs a word after it. */
const ALGORITHMS: ReadonlyMap<string, { since: string; needs?: string }> = new Map([
  ['roundrobin', { since: '1.0' }],
  ['static-rr', { since: '1.0' }],
  ['leastconn', { since: '1.0' }],
  ['first', { since: '1.0' }],
  ['source', { since: '1.0' }],
  ['uri', { since: '1.0' }],
  ['url_param', { since: '1.0', needs: 'the name of the URL parameter' }],
  ['random', { since: '1.0' }],
  ['rdp-cookie', { since: '1.0' }],
  ['hash', { since: '2.6', needs: 'a sample expression to hash' }],
]);
/** Algorithms written with their argument in parentheses: `hdr(host)`, `random(2)`, `rdp-cookie(mstshash)`. */
const CALLED = /^(hdr|random|rdp-cookie)\(/;

function checkBalance(o: Out, st: Statement): void {
  const value = st.value(1);
  if (value === undefined || opaque(st, 1)) return;
  const algorithm = ALGORITHMS.get(value);
  if (!algorithm) {
    if (CALLED.test(value)) return;
    if (value === 'hdr') return say(o, st, 1, "'balance hdr' needs the header name in parentheses: hdr(<name>)");
    const suggestion = closest(value, [...ALGORITHMS.keys(), 'hdr']);
    return say(o, st, 1, `unknown balance algorithm '${value}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`, suggestion);
  }
  if (!atLeast(o.target, algorithm.since)) return say(o, st, 1, `'balance ${value}' needs HAProxy ${algorithm.since} or later (target is ${o.target})`);
  if (algorithm.needs && st.value(2) === undefined) say(o, st, 1, `'balance ${value}' needs ${algorithm.needs}`);
}

const UNITS = 'a number with an optional unit: us, ms (the default), s, m, h or d';

/** A time value at word `i` of a line whose setting is `what` (`timeout client`, `inter`). */
function checkTime(o: Out, st: Statement, i: number, what: string, zeroRefused: boolean): void {
  const value = st.value(i);
  if (value === undefined) return say(o, st, i - 1, `'${what}' needs a time: ${UNITS}`);
  if (opaque(st, i)) return;
  const d = parseDuration(value);
  if (typeof d === 'number') {
    if (d === 0 && zeroRefused) say(o, st, i, `'${what}' cannot be 0: HAProxy refuses a zero interval`);
    return;
  }
  if (d === 'empty') return say(o, st, i, `'${what}' needs a time: ${UNITS}`);
  if (d === 'overflow') return say(o, st, i, `'${value}' is longer than HAProxy's longest time, 2147483647 ms (about 24.8 days)`);
  say(o, st, i, `'${value}' is not a time: HAProxy stops at '${d.unexpected}' (it takes ${UNITS})`);
}

/** `timeout <name> <time>`: one time and nothing after it. */
function checkTimeout(o: Out, st: Statement): void {
  const name = st.value(1);
  if (name === undefined || opaque(st, 1)) return;
  checkTime(o, st, 2, `timeout ${name}`, false);
  if (st.count > 3 && !opaque(st, 3)) say(o, st, 3, `'timeout ${name}' takes one time; '${st.value(3)}' is one word too many (write '${st.value(2)}${st.value(3)}' without the space?)`);
}

/** Server parameters whose value HAProxy checks, and how. */
const SERVER_TIMES: ReadonlySet<string> = new Set(['inter', 'fastinter', 'downinter', 'agent-inter']);

function checkServerParam(o: Out, st: Statement, at: number, name: string): void {
  if (SERVER_TIMES.has(name) || name === 'slowstart') return checkTime(o, st, at + 1, name, name !== 'slowstart');
  if (name !== 'rise' && name !== 'fall' && name !== 'weight') return;
  const value = st.value(at + 1);
  if (value === undefined) {
    // A missing weight reads as 0, which HAProxy takes.
    if (name !== 'weight') say(o, st, at, `'${name}' needs a number of checks`);
    return;
  }
  if (opaque(st, at + 1)) return;
  const n = atoi(value);
  if (n === undefined) return;
  if (name === 'weight') {
    if (n < 0 || n > 256) say(o, st, at + 1, `weight ${value} is out of range: HAProxy takes 0 to 256`);
  } else if (n <= 0) say(o, st, at + 1, `'${name} ${value}' is refused: HAProxy needs a number of checks above 0`);
}

/** Whether a parameter's value is judged: most server lines have none of these (`check cookie s1`). */
const JUDGED: ReadonlySet<string> = new Set([...SERVER_TIMES, 'slowstart', 'rise', 'fall', 'weight']);

/** `server <name> <address> params…` and `default-server params…`. */
function checkServer(o: Out, st: Statement, from: number): void {
  let judged = false;
  for (let j = from; j < st.count && !judged; j++) judged = JUDGED.has(st.value(j)!);
  // The walk (which tells parameter names from values) only where a judged name appears at all.
  if (!judged) return;
  walkParams(st, from, lookupServerParam, o.target, checkServerParam, o);
}

function checkStatement(o: Out, proxy: Proxy, st: Statement): void {
  // One of the proxy's tunables (model/haproxy.ts).
  switch (st.keyword) {
    case 'mode':
      return checkMode(o, st);
    case 'balance':
      if (proxy.kind !== 'frontend') checkBalance(o, st);
      return;
    case 'timeout':
      return checkTimeout(o, st);
    case 'tcp-request':
    case 'tcp-response':
      if (!opaque(st, 1)) checkTime(o, st, 2, `${st.keyword} inspect-delay`, false);
      return;
    case 'default-server':
      if (proxy.kind !== 'frontend') checkServer(o, st, 1);
      return;
  }
}

export const rule: HaproxyRule = {
  id: 'invalid-value',
  scope: 'haproxy',
  perSection: true,
  severity: 'error',
  mirrors: 'haproxy',
  summary: 'A value HAProxy refuses: an unknown mode or balance algorithm, a malformed or too long time, a zero check interval, rise/fall below 1, a weight outside 0–256.',
  docs:
    'HAProxy refuses to start on these values. Times are a number with an optional unit (us, ms, s, m, h, d); without a unit they are milliseconds, and nothing longer than 2147483647 ms (about 24.8 days) is allowed. ' +
    'Modes and keywords are case-sensitive (`mode TCP` is refused). Health-check intervals (`inter`, `fastinter`, `downinter`, `agent-inter`) cannot be 0, `rise` and `fall` must be at least 1, and a server weight lies between 0 and 256. ' +
    'Where HAProxy reads a number leniently (`maxconn 5x` is 5), nothing is reported.',
  check(model, report, context) {
    if (model.syntax.controlFlow) return;
    const o: Out = { model, report, target: context.versions.haproxy };
    const activity = branchActivity(o.target);
    // Indexed loops: for…of allocates per item until the engine optimises the loop (most of a first check).
    for (let p = 0; p < model.proxies.length; p++) {
      const proxy = model.proxies[p]!;
      if (activity(proxy.section.header.branch) === 'off') continue;
      // The model's lists of the lines this rule reads: a pass over every line of a large file would cost more.
      for (let i = 0; i < proxy.tunables.length; i++) {
        const st = proxy.tunables[i]!;
        if (activity(st.branch) !== 'off') checkStatement(o, proxy, st);
      }
      if (proxy.kind !== 'backend' && proxy.kind !== 'listen') continue;
      for (let i = 0; i < proxy.servers.length; i++) {
        const st = proxy.servers[i]!;
        if (activity(st.branch) !== 'off') checkServer(o, st, 3);
      }
    }
  },
};
