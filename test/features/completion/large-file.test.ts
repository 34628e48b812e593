// Timing on a 24,000-line haproxy.cfg: completion and hover look at the cursor's line and section (binary
// searches), so they answer in a few milliseconds wherever the cursor is, even where every backend of the file
// is offered. The bound is far below what a walk of the file per request would take; medians are reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../../server/src/features/completion.js';
import { hover } from '../../../server/src/features/hover.js';
import { featureWorkspace } from '../../support/feature-workspace.js';
import { bigHaproxyConfig } from '../outline/big-config.js';
import { medianMs } from '../../support/timing.js';

const BOUND_MS = 20;

test('24,000 lines: completion and hover in milliseconds', (t) => {
  const base = bigHaproxyConfig(24_000);
  // Lines to complete on, in the middle of the file.
  const middle = base.indexOf('frontend fe_900\n');
  const text = `${base.slice(0, middle)}frontend fe_probe\n    bind :1\n    use_backend \n    http-request deny if !\n    option \n    \n\n${base.slice(middle)}`;
  const w = featureWorkspace({ 'haproxy.cfg': text });
  try {
    const ctx = w.ctx('haproxy.cfg');
    const after = (needle: string) => text.indexOf(needle, middle) + needle.length;
    const cases: Record<string, () => unknown> = {
      'use_backend (every backend)': () => complete(ctx, { offset: after('use_backend ') }),
      'ACL names': () => complete(ctx, { offset: after('deny if !') }),
      'option names': () => complete(ctx, { offset: after('option ') }),
      'keywords on an empty line': () => complete(ctx, { offset: after('option \n    ') }),
      'keywords at the end of the file': () => complete(ctx, { offset: text.length }),
      'hover on a backend name': () => hover(ctx, text.indexOf('be_900_api') + 3),
      'hover on a keyword': () => hover(ctx, text.lastIndexOf('balance') + 2),
    };
    assert.ok(complete(ctx, { offset: after('use_backend ') }).length > 1000);
    assert.match(hover(ctx, text.indexOf('be_900_api') + 3)!.markdown, /Routed to by frontend `fe_900`/);
    assert.match(hover(ctx, text.lastIndexOf('balance') + 2)!.markdown, /^\*\*balance\*\*/);
    const timings = Object.fromEntries(Object.entries(cases).map(([name, run]) => [name, medianMs(run)]));
    t.diagnostic(Object.entries(timings).map(([k, v]) => `${k}: ${v.toFixed(2)} ms`).join(', '));
    for (const [name, ms] of Object.entries(timings)) assert.ok(ms < BOUND_MS, `${name} took ${ms.toFixed(1)} ms`);
  } finally {
    w.dispose();
  }
});
