/**
 * HAProxy runs a proxy's request rules by kind, in a fixed order, whatever order they are written in: tcp-request
 * connection, session and content rules, then `monitor fail`, http-request, redirect, use_backend and use-server. A
 * rule written after one of a kind that runs later still runs first, which is rarely what its author meant (a header
 * set "after" routing is set before it), and HAProxy warns while reading the file. Each pair of kinds was checked with
 * HAProxy 2.6's `haproxy -c`: a line is compared with the earlier lines of its own section only (rules inherited from
 * a defaults section are not), and use_backend is not compared with use-server.
 */
import type { Statement } from '../../syntax/haproxy/ast.js';
import type { HaproxyRule } from '../rule.js';
import { branchActivity } from './conditions.js';

/** The kinds of rules, in the order HAProxy runs them. */
const KINDS = ['tcp-request connection', 'tcp-request session', 'tcp-request content', 'monitor fail', 'http-request', 'redirect', 'use_backend', 'use-server'] as const;
const USE_BACKEND = KINDS.indexOf('use_backend');
const USE_SERVER = KINDS.indexOf('use-server');
const a = (kind: string) => (kind.startsWith('http') ? `an ${kind}` : `a ${kind}`);

/**
 * What kind of rule a line is, by its place in KINDS (test/haproxy-warnings.test.ts holds the two to HAProxy's
 * order): -1 for a line that is no such rule (`tcp-request inspect-delay`, …). A switch, as it runs on every line.
 */
export function rankOf(st: Statement): number {
  switch (st.keyword) {
    case 'tcp-request': {
      const when = st.value(1);
      return when === 'connection' ? 0 : when === 'session' ? 1 : when === 'content' ? 2 : -1;
    }
    case 'monitor':
      return st.value(1) === 'fail' ? 3 : -1;
    case 'http-request':
      return 4;
    case 'redirect':
      return 5;
    case 'use_backend':
      return 6;
    case 'use-server':
      return 7;
    default:
      return -1;
  }
}

/** Whether HAProxy runs rules of kind `later` after those of kind `rank`, and so warns when one is written above. */
export const runsLater = (rank: number, later: number): boolean => later > rank && !(rank === USE_BACKEND && later === USE_SERVER);

export const rule: HaproxyRule = {
  id: 'misplaced-rule',
  scope: 'haproxy',
  perSection: true,
  severity: 'warning',
  summary: 'A rule written after one that HAProxy runs later (an http-request rule after a use_backend rule): it still runs first.',
  docs:
    'Within a proxy HAProxy runs its rules by kind, whatever order they are written in: `tcp-request connection`, `tcp-request session`, `tcp-request content`, `monitor fail`, `http-request`, `redirect`, `use_backend`, `use-server`. ' +
    'An `http-request set-header` written below a `use_backend` line is still applied before the backend is chosen, so a config that reads top to bottom does something else than it says. ' +
    'HAProxy warns ("a \'http-request\' rule placed after a \'use_backend\' rule will still be processed before"); write the rules in the order they run.',
  mirrors: 'haproxy',
  check(model, report, context) {
    // With {% %} tags, lines may be rendered in another order or not at all.
    if (model.syntax.controlFlow) return;
    const file = model.syntax.file;
    const activity = branchActivity(context.versions.haproxy);
    // The first line of each kind seen so far in the section; one list for the whole run.
    const first: Array<Statement | undefined> = new Array(KINDS.length);
    for (let p = 0; p < model.proxies.length; p++) {
      const section = model.proxies[p]!.section;
      // Under a header HAProxy may skip, the lines may belong to the section before.
      if (activity(section.header.branch) !== 'on') continue;
      first.fill(undefined);
      const statements = section.statements;
      for (let i = 0; i < statements.length; i++) {
        const st = statements[i]!;
        const rank = rankOf(st);
        // Only lines HAProxy certainly reads are compared (a `.if` on the machine's features may drop either).
        if (rank < 0 || activity(st.branch) !== 'on') continue;
        for (let later = rank + 1; later < KINDS.length; later++) {
          const earlier = first[later];
          if (!earlier || !runsLater(rank, later)) continue;
          report(file, st.word(0)!, `${KINDS[rank]} rule written after ${a(KINDS[later])} rule (line ${earlier.line + 1}): HAProxy runs ${KINDS[rank]} rules first anyway, and warns`, [
            { file, span: earlier.word(0)!, message: `this ${KINDS[later]} rule runs after the ${KINDS[rank]} rule below it` },
          ]);
          break;
        }
        first[rank] ??= st;
      }
    }
  },
};
