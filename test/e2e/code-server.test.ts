// The editor end-to-end test of `npm test`: runs the mocha suite in test/e2e/suite inside code-server
// (Node 24 extension host) driven by Debian's Chromium, headless. Installs what is missing first (see
// harness/install.ts); where it cannot (not root and Debian packages missing, not Linux, or
// HAPAIR_E2E_SKIP=1), the test is skipped with a one-line reason. A failed install fails the test.
//
// Settings from the environment: HAPAIR_E2E_VSIX (default dist/hapair.vsix, skipped when absent),
// HAPAIR_E2E_WORKSPACE (default examples/k8s-api-pair), HAPAIR_E2E_SUITE (e.g. `smoke,diagnostics`),
// HAPAIR_E2E_GREP, HAPAIR_E2E_KEEP=1 (keep the temporary run folder).
// Output: test-results/e2e/code-server.log, code-server-result.json, code-server.png (green) or
// code-server-failure.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureE2E } from './harness/install.js';
import { formatFailures, optionsFromEnv, runInCodeServer } from './harness/run.js';

test('editor e2e: mocha suite in code-server + headless Chromium', { timeout: 45 * 60_000 }, async (t) => {
  const avail = await ensureE2E((line) => t.diagnostic(line));
  if (!avail.ok) {
    if (!avail.skip) assert.fail(`e2e setup failed: ${avail.reason}`);
    t.skip(`SKIPPED (code-server e2e unavailable): ${avail.reason}`);
    return;
  }
  const run = await runInCodeServer(avail.install, optionsFromEnv());
  t.diagnostic(`${run.vsixInstalled ? 'hapair .vsix installed' : 'no .vsix: runner only'}; log ${run.logFile}; screenshot ${run.screenshot ?? 'none'}`);
  if (run.blocked.length > 0) t.diagnostic(`WARNING: the page tried to reach ${run.blocked.length} other origin(s) (blocked): ${run.blocked.slice(0, 3).join(', ')}`);
  const { result } = run;
  assert.equal(result.failed, 0, `${result.failed} e2e test(s) failed (log ${run.logFile}, screenshot ${run.screenshot}):\n\n${formatFailures(result)}`);
  assert.ok(result.passed > 0, `no e2e test ran (log ${run.logFile})`);
  if (run.vsixInstalled) {
    // The user's view: the Problems panel lists the example pair's split-brain finding.
    assert.match(run.problemsPanel ?? '', /peer-vrid-mismatch/, `the Problems panel does not show the example pair's findings (screenshot ${run.screenshot})`);
  }
  t.diagnostic(`${result.passed} e2e tests passed in ${result.durationMs} ms`);
});
