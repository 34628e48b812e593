/**
 * Warnings that mirror one of keepalived's own messages, compared instance by instance with keepalived 2.2.7 on every
 * single-file .conf fixture: where keepalived logs the message for an instance we report the rule there, and where
 * we report it (in the cases keepalived speaks about) keepalived logs the message. Our findings are computed for the
 * judge's version (2.2); fixtures written for another target are left out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeResult, keepalivedTest, unavailable } from './support/real-programs.js';
import { checkFile } from './support/check.js';

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));

/** `ours` picks the findings of the rule that keepalived has a message for (some cases it accepts silently). */
const MIRRORED = [
  { rule: 'auth-ignored', ours: /strict mode|version 3|no password given/, theirs: /does not support authentication|no password given/ },
  { rule: 'advert-int-rounded', ours: /./, theirs: /advertisement interval .*(rounding|Setting to)/ },
  { rule: 'nopreempt-with-master', ours: /./, theirs: /nopreempt will not work|preempt delay will not work|nopreempt is incompatible|preempt_delay is incompatible/ },
  { rule: 'owner-state-mismatch', ours: /strict mode/, theirs: /State MASTER must match being address owner/ },
  { rule: 'vip-traffic-dropped', ours: /VRRP version 2 turns accept/, theirs: /accept mode for VRRP version 2/ },
];

function confFixtures(): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(FIXTURES)) {
    const path = join(FIXTURES, dir);
    if (!statSync(path).isDirectory()) continue;
    for (const name of readdirSync(path)) if (name.endsWith('.conf') && statSync(join(path, name)).isFile()) out.push(join(path, name));
  }
  return out.sort();
}

/** The instance a 0-based line belongs to: the nearest `vrrp_instance NAME` line at or above it. */
function instanceAt(lines: readonly string[], line: number): string | undefined {
  for (let i = line; i >= 0; i--) {
    const m = /^\s*vrrp_instance\s+(\S+)/.exec(lines[i]!);
    if (m) return m[1];
  }
  return undefined;
}

test('keepalived 2.2.7 logs our mirrored warnings for exactly the instances we report them on', { skip: unavailable('keepalived', 'netns') ?? false }, () => {
  const problems: string[] = [];
  const compared = new Map(MIRRORED.map(({ rule }) => [rule, 0]));
  for (const file of confFixtures()) {
    const text = readFileSync(file, 'utf8');
    const header = /^[#!] settings: .*"keepalived":"([\d.]+)"/.exec(text.split('\n', 1)[0]!);
    if (header && header[1] !== '2.2') continue;
    const lines = text.split('\n');
    const result = keepalivedTest(file);
    const { findings } = checkFile(file);
    for (const { rule, ours, theirs } of MIRRORED) {
      const logged = new Set(result.messages.filter((m) => theirs.test(m.message)).map((m) => /^\((\S+?)\)/.exec(m.message)?.[1] ?? '?'));
      const reported = new Set(findings.filter((f) => f.code === rule && ours.test(f.message)).map((f) => instanceAt(lines, f.file.lines().positionAt(f.span.start).line) ?? '?'));
      const name = relative(FIXTURES, file);
      for (const i of logged) if (!reported.has(i)) problems.push(`${name}: keepalived warns about ${i} (${rule}), we do not\n${describeResult(result)}`);
      for (const i of reported) if (!logged.has(i)) problems.push(`${name}: we report ${rule} on ${i}, keepalived says nothing of it\n${describeResult(result)}`);
      compared.set(rule, compared.get(rule)! + logged.size);
    }
  }
  // The rules' own fixtures hold cases of each message.
  for (const [rule, n] of compared) assert.ok(n > 0, `no keepalived warning compared for ${rule}`);
  assert.deepEqual(problems, []);
});
