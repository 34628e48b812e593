// Passwords written in configs never reach the CLI's output (text with source lines, JSON, SARIF), even for the
// findings that are about them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

function instance(pass: string, state: string, priority: number): string {
  return `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }\n  virtual_ipaddress {\n    192.0.2.100\n  }\n}\n`;
}

test('auth_pass and HAProxy passwords are masked in every output format', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hapair-secrets-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'lb1'));
  mkdirSync(join(root, 'lb2'));
  // Too long on lb1, and different from lb2 within the first 8 characters: two findings about passwords.
  writeFileSync(join(root, 'lb1/keepalived.conf'), instance('Zq9xWvT4kLmN', 'MASTER', 110));
  writeFileSync(join(root, 'lb2/keepalived.conf'), instance('"Pr7#uYhG"', 'BACKUP', 100));
  writeFileSync(
    join(root, 'lb1/haproxy.cfg'),
    'userlist admins\n  user ops insecure-password Hx5pQwErTy\nlisten stats\n  bind 192.0.2.100:8404\n  mode http\n  stats enable\n  stats auth admin:Sk3VbNmQa\n  stats bogus-option\n',
  );
  for (const format of ['text', 'json', 'sarif']) {
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', format, root], { encoding: 'utf8' });
    assert.ok(r.stdout.includes('auth-pass-too-long') && r.stdout.includes('peer-auth-mismatch'), `${format}: the password findings are there\n${r.stdout}`);
    for (const secret of ['Zq9xWvT4kLmN', 'Zq9xWvT4', 'Pr7#uYhG', 'Hx5pQwErTy', 'Sk3VbNmQa']) {
      assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `${format} output shows '${secret}':\n${r.stdout}`);
    }
  }
});

test('a short password is masked where it stands as a word, not inside other words', async () => {
  const { maskSecrets, MASK } = await import('../../server/src/analysis/secrets.js');
  assert.equal(maskSecrets('HAProxy binds x and "x", x:x', ['x']), `HAProxy binds ${MASK} and "${MASK}", ${MASK}:${MASK}`);
  assert.equal(maskSecrets('  auth_pass 1111 # port 11111', ['1111']), `  auth_pass ${MASK} # port 11111`);
  assert.equal(maskSecrets('stats auth admin:pa$$', ['pa$$']), `stats auth admin:${MASK}`);
  // Where the password ends in a sign there is no word edge to go by: masked, to be safe.
  assert.equal(maskSecrets('pa$$word and pa$$', ['pa$$']), `${MASK}word and ${MASK}`);
});

test('words after "password" in a comment are no secrets; a commented-out auth_pass is one', async () => {
  const { secretsOf } = await import('../../server/src/analysis/secrets.js');
  const { sourceFile } = await import('../../server/src/syntax/text.js');
  const file = sourceFile('file:///k.conf', '# a password without a type\n! the password: none\nvrrp_instance VI_1 {\n  authentication { auth_pass Zq9x } ! auth_pass old\n}\n');
  assert.deepEqual(secretsOf(file), ['Zq9x', 'old']);
});
