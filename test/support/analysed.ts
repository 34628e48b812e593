/**
 * A workspace under /w as the language server sees it: an overlay (open buffers, a change log) over `disk`,
 * discovered, with `extra` files added as entries of their own (as a file open outside the folder, or named on the
 * command line, is), and an Analyzer that has run once over it. Edits go through `fs`; later runs may patch.
 */
import { Analyzer } from '../../server/src/analysis/analyze.js';
import { OverlayFileSystem } from '../../server/src/lsp/overlay-fs.js';
import type { FileSystem } from '../../server/src/workspace/fs.js';
import type { Language } from '../../server/src/workspace/types.js';
import { Workspace } from '../../server/src/workspace/workspace.js';

export function analysedOn(disk: FileSystem, extra: ReadonlyArray<{ path: string; language: Language }> = []) {
  const fs = new OverlayFileSystem(disk);
  const ws = new Workspace(fs, ['/w']);
  ws.discover('/w');
  for (const e of extra) ws.addFile(e.path, e.language);
  const analyzer = new Analyzer();
  return { fs, ws, analyzer, first: analyzer.run(ws) };
}
