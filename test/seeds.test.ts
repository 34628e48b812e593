/**
 * The seed workspaces (test/seeds/<seed>/): each re-creates the HA pair of one of the five write-ups hapair was
 * built from (/work/shared/seeds), with documentation addresses. Each folder is analysed the way
 * `hapair check <folder>` does it (Workspace + discover + analyze), and must draw no error except the ones the
 * real programs confirm. The real problems the posts contain must be found.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../server/src/workspace/workspace.js';
import { nodeFileSystem } from '../server/src/workspace/node-fs.js';
import { analyze } from '../server/src/analysis/analyze.js';
import { describeResult, haproxyCheck, keepalivedTest, skipUnless } from './support/real-programs.js';

const SEEDS = resolve(fileURLToPath(new URL('.', import.meta.url)), 'seeds');

interface Located {
  /** Relative to the seed folder, '/'-separated. */
  readonly file: string;
  /** 1-based, as `hapair check` prints it. */
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

interface Checked {
  readonly findings: Located[];
  /** Discovered config files, relative, with their language. */
  readonly files: string[];
  readonly problems: string[];
}

/** What `hapair check <folder>` does, minus the printing. */
function check(seed: string): Checked {
  const dir = join(SEEDS, seed);
  const ws = new Workspace(nodeFileSystem, [dir]);
  ws.discover(dir);
  const rel = (p: string) => (p.startsWith(dir + '/') ? p.slice(dir.length + 1) : p);
  const { findings } = analyze(ws, undefined, rel);
  return {
    findings: findings.map((f) => {
      const r = f.file.lines().rangeOf(f.span);
      return { file: rel(f.file.uri), line: r.start.line + 1, column: r.start.character + 1, severity: f.severity, code: f.code, message: f.message };
    }),
    files: ws
      .allEntries()
      .map((e) => `${rel(e.path)} (${e.language})`)
      .sort(),
    problems: ws.problems.map((p) => `${p.path}: ${p.message}`),
  };
}

function show(findings: readonly Located[]): string {
  if (findings.length === 0) return '  (no findings)';
  return findings.map((f) => `  ${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}`).join('\n');
}

/** A finding a seed must (or must not) produce; line and severity are optional. */
interface Expect {
  readonly file: string;
  readonly code: string;
  readonly severity: string;
  readonly line?: number;
}

function has(findings: readonly Located[], e: Expect): boolean {
  return findings.some((f) => f.file === e.file && f.code === e.code && f.severity === e.severity && (e.line === undefined || f.line === e.line));
}

interface SeedSpec {
  /** Config files discovery must find (and no others). */
  readonly files: string[];
  /** Real problems of the post that must be reported. */
  readonly present: Expect[];
  /** Rules that must stay silent on this seed (whatever file). */
  readonly absent: string[];
  /**
   * Errors that are real: the program itself refuses the config. Every one is confirmed by the real program in
   * its own test below. Any other error-severity finding fails the seed.
   */
  readonly knownErrors?: Expect[];
}

