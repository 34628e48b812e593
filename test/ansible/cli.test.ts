// `hapair check` on an Ansible role folder (a copy of seed 001): the bundled CLI reports rendered findings at
// the template, and where it could not render a template, a template-not-rendered finding saying why.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { project, SEED_001 } from './support.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function hapair(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  const b = spawnSync(process.execPath, ['build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
});

test('hapair check on the role folder: clean as it is, duplicate-priority at the template when both hosts say 100', (t) => {
  const p = project({}, SEED_001);
  t.after(() => p.dispose());
  const clean = hapair(['check', '.'], p.root);
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.doesNotMatch(clean.stdout, /\[host/);
  assert.equal(clean.stderr, '');

  p.write('inventory/host_vars/lb-1', 'lb_priority: "100"\n');
  const text = hapair(['check', '.'], p.root);
  assert.equal(text.code, 0, 'a warning is no error');
  assert.match(text.stdout, /^roles\/loadbalancer\/templates\/keepalived-conf\.j2:13:12: warning duplicate-priority: \[host lb-0\] priority 100 is also the priority of lb-1 \(VI_1\)/m);
  const json = JSON.parse(hapair(['check', '--format', 'json', '.'], p.root).stdout) as { diagnostics: Array<{ file: string; line: number; code: string; message: string }> };
  assert.deepEqual(
    json.diagnostics.filter((d) => d.code === 'duplicate-priority').map((d) => `${d.file}:${d.line}`),
    ['roles/loadbalancer/templates/keepalived-conf.j2:13'],
  );

  p.write('roles/loadbalancer/templates/keepalived-conf.j2', '{% include "other.j2" %}\n');
  const unrendered = hapair(['check', '.'], p.root);
  assert.equal(unrendered.code, 0, 'an information finding is no error');
  assert.match(
    unrendered.stdout,
    /^roles\/loadbalancer\/templates\/keepalived-conf\.j2:1:1: information template-not-rendered: \[hosts lb-0, lb-1\] not rendered for these hosts: \{% include %\}: includes of other templates are not supported; the template is checked as written/m,
  );
  assert.equal(unrendered.stderr, '');

  // A layout file that cannot be used is a note: it has no place in a checked file.
  p.write('inventory/group_vars/loadbalancer', 'lb_floating_ip: [unclosed\n');
  assert.equal(hapair(['check', '.'], p.root).stderr, 'hapair: inventory/group_vars/loadbalancer:2:1: warning: unexpected end of the stream within a flow collection: the file is skipped\n');
});
