/**
 * The ways of inheriting the TCP/HTTP rules of a defaults section (HAProxy 2.5 and later) that HAProxy refuses, each
 * checked with HAProxy 2.6's `haproxy -c`, which stops reading the file at the first of them (every one is reported
 * here):
 *  - by another defaults section or by a listen section;
 *  - by frontends and backends alike (the first proxy to inherit the section decides which);
 *  - `tcp-request connection`/`session` rules by a backend, `tcp-response content` rules by a frontend.
 */
import type { Span } from '../../syntax/text.js';
import type { Statement } from '../../syntax/haproxy/ast.js';
import type { HaproxyModel, Proxy } from '../../model/haproxy.js';
import { namedDefaultsRules } from '../../knowledge/haproxy/lookup.js';
import type { HaproxyRule, Report } from '../rule.js';
import { branchActivity, type BranchActivity } from './conditions.js';
import { forEachHeir } from './heirs.js';

/** The rules of a defaults section HAProxy restricts: the first line of any kind, and of the two kinds some proxies may not inherit. */
interface DefaultRules {
  readonly any?: Statement;
  /** `tcp-request connection` or `tcp-request session`: refused in the defaults of a backend. */
  readonly connection?: Statement;
  /** `tcp-response content`: refused in the defaults of a frontend. */
  readonly response?: Statement;
}

function rulesOf(defaults: Proxy, activity: BranchActivity): DefaultRules {
  let any: Statement | undefined;
  let connection: Statement | undefined;
  let response: Statement | undefined;
  for (const st of defaults.section.statements) {
    const kw = st.keyword;
    const when = st.value(1);
    const rule =
      ((kw === 'tcp-request' || kw === 'tcp-response') && (when === 'connection' || when === 'session' || when === 'content')) ||
      kw === 'http-request' ||
      kw === 'http-response' ||
      kw === 'http-after-response';
    // Only lines HAProxy certainly reads (a `.if` on the machine's features may drop one).
    if (!rule || activity(st.branch) !== 'on') continue;
    any ??= st;
    if (kw === 'tcp-request' && when !== 'content') connection ??= st;
    if (kw === 'tcp-response') response ??= st;
  }
  return { any, connection, response };
}

/** What is known of a defaults section so far: its rules (read on first use) and the first proxy to inherit them. */
interface Heirs {
  rules?: DefaultRules;
  first?: Proxy;
}

const at = (proxy: Proxy): Span => proxy.section.name ?? proxy.section.header.word(0)!;
const named = (proxy: Proxy) => (proxy.name ? `${proxy.kind} '${proxy.name}'` : proxy.kind);
const lineOf = (st: Statement) => `line ${st.line + 1}`;

/** `d` is a named defaults section: rules in an unnamed one are refused on their own lines (unknown-keyword). */
function checkHeir(model: HaproxyModel, report: Report, proxy: Proxy, d: Proxy, heirs: Heirs, activity: BranchActivity): void {
  const rules = (heirs.rules ??= rulesOf(d, activity));
  if (!rules.any) return;
  const file = model.syntax.file;
  const related = (span: Span, message: string) => [{ file, span, message }];
  const where = `defaults '${d.name}' (${lineOf(d.section.header)})`;
  const rule = related(rules.any.word(0)!, 'a TCP/HTTP rule in the defaults section');
  if (proxy.kind === 'defaults' || proxy.kind === 'listen') {
    const refusal = proxy.kind === 'listen' ? 'HAProxy refuses rules in the defaults of a listen section' : 'HAProxy lets no defaults section inherit rules';
    report(file, at(proxy), `${named(proxy)} inherits TCP/HTTP rules from ${where}: ${refusal}`, rule);
    return;
  }
  const first = (heirs.first ??= proxy);
  // Listen and defaults sections never get here: the first heir is a frontend or a backend.
  if (first.kind !== proxy.kind) {
    report(file, at(proxy), `${named(proxy)} inherits TCP/HTTP rules from ${where}, as ${named(first)} (${lineOf(first.section.header)}) does: HAProxy refuses rules shared by frontends and backends`, related(at(first), `also inherits the rules of defaults '${d.name}'`));
  }
  const refused = proxy.kind === 'backend' ? rules.connection : rules.response;
  if (refused) {
    report(file, at(proxy), `${named(proxy)} inherits '${refused.keyword} ${refused.value(1)}' rules from ${where}: HAProxy refuses them in the defaults of a ${proxy.kind}`, related(refused.word(0)!, 'the rule HAProxy refuses here'));
  }
}

export const rule: HaproxyRule = {
  id: 'invalid-inheritance',
  scope: 'haproxy',
  severity: 'error',
  summary: 'A proxy inherits TCP/HTTP rules from a defaults section in a way HAProxy refuses: rules shared by frontends and backends, or inherited by a listen.',
  docs:
    'Since HAProxy 2.5 a named defaults section may hold TCP/HTTP rules (`http-request`, `tcp-request content`…), which every proxy inheriting from it runs first. HAProxy refuses to start when such a section is inherited by a listen section or another defaults section, by frontends and backends alike, by a backend while it holds `tcp-request connection`/`session` rules, or by a frontend while it holds `tcp-response content` rules. ' +
    'HAProxy stops at the first of these; hapair reports every one.',
  mirrors: 'haproxy',
  check(model, report, context) {
    const target = context.versions.haproxy;
    if (model.syntax.controlFlow || !namedDefaultsRules(target)) return;
    const activity = branchActivity(target);
    forEachHeir<Heirs>(model, target, () => ({}), (proxy, d, heirs) => checkHeir(model, report, proxy, d, heirs, activity));
  },
};
