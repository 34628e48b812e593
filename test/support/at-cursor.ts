/**
 * Runs a feature at the cursor marks (‸) of one file of a small workspace, for a chosen target version, and
 * cleans the workspace up. Shared by the completion and hover tests.
 */
import type { FeatureContext } from '../../server/src/features/context.js';
import type { TargetVersions } from '../../server/src/knowledge/versions.js';
import { featureWorkspace } from './feature-workspace.js';

export function atCursors<T>(files: Record<string, string>, rel: string, run: (ctx: FeatureContext, offsets: number[]) => T, versions: Partial<TargetVersions> = {}): T {
  const w = featureWorkspace(files);
  try {
    const base = w.ctx(rel);
    const ctx: FeatureContext = { ...base, settings: { ...base.settings, versions: { ...base.settings.versions, ...versions } } };
    return run(ctx, w.marks(rel));
  } finally {
    w.dispose();
  }
}

/** A one-file workspace: the text with its cursor marks, named `rel`. */
export const single = (rel: string, marked: string) => ({ [rel]: marked });

/** `text` with the first `needle` replaced; throws when it is missing, so a fixture edit cannot silently do nothing. */
export function replaced(text: string, needle: string, replacement: string): string {
  if (!text.includes(needle)) throw new Error(`'${needle}' is not in the fixture`);
  return text.replace(needle, () => replacement);
}
