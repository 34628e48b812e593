/**
 * Our findings against the real programs, run live on every config of every fixture, the files of node folders
 * included (each judged on its own, as the programs judge it):
 *  - where Debian's haproxy 2.6 / keepalived 2.2.7 accepts the file, we report no error;
 *  - where we report an error from a rule that mirrors the program's own check, the program rejects the file.
 * keepalived runs in a private network namespace with the interfaces the file names (see support/real-programs.ts),
 * once per config-id the file's `@id` lines name: a file is accepted when every node it describes is. Exit 5/6 from
 * keepalived with warnings only counts as accepted (it runs the config as written).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { haproxyCheck, keepalivedTest, describeResult, unavailable, type ProgramResult } from './support/real-programs.js';
import { checkFile, describeFinding } from './support/check.js';
import { RULES_BY_ID } from '../server/src/rules/index.js';

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));

/** Every config file under the fixture folders, at any depth. */
function fixtureConfigs(ext: string, dir = FIXTURES): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...fixtureConfigs(ext, path));
    else if (dir !== FIXTURES && name.endsWith(ext)) out.push(path);
  }
  return out.sort();
}

/** The config-ids a keepalived file's `@id` lines name; none means one run as any host. */
function configIds(file: string): (string | undefined)[] {
  const ids = new Set([...readFileSync(file, 'utf8').matchAll(/^\s*@\^?([^\s]+)/gm)].map((m) => m[1]!));
  return ids.size === 0 ? [undefined] : [...ids].sort();
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

/** The real program's verdict on a file: the first run that rejects it, else the last run. */
function judge(kind: 'haproxy' | 'keepalived', file: string): { result: ProgramResult; accepted: boolean } {
  if (kind === 'haproxy') {
    const result = haproxyCheck(file);
    return { result, accepted: result.rc === 0 || !result.messages.some((m) => m.level === 'alert') };
  }
  let verdict: { result: ProgramResult; accepted: boolean } | undefined;
  for (const configId of configIds(file)) {
    const result = keepalivedTest(file, { configId });
    verdict = { result, accepted: !result.timedOut && (result.rc === 0 || result.messages.every((m) => KEEPALIVED_WARNING_ONLY.test(m.message))) };
    if (!verdict.accepted) break;
  }
  return verdict!;
}

function check(kind: 'haproxy' | 'keepalived') {
  const disagreements: string[] = [];
  const files = fixtureConfigs(kind === 'haproxy' ? '.cfg' : '.conf');
  for (const file of files) {
    const ours = checkFile(file, kind).findings;
    const { result, accepted } = judge(kind, file);
    if (result.timedOut) {
      disagreements.push(`${file}: the real program timed out`);
      continue;
    }
    const ourErrors = ours.filter((f) => f.severity === 'error');
    if (accepted && ourErrors.length > 0) disagreements.push(`${file}: ${kind} accepts it, we report:\n    ${ourErrors.map(describeFinding).join('\n    ')}`);
    const mirrored = ourErrors.filter((f) => [kind, 'both'].includes(RULES_BY_ID.get(f.code)?.mirrors ?? ''));
    if (!accepted || mirrored.length === 0) continue;
    disagreements.push(`${file}: we report ${mirrored.map((f) => f.code).join(', ')} but ${kind} accepts it: ${describeResult(result)}`);
  }
  return { files: files.length, disagreements };
}

test('haproxy 2.6 agrees with our errors on every .cfg of the fixtures, node folders included', { skip: unavailable('haproxy') ?? false }, () => {
  const { files, disagreements } = check('haproxy');
  assert.ok(files > 0);
  assert.deepEqual(disagreements, []);
});

test('keepalived 2.2.7 agrees with our errors on every .conf of the fixtures, node folders included, for each config-id', { skip: unavailable('keepalived', 'netns') ?? false }, () => {
  const { files, disagreements } = check('keepalived');
  assert.ok(files > 0);
  assert.deepEqual(disagreements, []);
});
