/**
 * misplaced-rule mirrors a warning HAProxy gives while it reads a proxy ("a 'http-request' rule placed after a
 * 'use_backend' rule will still be processed before"): compared line by line with Debian's haproxy 2.6 on the rule's
 * fixtures, in both directions, and naming the same later kind of rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeResult, haproxyCheck, unavailable } from './support/real-programs.js';
import { checkFile, describeFinding } from './support/check.js';

const FOLDER = fileURLToPath(new URL('fixtures/misplaced-rule/', import.meta.url));
const MISPLACED = /rule placed after an? '([^']+)' rule will still be processed before/;
const OURS = /written after an? (.+?) rule \(line/;

test('haproxy 2.6 warns of a misplaced rule on exactly the lines where we report misplaced-rule', { skip: unavailable('haproxy') ?? false }, () => {
  const problems: string[] = [];
  let compared = 0;
  for (const name of readdirSync(FOLDER).filter((n) => n.endsWith('.cfg'))) {
    const file = join(FOLDER, name);
    const result = haproxyCheck(file);
    // Line → the kind of rule HAProxy says runs after it.
    const theirs = new Map(result.messages.flatMap((m) => (m.line === undefined ? [] : [[m.line, MISPLACED.exec(m.message)?.[1]] as const])).filter(([, kind]) => kind !== undefined));
    const ours = checkFile(file).findings.filter((f) => f.code === 'misplaced-rule');
    for (const f of ours) {
      compared++;
      const line = f.file.lines().positionAt(f.span.start).line + 1;
      const kind = OURS.exec(f.message)?.[1];
      if (theirs.get(line) !== kind) problems.push(`${name}: haproxy says ${theirs.has(line) ? `'${theirs.get(line)}'` : 'nothing'} of ${describeFinding(f)}\n${describeResult(result)}`);
      theirs.delete(line);
    }
    for (const [line, kind] of theirs) problems.push(`${name}:${line}: haproxy warns of a rule placed after a '${kind}' rule, we report nothing\n${describeResult(result)}`);
  }
  assert.ok(compared > 0, 'no finding compared');
  assert.deepEqual(problems, []);
});
