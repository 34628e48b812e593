/**
 * The bundled example pair (examples/k8s-api-pair), in a temporary copy on disk: applying the first fix of each
 * finding, file by file as an editor would, leaves a pair with no findings at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { analyze } from '../../../server/src/analysis/analyze.js';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings.js';
import { featureContext } from '../../../server/src/features/context.js';
import { quickFixes } from '../../../server/src/features/code-actions/quick-fixes.js';
import { nodeFileSystem } from '../../../server/src/workspace/node-fs.js';
import { Workspace } from '../../../server/src/workspace/workspace.js';
import { applyEdits } from '../../support/apply-edits.js';
import { REPO_ROOT } from '../../support/corpus.js';

test('the example pair: one fix per finding, applied on disk, leaves no finding', () => {
  const root = mkdtempSync(join(tmpdir(), 'hapair-fix-'));
  try {
    cpSync(join(REPO_ROOT, 'examples', 'k8s-api-pair'), root, { recursive: true });
    const applied: string[] = [];
    for (let round = 0; round < 10; round++) {
      const ws = new Workspace(nodeFileSystem, [root]);
      ws.discover(root);
      const analysis = analyze(ws, DEFAULT_SETTINGS);
      if (analysis.findings.length === 0) break;
      const f = analysis.findings[0]!;
      const ctx = featureContext(ws, analysis, DEFAULT_SETTINGS, f.file.uri, ws.entry(f.file.uri)!.language);
      const fix = quickFixes(ctx, f.code, f.span)[0]!;
      assert.doesNotMatch(fix.title, /^Disable/, `${f.code} has no fix of its own`);
      applied.push(`${relative(root, f.file.uri)} ${f.code}: ${fix.title} [${fix.changes.map((c) => relative(root, c.file.uri)).join(', ')}]`);
      for (const { file, edits } of fix.changes) writeFileSync(file.uri, applyEdits(readFileSync(file.uri, 'utf8'), edits));
    }
    assert.deepEqual(applied, [
      'lb1/keepalived.conf weight-cannot-bridge: Set weight -21: more than the gap of 20 to lb2 (K8S_API) [lb1/keepalived.conf]',
      'lb1/keepalived.conf peer-vrid-mismatch: Use virtual_router_id 52, as on lb2 (K8S_API) [lb1/keepalived.conf]',
      'lb1/keepalived.conf auth-pass-too-long: Shorten auth_pass to the 8 characters keepalived uses here and on lb2 (K8S_API) [lb1/keepalived.conf, lb2/keepalived.conf]',
      'lb2/haproxy.cfg bind-not-vip: Bind the VIP 192.0.2.100 (port 443 kept) [lb2/haproxy.cfg]',
    ]);
    const ws = new Workspace(nodeFileSystem, [root]);
    ws.discover(root);
    assert.deepEqual(analyze(ws, DEFAULT_SETTINGS).findings.map((f) => `${f.file.uri} ${f.code}`), []);
    assert.match(readFileSync(join(root, 'lb2/keepalived.conf'), 'utf8'), /auth_pass k8s-vip- {3}# same first 8 characters/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
