// Other editors start the server as an installed program: `hapair-language-server --stdio`. This test packs the
// package with npm, installs the tarball into an empty project, and speaks LSP to the installed binary exactly as
// Neovim or Helix would start it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient } from './support/lsp-client.js';

const REPO = new URL('..', import.meta.url).pathname;

test('the installed hapair-language-server --stdio publishes cross-file diagnostics', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hapair-bin-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  npm(['pack', '--silent', '--pack-destination', dir], REPO);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack produced a tarball');
  const project = join(dir, 'project');
  cpSync(join(REPO, 'examples/k8s-api-pair'), join(project, 'lb-pair'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "name": "editor-setup", "private": true }\n');
  npm(['install', '--no-audit', '--no-fund', '--offline', join(dir, tarball)], project);

  const client = await LspClient.spawn([join(project, 'node_modules/.bin/hapair-language-server'), '--stdio'], join(project, 'lb-pair'));
  t.after(() => client.stop());
  const lb2 = `file://${join(project, 'lb-pair/lb2/keepalived.conf')}`;
  const diagnostics = await client.waitFor(lb2, (d) => d.some((x) => x.code === 'peer-vrid-mismatch'));
  assert.ok(diagnostics.find((d) => d.code === 'peer-vrid-mismatch')!.relatedInformation?.some((r) => r.location.uri.endsWith('/lb1/keepalived.conf')));
});