const SPECS: Record<string, SeedSpec> = {
  // Hetzner: floating IPs moved by a notify_master script, so keepalived declares no VIP at all.
  '000-hetzner-floating-ip': {
    files: ['lb1/haproxy.cfg (haproxy)', 'lb1/keepalived.conf (keepalived)', 'lb2/haproxy.cfg (haproxy)', 'lb2/keepalived.conf (keepalived)'],
    present: [
      { file: 'lb1/keepalived.conf', code: 'no-vip', severity: 'information', line: 9 },
      { file: 'lb2/keepalived.conf', code: 'no-vip', severity: 'information', line: 9 },
    ],
    // No VIP is declared, so binds on the floating IPs must not be judged; the password has 8 characters.
    absent: ['bind-not-vip', 'auth-pass-too-long', 'weight-cannot-bridge', 'duplicate-priority'],
  },
  // Ansible role: one template per program, priority and VIP are Jinja expressions.
  '001-ansible-role': {
    files: ['roles/loadbalancer/templates/haproxy-cfg.j2 (haproxy)', 'roles/loadbalancer/templates/keepalived-conf.j2 (keepalived)'],
    present: [],
    // `{{ lb_priority }}` / `{{ lb_floating_ip }}` are unknown until deployment; WAIT_END is a predefined ACL and
    // the repeated `acl clienthello` lines are legal.
    absent: ['priority-out-of-range', 'invalid-address', 'vip-family-mismatch', 'undefined-acl', 'parse-error', 'bind-not-vip'],
  },
  // Control plane behind a DNS name; the BACKUP file closes two blocks with `}}`.
  '002-control-plane-unicast': {
    files: ['lb1/haproxy.cfg (haproxy)', 'lb1/keepalived.conf (keepalived)', 'lb2/haproxy.cfg (haproxy)', 'lb2/keepalived.conf (keepalived)'],
    present: [
      // script "pgrep haproxy" with no enable_script_security: keepalived -t prints SECURITY VIOLATION.
      { file: 'lb1/keepalived.conf', code: 'script-security-missing', severity: 'warning', line: 4 },
      { file: 'lb2/keepalived.conf', code: 'script-security-missing', severity: 'warning', line: 4 },
    ],
    absent: ['unbalanced-braces', 'parse-error', 'unicast-peer-mismatch', 'peer-vip-mismatch', 'invalid-address', 'weight-cannot-bridge'],
    // The post appends its frontend (no `mode`) and a `mode tcp` backend to Ubuntu's default haproxy.cfg, whose
    // defaults say `mode http`: haproxy -c refuses it ("http frontend ... tries to use incompatible tcp backend").
    knownErrors: [
      { file: 'lb1/haproxy.cfg', code: 'mode-mismatch', severity: 'error', line: 37 },
      { file: 'lb2/haproxy.cfg', code: 'mode-mismatch', severity: 'error', line: 37 },
    ],
  },
  // auth_type AH with a 10-character password, stats bound to the VIP, killall -0 check with weight 2.
  '003-ah-auth-stats': {
    files: ['lb1/haproxy.cfg (haproxy)', 'lb1/keepalived.conf (keepalived)', 'lb2/haproxy.cfg (haproxy)', 'lb2/keepalived.conf (keepalived)'],
    present: [
      { file: 'lb1/keepalived.conf', code: 'auth-pass-too-long', severity: 'warning', line: 29 },
      { file: 'lb2/keepalived.conf', code: 'auth-pass-too-long', severity: 'warning', line: 29 },
      // MASTER 101 / BACKUP 99 with `weight 2`: a failed check leaves 101 against 101, the VIP stays.
      { file: 'lb1/keepalived.conf', code: 'weight-cannot-bridge', severity: 'warning', line: 15 },
      { file: 'lb1/keepalived.conf', code: 'script-security-missing', severity: 'warning', line: 13 },
      { file: 'lb2/keepalived.conf', code: 'script-security-missing', severity: 'warning', line: 13 },
    ],
    // Both binds use the VIP itself; AH is a valid auth_type.
    absent: ['bind-not-vip', 'invalid-auth-type', 'peer-auth-mismatch', 'unicast-peer-mismatch'],
  },
  // OpenStack: multicast VRRP, weight -2 against a gap of 1, httpchk + ssl-hello-chk.
  '004-openstack-multicast': {
    files: ['lb1/haproxy.cfg (haproxy)', 'lb1/keepalived.conf (keepalived)', 'lb2/haproxy.cfg (haproxy)', 'lb2/keepalived.conf (keepalived)'],
    present: [
      { file: 'lb1/keepalived.conf', code: 'script-security-missing', severity: 'warning', line: 5 },
      { file: 'lb2/keepalived.conf', code: 'script-security-missing', severity: 'warning', line: 5 },
    ],
    // 101 - 2 = 99 < 100: the weight does move the VIP. `bind *:6443` is not a specific address.
    absent: ['weight-cannot-bridge', 'bind-not-vip', 'unicast-without-peers', 'duplicate-priority', 'mode-mismatch'],
  },
};

const seeds = readdirSync(SEEDS)
  .filter((n) => statSync(join(SEEDS, n)).isDirectory())
  .sort();

test('every seed folder has a spec, and every spec a folder', () => {
  assert.deepEqual(seeds, Object.keys(SPECS).sort());
});

for (const seed of seeds) {
  const spec = SPECS[seed];
  test(`seed ${seed}: no error-severity finding except the real ones`, () => {
    const { findings, problems } = check(seed);
    assert.deepEqual(problems, [], `workspace problems:\n${problems.join('\n')}`);
    const known = spec?.knownErrors ?? [];
    const unexpected = findings.filter((f) => f.severity === 'error' && !known.some((k) => has([f], k)));
    assert.equal(unexpected.length, 0, `\nunexpected error(s) in ${seed}:\n${show(unexpected)}\n\nall findings:\n${show(findings)}`);
    const missing = known.filter((k) => !has(findings, k));
    assert.equal(missing.length, 0, `\nknown real error(s) not reported in ${seed}: ${JSON.stringify(missing)}\n\nall findings:\n${show(findings)}`);
  });

  test(`seed ${seed}: discovery finds exactly its config files`, () => {
    const { files } = check(seed);
    assert.deepEqual(files, spec?.files);
  });

  test(`seed ${seed}: the post's real problems are reported, and only real ones`, () => {
    const { findings } = check(seed);
    const missing = (spec?.present ?? []).filter((e) => !has(findings, e));
    assert.equal(missing.length, 0, `\nnot reported in ${seed}: ${JSON.stringify(missing)}\n\nall findings:\n${show(findings)}`);
    const wrong = findings.filter((f) => spec?.absent.includes(f.code));
    assert.equal(wrong.length, 0, `\nrules that must stay silent on ${seed} reported:\n${show(wrong)}\n\nall findings:\n${show(findings)}`);
  });
}

