/**
 * The HAProxy half of invalid-address: the addresses of `bind` and `server` lines, read as HAProxy 2.6's
 * str2sa_range() reads them (each case checked with `haproxy -c`), and the port a health check needs.
 *
 * Host names are not judged: whether one resolves depends on the machine (and on `-dr` or `init-addr`). A port
 * with letters after its digits (`80x`) is taken by HAProxy as the digits, so it passes here too.
 */
import type { Statement } from '../../syntax/haproxy/ast.js';
import type { SourceFile } from '../../syntax/text.js';
import { WORD_TEMPLATED } from '../../syntax/haproxy/words.js';
import { splitAddress, type HaproxyModel, type Proxy } from '../../model/haproxy.js';
import { digitsEnd, digitsValue } from '../../model/numbers.js';
import { lookupServerParam } from '../../knowledge/haproxy/lookup.js';
import type { HaproxyVersion } from '../../knowledge/versions.js';
import type { Report, RuleContext } from '../rule.js';
import { branchActivity, type BranchActivity } from './conditions.js';
import { walkParams } from './params.js';

/** What HAProxy makes of the port part of an address: a port, an offset (`+1`), none, or a reason to refuse it. */
type PortReading = { port: number; range: boolean } | { offset: true } | { none: true } | { refused: string };

function readPort(text: string | undefined): PortReading {
  if (text === undefined || text === '') return { none: true };
  if (text[0] === '+' || text[0] === '-') return { offset: true };
  const lowEnd = digitsEnd(text, 0);
  if (lowEnd === 0) return { refused: `'${text[0]}' cannot start a port number` };
  const low = digitsValue(text, 0, lowEnd);
  const lowText = text.slice(0, lowEnd);
  if (text[lowEnd] !== '-') return low > 65535 ? { refused: `port ${lowText} is above 65535` } : low === 0 ? { none: true } : { port: low, range: false };
  const highEnd = digitsEnd(text, lowEnd + 1);
  const high = digitsValue(text, lowEnd + 1, highEnd);
  if (low === 0 || low > 65535) return { refused: `port ${lowText} is outside 1–65535` };
  if (highEnd === lowEnd + 1 || high < low || high > 65535) return { refused: `'${text}' is not a port range (low-high, within 1–65535)` };
  return { port: low, range: true };
}

/**
 * Whether an address plainly ends in a usable port (`…:6443`): the common case, told without taking the address
 * apart, for the thousands of server lines of a large config.
 */
function endsInPort(text: string): boolean {
  const colon = text.lastIndexOf(':');
  if (colon === -1 || text.length - colon > 6) return false;
  if (digitsEnd(text, colon + 1) !== text.length) return false;
  const port = digitsValue(text, colon + 1, text.length);
  return port >= 1 && port <= 65535;
}

/** `192.0.2.300`: four decimal parts, one above 255. HAProxy would look it up as a host name and fail. */
const badDottedQuad = (host: string) => /^\d+\.\d+\.\d+\.\d+$/.test(host) && host.split('.').some((p) => Number(p) > 255);

/** Words HAProxy or a template fills in later (a `$` outside double quotes, which HAProxy reads as it is, included). */
const decidedLater = (text: string, flags: number) => text.includes('$') || text.includes('{{') || (flags & WORD_TEMPLATED) !== 0;

function checkBinds(proxy: Proxy, file: SourceFile, report: Report, activity: BranchActivity): void {
  for (const b of proxy.binds) {
    // A literal or wildcard address the model could read, with a plain port: nothing to say.
    if (b.kind === 'socket' || ((b.kind === 'ip' || b.kind === 'any') && endsInPort(b.text))) continue;
    if (activity(b.statement.branch) === 'off' || decidedLater(b.text, b.word.flags)) continue;
    const parts = splitAddress(b.text);
    if (parts.socket) continue;
    if (badDottedQuad(parts.host)) {
      report(file, b, `'${parts.host}' is not an IPv4 address (a part is above 255): HAProxy refuses the bind`);
      continue;
    }
    const p = readPort(parts.port);
    if ('none' in p) report(file, b, `'${b.text}' has no port: a bind address needs one (address:port, or :port for every address)`);
    else if ('offset' in p) report(file, b, `'${b.text}' has a port offset, which only server addresses may have: write the port itself`);
    else if ('refused' in p) report(file, b, `${p.refused}: HAProxy refuses the bind address '${b.text}'`);
  }
}

/** What a server or default-server line says about health checks. */
interface CheckFacts {
  /** true for `check`, false for `no-check`, undefined when the line says neither. */
  check?: boolean;
  /** Whether the line gives a port to check: `port N`, or `addr host:port`. */
  port: boolean;
}

