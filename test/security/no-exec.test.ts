// hapair reads configs; it never runs what they name. Configs full of things that would run something (notify
// scripts, vrrp_script checks, HAProxy `program` sections, external checks, Lua) go through the CLI and the
// language server with child_process instrumented: not a single program may be started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient } from '../support/lsp-client.js';

const REPO = new URL('../..', import.meta.url).pathname;
const PRELOAD = join(REPO, 'test/security/record-exec.cjs');

function workspace(): { root: string; marker: string; log: string } {
  const root = mkdtempSync(join(tmpdir(), 'hapair-noexec-'));
  const marker = join(root, 'EXECUTED');
  const log = join(root, 'exec.log');
  const script = join(root, 'touch-marker.sh');
  writeFileSync(script, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
  for (const [node, state, priority] of [['lb1', 'MASTER', 110], ['lb2', 'BACKUP', 100]] as const) {
    mkdirSync(join(root, node));
    writeFileSync(
      join(root, node, 'keepalived.conf'),
      `global_defs {\n  router_id ${node}\n  script_user root\n  enable_script_security\n}\n` +
        `vrrp_script chk {\n  script "${script}"\n  interval 1\n}\n` +
        `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n` +
        `  notify "${script}"\n  notify_master "${script} master"\n  virtual_ipaddress {\n    192.0.2.100/24\n  }\n  track_script {\n    chk\n  }\n}\n`,
    );
    writeFileSync(
      join(root, node, 'haproxy.cfg'),
      `global\n  lua-load ${script}\n  external-check\n` +
        `program marker\n  command ${script}\n` +
        `defaults\n  mode http\n  timeout connect 5s\n  timeout client 30s\n  timeout server 30s\n` +
        `frontend fe\n  bind 192.0.2.100:80\n  default_backend be\n` +
        `backend be\n  option external-check\n  external-check command ${script}\n  server s1 198.51.100.1:80 check\n`,
    );
  }
  return { root, marker, log };
}

function assertNothingRan(w: { marker: string; log: string }): void {
  assert.ok(!existsSync(w.marker), 'a script named in a config was executed');
  assert.equal(existsSync(w.log) ? readFileSync(w.log, 'utf8') : '', '', 'child_process was called');
}

test('hapair check and hapair peer start no program', (t) => {
  const w = workspace();
  t.after(() => rmSync(w.root, { recursive: true, force: true }));
  const env = { ...process.env, HAPAIR_EXEC_LOG: w.log };
  const run = (args: string[]) => spawnSync(process.execPath, ['--require', PRELOAD, join(REPO, 'dist/cli.js'), ...args], { env, encoding: 'utf8' });
  const check = run(['check', '--format', 'json', w.root]);
  assert.ok(check.status === 0 || check.status === 1, check.stderr);
  assert.ok(JSON.parse(check.stdout).diagnostics, 'the check ran');
  assert.equal(run(['peer', join(w.root, 'lb1/keepalived.conf')]).status, 0);
  assertNothingRan(w);
});

test('the language server starts no program, whatever the configs name', async (t) => {
  const w = workspace();
  t.after(() => rmSync(w.root, { recursive: true, force: true }));
  process.env.HAPAIR_EXEC_LOG = w.log;
  const client = await LspClient.spawn([process.execPath, '--require', PRELOAD, join(REPO, 'dist/server.js'), '--stdio'], w.root);
  t.after(() => client.stop());
  const uri = `file://${join(w.root, 'lb1/keepalived.conf')}`;
  await client.waitFor(uri, () => true);
  const text = readFileSync(join(w.root, 'lb1/keepalived.conf'), 'utf8');
  client.open(uri, 'keepalived', text);
  client.change(uri, 2, text.replace('priority 110', 'priority 100'));
  await client.waitFor(uri, (d) => d.some((x) => x.code === 'duplicate-priority'));
  await client.connection.sendRequest('workspace/executeCommand', { command: 'hapair.server.generatePeer', arguments: [{ uri, language: 'keepalived' }] });
  assertNothingRan(w);
});