test('seed 003: auth-pass-too-long names exactly the file and line where it is (both nodes)', () => {
  const { findings } = check('003-ah-auth-stats');
  const hits = findings.filter((f) => f.code === 'auth-pass-too-long');
  assert.deepEqual(
    hits.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}: ${f.message}`),
    [
      'lb1/keepalived.conf:29:19 warning: auth_pass has 10 characters: keepalived uses only the first 8 and ignores the rest',
      'lb2/keepalived.conf:29:19 warning: auth_pass has 10 characters: keepalived uses only the first 8 and ignores the rest',
    ],
    show(findings),
  );
});

test('seed 000: no VIP in keepalived, so no bind-not-vip on any of the floating-IP binds', () => {
  const { findings } = check('000-hetzner-floating-ip');
  assert.equal(
    findings.filter((f) => f.code === 'bind-not-vip').length,
    0,
    show(findings),
  );
  // And no error at all: the floating IPs live outside keepalived, the configs are otherwise sound.
  assert.equal(findings.filter((f) => f.severity === 'error').length, 0, show(findings));
});

// ----- the real programs agree -----------------------------------------------------------------

test('seed 002: the known mode-mismatch error is real (haproxy -c refuses the file)', (t) => {
  if (skipUnless(t, 'haproxy')) return;
  for (const node of ['lb1', 'lb2']) {
    const file = join(SEEDS, '002-control-plane-unicast', node, 'haproxy.cfg');
    const r = haproxyCheck(file);
    assert.notEqual(r.rc, 0, describeResult(r));
    assert.ok(
      r.messages.some((m) => m.level === 'alert' && /incompatible tcp backend 'k8s-managers'/.test(m.message)),
      describeResult(r),
    );
  }
});

test('seeds: every other HAProxy config is accepted by haproxy -c', (t) => {
  if (skipUnless(t, 'haproxy')) return;
  const files = [
    '000-hetzner-floating-ip/lb1/haproxy.cfg',
    '001-ansible-role/roles/loadbalancer/templates/haproxy-cfg.j2',
    '003-ah-auth-stats/lb1/haproxy.cfg',
    '004-openstack-multicast/lb1/haproxy.cfg',
  ];
  for (const f of files) {
    const r = haproxyCheck(join(SEEDS, f));
    assert.equal(r.rc, 0, `${f}\n${describeResult(r)}`);
  }
});

test('seed 003: keepalived -t truncates auth_pass on the line hapair reports', (t) => {
  if (skipUnless(t, 'keepalived', 'netns')) return;
  const { findings } = check('003-ah-auth-stats');
  for (const node of ['lb1', 'lb2']) {
    const r = keepalivedTest(join(SEEDS, '003-ah-auth-stats', node, 'keepalived.conf'));
    const truncated = r.messages.filter((m) => /Truncating auth_pass/.test(m.message)).map((m) => m.line);
    const ours = findings.filter((f) => f.code === 'auth-pass-too-long' && f.file === `${node}/keepalived.conf`).map((f) => f.line);
    assert.deepEqual(ours, truncated, describeResult(r));
  }
});

test('seed 002: keepalived reads the BACKUP file ending in `}}` without complaint about braces', (t) => {
  if (skipUnless(t, 'keepalived', 'netns')) return;
  const master = keepalivedTest(join(SEEDS, '002-control-plane-unicast', 'lb1', 'keepalived.conf'));
  const backup = keepalivedTest(join(SEEDS, '002-control-plane-unicast', 'lb2', 'keepalived.conf'));
  // Both draw only the script-security message, nothing about the layout of the braces.
  const text = (r: typeof master) => r.messages.map((m) => m.message);
  assert.deepEqual(text(backup), text(master), `${describeResult(master)}\n---\n${describeResult(backup)}`);
  assert.equal(backup.rc, master.rc, describeResult(backup));
});
