// A 24,000-line haproxy.cfg: outline, folding, selection ranges and navigation answer for the whole file. How fast
// they answer is measured by `npm run bench` (the server suite's 24k rows), not here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols } from '../../../server/src/features/outline/document-symbols.js';
import { foldingRanges } from '../../../server/src/features/outline/folding.js';
import { selectionRanges } from '../../../server/src/features/outline/selection-ranges.js';
import { definitions, highlights, references } from '../../../server/src/features/navigation/navigate.js';
import { workspaceSymbols } from '../../../server/src/features/navigation/workspace-symbols.js';
import { featureWorkspace } from '../../support/feature-workspace.js';
import { bigHaproxyConfig } from './big-config.js';

test('24,000 lines: every outline and navigation request answers for the whole file', () => {
  const text = bigHaproxyConfig(24_000);
  const w = featureWorkspace({ 'haproxy.cfg': text });
  try {
    const ctx = w.ctx('haproxy.cfg');
    const cursor = text.indexOf('be_900_api') + 3;
    assert.equal(definitions(ctx, cursor).length, 1);
    // The backend's own line and the frontend's use_backend line.
    assert.ok(references(ctx, cursor, true).length >= 2);
    assert.ok(highlights(ctx, cursor).length >= 2);
    assert.equal(selectionRanges(ctx, [cursor]).length, 1);
    assert.ok(foldingRanges(ctx).length > 2500);
    assert.ok(workspaceSymbols(ctx.analysis, 'api').length > 100);
    // Over MAX_OUTLINE_LINES listed lines, the outline lists the sections only.
    const outline = documentSymbols(ctx);
    assert.ok(outline.length > 2500 && outline.every((s) => s.children.length === 0));
  } finally {
    w.dispose();
  }
});
