// Bad input never throws: every navigation and outline function at every offset of every rule fixture (broken
// braces, unclosed quotes, templates, CRLF, stray directives) and of the seed configs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/analysis/analyze.js';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings.js';
import { featureContext } from '../../../server/src/features/context.js';
import { symbolAt } from '../../../server/src/features/navigation/symbol.js';
import { prepareRename, rename } from '../../../server/src/features/navigation/rename.js';
import { workspaceSymbols } from '../../../server/src/features/navigation/workspace-symbols.js';
import { documentSymbols } from '../../../server/src/features/outline/document-symbols.js';
import { foldingRanges } from '../../../server/src/features/outline/folding.js';
import { selectionRanges } from '../../../server/src/features/outline/selection-ranges.js';
import { nodeFileSystem } from '../../../server/src/workspace/node-fs.js';
import { Workspace } from '../../../server/src/workspace/workspace.js';

const ROOTS = ['fixtures', 'seeds'].map((d) => new URL(`../../${d}`, import.meta.url).pathname);

function configFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) configFiles(path, out);
    else if (/\.(cfg|conf|j2)$/.test(name)) out.push(path);
  }
  return out;
}

for (const root of ROOTS) {
  test(`no feature throws anywhere in ${root.split('/').pop()}`, () => {
    const ws = new Workspace(nodeFileSystem, [root]);
    ws.discover(root);
    // Files discovery does not claim (fixtures of unusual shape) are checked in the language their name suggests.
    for (const path of configFiles(root)) if (!ws.has(path)) ws.addFile(path, path.includes('.cfg') ? 'haproxy' : 'keepalived', false);
    const analysis = analyze(ws);
    let symbols = 0;
    for (const entry of ws.allEntries()) {
      const ctx = featureContext(ws, analysis, DEFAULT_SETTINGS, entry.path, entry.language);
      const offsets = Array.from({ length: ctx.file.text.length + 1 }, (_, i) => i);
      for (const offset of offsets) {
        const symbol = symbolAt(ctx, offset);
        if (!symbol) continue;
        symbols++;
        assert.ok(symbol.span.start <= offset && offset <= symbol.span.end, `${entry.path}@${offset}`);
        symbol.occurrences();
        symbol.checkName('renamed');
        prepareRename(ctx, offset);
      }
      rename(ctx, offsets.length >> 1, 'renamed');
      documentSymbols(ctx);
      foldingRanges(ctx);
      selectionRanges(ctx, offsets);
    }
    workspaceSymbols(analysis, 'a');
    assert.ok(symbols > 0);
  });
}
