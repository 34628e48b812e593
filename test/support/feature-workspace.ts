/**
 * A small workspace on disk for feature tests: files given as text (with `‸` cursor markers), discovered and
 * analysed as the language server does, and a FeatureContext per file. Occurrences print as `lb1/haproxy.cfg:12
 * be_api`, so expectations read like the configs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyze } from '../../server/src/analysis/analyze.js';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings.js';
import { featureContext, type FeatureContext } from '../../server/src/features/context.js';
import type { SourceFile, Span } from '../../server/src/syntax/text.js';
import { nodeFileSystem } from '../../server/src/workspace/node-fs.js';
import { Workspace } from '../../server/src/workspace/workspace.js';
import { cursors } from './cursor.js';

export interface FeatureWorkspace {
  readonly root: string;
  /** The context of a file, by path relative to the root. */
  ctx(rel: string): FeatureContext;
  /** The cursor offsets marked in a file. */
  marks(rel: string): number[];
  /** `rel:line text` of a span (line 1-based). */
  show(file: SourceFile, span: Span): string;
  dispose(): void;
}

export function featureWorkspace(files: Record<string, string>): FeatureWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'hapair-features-'));
  const marks = new Map<string, number[]>();
  for (const [rel, marked] of Object.entries(files)) {
    const { text, offsets } = cursors(marked);
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
    marks.set(rel, offsets);
  }
  const ws = new Workspace(nodeFileSystem, [root]);
  ws.discover(root);
  const analysis = analyze(ws);
  return {
    root,
    ctx(rel) {
      const path = join(root, rel);
      const language = ws.entry(path)?.language;
      if (!language) throw new Error(`${rel} is not a config the workspace found`);
      return featureContext(ws, analysis, DEFAULT_SETTINGS, path, language);
    },
    marks: (rel) => marks.get(rel) ?? [],
    show(file, span) {
      const line = file.lines().lineOf(span.start) + 1;
      return `${file.uri.slice(root.length + 1)}:${line} ${file.text.slice(span.start, span.end)}`;
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
