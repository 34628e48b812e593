/**
 * Rules that mirror what HAProxy says of a file it still accepts, compared line by line with Debian's haproxy 2.6 on
 * each rule's fixtures, in both directions:
 *  - misplaced-rule: the warning "a 'http-request' rule placed after a 'use_backend' rule will still be processed
 *    before", naming the same later kind of rule;
 *  - ambiguous-defaults: the alert "defaults section … is explicitly referenced by another proxy and implicitly used
 *    here", which HAProxy 2.6 gives without refusing the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeResult, haproxyCheck, unavailable } from './support/real-programs.js';
import { checkFile, describeFinding } from './support/check.js';

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));

interface Mirror {
  readonly rule: string;
  /** What HAProxy says, with the detail both must agree on (or '' when there is none) as the first group. */
  readonly theirs: RegExp;
  readonly ours: RegExp;
}

const MIRRORS: readonly Mirror[] = [
  { rule: 'misplaced-rule', theirs: /rule placed after an? '([^']+)' rule will still be processed before/, ours: /written after an? (.+?) rule \(line/ },
  { rule: 'ambiguous-defaults', theirs: /defaults section '[^']+' \(declared at [^)]+\) is explicitly referenced by another proxy and implicitly used here()/, ours: /^defaults '[^']+' is (?:named|used) here()/ },
];

for (const { rule, theirs: THEIRS, ours: OURS } of MIRRORS) {
  test(`haproxy 2.6 says so on exactly the lines where we report ${rule}`, { skip: unavailable('haproxy') ?? false }, () => {
    const problems: string[] = [];
    let compared = 0;
    const folder = join(FIXTURES, rule);
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.cfg'))) {
      const file = join(folder, name);
      const result = haproxyCheck(file);
      // Line → the detail HAProxy gives there.
      const theirs = new Map(result.messages.flatMap((m) => (m.line === undefined ? [] : [[m.line, THEIRS.exec(m.message)?.[1]] as const])).filter(([, detail]) => detail !== undefined));
      for (const f of checkFile(file).findings.filter((f) => f.code === rule)) {
        compared++;
        const line = f.file.lines().positionAt(f.span.start).line + 1;
        const detail = OURS.exec(f.message)?.[1];
        if (theirs.get(line) !== detail) problems.push(`${name}: haproxy says ${theirs.has(line) ? `'${theirs.get(line)}'` : 'nothing'} of ${describeFinding(f)}\n${describeResult(result)}`);
        theirs.delete(line);
      }
      for (const [line, detail] of theirs) problems.push(`${name}:${line}: haproxy says so (${detail || 'no detail'}), we report nothing\n${describeResult(result)}`);
    }
    assert.ok(compared > 0, 'no finding compared');
    assert.deepEqual(problems, []);
  });
}