function noteCheckFact(facts: CheckFacts, st: Statement, at: number, name: string): void {
  if (name === 'check') facts.check = true;
  else if (name === 'no-check') facts.check = false;
  else if (name === 'port') facts.port = true;
  else if (name === 'addr') {
    const value = st.value(at + 1);
    const parts = value === undefined ? undefined : splitAddress(value);
    if (parts && !parts.socket && 'port' in readPort(parts.port)) facts.port = true;
  }
}

/** The line's facts, or undefined when its parameters cannot all be read. */
function checkFacts(st: Statement, from: number, target: HaproxyVersion): CheckFacts | undefined {
  const facts: CheckFacts = { port: false };
  return walkParams(st, from, lookupServerParam, target, noteCheckFact, facts) === st.count ? facts : undefined;
}

/** What the default-server lines in force before `line` say: those of the defaults sections, then the proxy's own. */
function defaultFacts(proxy: Proxy, line: Statement, target: HaproxyVersion): CheckFacts | undefined {
  let check: boolean | undefined;
  let port = false;
  for (const p of withDefaults(proxy)) {
    for (const st of p.tunables) {
      if (p === proxy && st.start > line.start) break;
      if (st.keyword !== 'default-server') continue;
      const facts = checkFacts(st, 1, target);
      if (!facts) return undefined;
      check = facts.check ?? check;
      port ||= facts.port;
    }
  }
  return { check, port };
}

/** The proxy and the defaults it inherits from, outermost first. */
function withDefaults(proxy: Proxy): Proxy[] {
  const chain: Proxy[] = [];
  for (let p: Proxy | undefined = proxy; p; p = p.defaults) chain.unshift(p);
  return chain;
}

const ownChecks = new WeakMap<Proxy, boolean>();

/**
 * Whether the proxy's checks find their port without the server's help: a `tcp-check connect` or `http-check
 * connect` rule may name one (HAProxy then accepts a port-less server), and an external check runs a command.
 * Decided once per proxy (which stands for its lines and its defaults): asked for each port-less server, it read
 * the section again for each, and a backend of thousands of them cost their square.
 */
function checksOnTheirOwn(proxy: Proxy): boolean {
  let known = ownChecks.get(proxy);
  if (known === undefined) {
    known = withDefaults(proxy).some((p) =>
      p.section.statements.some((st) => ((st.keyword === 'tcp-check' || st.keyword === 'http-check') && st.value(1) === 'connect') || (st.keyword === 'option' && st.value(1) === 'external-check')),
    );
    ownChecks.set(proxy, known);
  }
  return known;
}

function checkServer(proxy: Proxy, st: Statement, file: SourceFile, report: Report, target: HaproxyVersion): void {
  const text = st.value(2);
  if (text === undefined || endsInPort(text) || decidedLater(text, st.flags(2))) return;
  const parts = splitAddress(text);
  if (parts.socket) return;
  const p = readPort(parts.port);
  if ('refused' in p) return report(file, st.word(2)!, `${p.refused}: HAProxy refuses the server address '${text}'`);
  if ('port' in p) {
    if (p.range) report(file, st.word(2)!, `'${text}' has a port range, which a server address cannot have`);
    return;
  }
  // No service port: the health check needs one of its own.
  const own = checkFacts(st, 3, target);
  const inherited = own && defaultFacts(proxy, st, target);
  if (!own || !inherited || own.port || inherited.port || !(own.check ?? inherited.check) || checksOnTheirOwn(proxy)) return;
  report(file, st.word(2)!, `server '${st.value(1)}' is health-checked but has no port to check: give its address a port or add 'port <n>' (HAProxy refuses to start)`);
}

export function checkHaproxyAddresses(model: HaproxyModel, report: Report, context: RuleContext): void {
  if (model.syntax.controlFlow) return;
  const file = model.syntax.file;
  const target = context.versions.haproxy;
  const activity = branchActivity(target);
  // Indexed loops: for…of allocates per item until the engine optimises the loop (most of a first check).
  for (let i = 0; i < model.proxies.length; i++) {
    const proxy = model.proxies[i]!;
    if (activity(proxy.section.header.branch) === 'off') continue;
    if (proxy.binds.length > 0 && (proxy.kind === 'frontend' || proxy.kind === 'listen')) checkBinds(proxy, file, report, activity);
    if (proxy.kind !== 'backend' && proxy.kind !== 'listen') continue;
    for (let s = 0; s < proxy.servers.length; s++) {
      const st = proxy.servers[s]!;
      if (activity(st.branch) !== 'off') checkServer(proxy, st, file, report, target);
    }
  }
}
