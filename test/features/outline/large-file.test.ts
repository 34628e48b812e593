// Timing on a 24,000-line haproxy.cfg: outline, folding, selection ranges and navigation answer in milliseconds
// (one pass over the syntax tree; navigation's name index is built once per file version). CPU time, with bounds
// far below what a quadratic pass would take; the measured medians are reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols } from '../../../server/src/features/outline/document-symbols.js';
import { foldingRanges } from '../../../server/src/features/outline/folding.js';
import { selectionRanges } from '../../../server/src/features/outline/selection-ranges.js';
import { definitions, highlights, references } from '../../../server/src/features/navigation/navigate.js';
import { workspaceSymbols } from '../../../server/src/features/navigation/workspace-symbols.js';
import { documentSymbol } from '../../../server/src/lsp/outline.js';
import { featureWorkspace } from '../../support/feature-workspace.js';
import { cpuMs, medianMs } from '../../support/timing.js';
import { bigHaproxyConfig } from './big-config.js';

const BOUND_MS = 50;

test('24,000 lines: every outline and navigation request in milliseconds', (t) => {
  const text = bigHaproxyConfig(24_000);
  const w = featureWorkspace({ 'haproxy.cfg': text });
  try {
    const ctx = w.ctx('haproxy.cfg');
    const cursor = text.indexOf('be_900_api') + 3;
    // The first navigation request builds the file's name index.
    let defs: unknown[] = [];
    const indexMs = cpuMs(() => (defs = definitions(ctx, cursor)));
    assert.equal(defs.length, 1);
    const timings: Record<string, number> = {
      // What the server sends: the outline converted to the protocol and serialised.
      'documentSymbols': medianMs(() => JSON.stringify(documentSymbols(ctx).map((s) => documentSymbol(ctx.file, s)))),
      'foldingRanges': medianMs(() => foldingRanges(ctx)),
      'selectionRanges': medianMs(() => selectionRanges(ctx, [cursor])),
      'definition': medianMs(() => definitions(ctx, cursor)),
      'references': medianMs(() => references(ctx, cursor, true)),
      'highlights': medianMs(() => highlights(ctx, cursor)),
      'workspaceSymbols': medianMs(() => workspaceSymbols(ctx.analysis, 'api')),
    };
    t.diagnostic(`name index ${indexMs.toFixed(1)} ms; ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(2)} ms`).join(', ')}`);
    assert.ok(indexMs < 4 * BOUND_MS, `name index took ${indexMs.toFixed(1)} ms`);
    for (const [name, ms] of Object.entries(timings)) assert.ok(ms < BOUND_MS, `${name} took ${ms.toFixed(1)} ms`);
    // Over MAX_OUTLINE_LINES listed lines, the outline lists the sections only.
    const outline = documentSymbols(ctx);
    assert.ok(outline.length > 2500 && outline.every((s) => s.children.length === 0));
  } finally {
    w.dispose();
  }
});
