/**
 * Our findings against the real programs, run live on every single-file fixture:
 *  - where Debian's haproxy 2.6 / keepalived 2.2.7 accepts the file, we report no error;
 *  - where we report an error from a rule that mirrors the program's own check, the program rejects the file.
 * keepalived runs in a private network namespace with the interfaces the file names (see support/real-programs.ts).
 * Exit 5/6 from keepalived with warnings only counts as accepted (it runs the config as written).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { haproxyCheck, keepalivedTest, describeResult, unavailable } from './support/real-programs.js';
import { checkFile, describeFinding } from './support/check.js';
import { RULES_BY_ID } from '../server/src/rules/index.js';

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));

function singleFileFixtures(ext: string): string[] {
  const out: string[] = [];
  for (const rule of readdirSync(FIXTURES)) {
    const dir = join(FIXTURES, rule);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) if (name.endsWith(ext) && statSync(join(dir, name)).isFile()) out.push(join(dir, name));
  }
  return out.sort();
}

/** keepalived -t prints config errors and notices alike and exits 5 for both; only these messages mean rejection. */
const KEEPALIVED_WARNING_ONLY = new RegExp(
  [
    'Truncating auth_pass', 'No VIP specified', 'SECURITY VIOLATION', 'nopreempt will not work', 'preempt delay will not work', 'nopreempt is incompatible',
    'preempt_delay is incompatible', 'unicast keyword has been specified without any unicast peers', 'max_auto_priority', 'A unicast keyword',
    'does not support authentication', 'no password given', 'must be an integer\\. rounding', 'must be in units of 10ms', 'Must be less than 40\\.96s',
    'State MASTER must match being address owner', 'accept mode for VRRP version 2',
  ].join('|'),
);

function check(kind: 'haproxy' | 'keepalived') {
  const disagreements: string[] = [];
  const files = singleFileFixtures(kind === 'haproxy' ? '.cfg' : '.conf');
  for (const file of files) {
    const ours = checkFile(file, kind).findings;
    const result = kind === 'haproxy' ? haproxyCheck(file) : keepalivedTest(file);
    if (result.timedOut) {
      disagreements.push(`${file}: the real program timed out`);
      continue;
    }
    const realErrors = kind === 'haproxy' ? result.messages.filter((m) => m.level === 'alert') : result.messages.filter((m) => !KEEPALIVED_WARNING_ONLY.test(m.message));
    const accepted = result.rc === 0 || realErrors.length === 0;
    const ourErrors = ours.filter((f) => f.severity === 'error');
    if (accepted && ourErrors.length > 0) disagreements.push(`${file}: ${kind} accepts it, we report:\n    ${ourErrors.map(describeFinding).join('\n    ')}`);
    const mirrored = ourErrors.filter((f) => [kind, 'both'].includes(RULES_BY_ID.get(f.code)?.mirrors ?? ''));
    if (!accepted || mirrored.length === 0) continue;
    disagreements.push(`${file}: we report ${mirrored.map((f) => f.code).join(', ')} but ${kind} accepts it: ${describeResult(result)}`);
  }
  return { files: files.length, disagreements };
}

test('haproxy 2.6 agrees with our errors on every .cfg fixture', { skip: unavailable('haproxy') ?? false }, () => {
  const { files, disagreements } = check('haproxy');
  assert.ok(files > 0);
  assert.deepEqual(disagreements, []);
});

test('keepalived 2.2.7 agrees with our errors on every .conf fixture', { skip: unavailable('keepalived', 'netns') ?? false }, () => {
  const { files, disagreements } = check('keepalived');
  assert.ok(files > 0);
  assert.deepEqual(disagreements, []);
});
