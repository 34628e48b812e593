/**
 * The rules that mirror HAProxy's value, address and inheritance checks, compared line by line with Debian's haproxy 2.6 on their
 * fixtures (the file-level agreement test cannot tell one refused line from another): every line we report draws an
 * alert from `haproxy -c`, and every line HAProxy alerts on has an error of ours. The alert HAProxy gives after
 * reading the file, for a health-checked server without a port, names the server instead of a line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeResult, haproxyCheck, unavailable } from './support/real-programs.js';
import { checkFile, describeFinding } from './support/check.js';

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const RULES = ['invalid-value', 'invalid-address', 'invalid-inheritance'];
const PORTLESS_SERVER = /server '([^']+)' has neither service port/;
const OUR_PORTLESS_SERVER = /^server '([^']+)' is health-checked but has no port/;

test('haproxy 2.6 alerts on exactly the lines where we report invalid-value, invalid-address and invalid-inheritance', { skip: unavailable('haproxy') ?? false }, () => {
  const problems: string[] = [];
  let compared = 0;
  for (const rule of RULES) {
    for (const name of readdirSync(join(FIXTURES, rule)).filter((n) => n.endsWith('.cfg'))) {
      const file = join(FIXTURES, rule, name);
      const result = haproxyCheck(file);
      const alerts = result.messages.filter((m) => m.level === 'alert');
      const alertLines = new Set(alerts.flatMap((m) => (m.line === undefined ? [] : [m.line])));
      const portless = new Set(alerts.flatMap((m) => PORTLESS_SERVER.exec(m.message)?.[1] ?? []));
      const errors = checkFile(file).findings.filter((f) => f.severity === 'error');
      const lineOf = (f: (typeof errors)[number]) => f.file.lines().positionAt(f.span.start).line + 1;
      const ourLines = new Set(errors.map(lineOf));
      for (const f of errors.filter((e) => e.code === rule)) {
        compared++;
        const server = OUR_PORTLESS_SERVER.exec(f.message)?.[1];
        const seen = server === undefined ? alertLines.has(lineOf(f)) : portless.has(server);
        if (!seen) problems.push(`${rule}/${name}: haproxy says nothing of ${describeFinding(f)}\n${describeResult(result)}`);
      }
      for (const line of alertLines) if (!ourLines.has(line)) problems.push(`${rule}/${name}:${line}: haproxy alerts, we report no error there\n${describeResult(result)}`);
      for (const server of portless) {
        if (!errors.some((f) => OUR_PORTLESS_SERVER.exec(f.message)?.[1] === server)) problems.push(`${rule}/${name}: haproxy refuses server '${server}' for its missing port, we do not`);
      }
    }
  }
  assert.ok(compared > 0, 'no finding compared');
  assert.deepEqual(problems, []);
});
