// A 24,000-line haproxy.cfg: completion and hover look at the cursor's line and section, so they answer wherever the
// cursor is, even where every backend of the file is offered. How fast is measured by `npm run bench` (the server
// suite's 24k rows), not here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../../server/src/features/completion.js';
import { hover } from '../../../server/src/features/hover.js';
import { featureWorkspace } from '../../support/feature-workspace.js';
import { bigHaproxyConfig } from '../outline/big-config.js';

test('24,000 lines: completion and hover answer in the middle and at the end of the file', () => {
  const base = bigHaproxyConfig(24_000);
  // Lines to complete on, in the middle of the file.
  const middle = base.indexOf('frontend fe_900\n');
  const text = `${base.slice(0, middle)}frontend fe_probe\n    bind :1\n    use_backend \n    http-request deny if !\n    option \n    \n\n${base.slice(middle)}`;
  const w = featureWorkspace({ 'haproxy.cfg': text });
  try {
    const ctx = w.ctx('haproxy.cfg');
    const after = (needle: string) => text.indexOf(needle, middle) + needle.length;
    const labels = (offset: number) => complete(ctx, { offset }).map((c) => c.label);
    assert.ok(labels(after('use_backend ')).length > 1000);
    assert.ok(labels(after('deny if !')).length > 0);
    assert.ok(labels(after('option ')).includes('httplog'));
    assert.ok(labels(after('option \n    ')).includes('bind'));
    assert.ok(labels(text.length).includes('backend'));
    assert.match(hover(ctx, text.indexOf('be_900_api') + 3)!.markdown, /Routed to by frontend `fe_900`/);
    assert.match(hover(ctx, text.lastIndexOf('balance') + 2)!.markdown, /^\*\*balance\*\*/);
  } finally {
    w.dispose();
  }
});
