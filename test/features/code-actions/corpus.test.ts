/**
 * Quick fixes on real files (../shared/corpus, skipped with a reason when absent; and every rule fixture): for
 * each finding, every fix it offers applies cleanly (no overlapping edits), keeps the file's line endings,
 * and once applied the finding is gone from where it was (its place mapped through the edits) and no rule reports
 * more errors than before. Each file is checked on its own (the fixtures' pairs included).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, relative } from 'node:path';
import { analyze, type AnalysisResult } from '../../../server/src/analysis/analyze.js';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings.js';
import { featureContext } from '../../../server/src/features/context.js';
import { quickFixes } from '../../../server/src/features/code-actions/quick-fixes.js';
import type { TextEdit } from '../../../server/src/features/edits.js';
import type { Finding } from '../../../server/src/rules/rule.js';
import type { Language } from '../../../server/src/workspace/types.js';
import { Workspace } from '../../../server/src/workspace/workspace.js';
import { MemoryFileSystem } from '../../fuzz/memfs.js';
import { applyEdits } from '../../support/apply-edits.js';
import { corpusSkipReason, REPO_ROOT } from '../../support/corpus.js';
import { corpusConfigs, fixtureConfigs } from '../../support/config-files.js';

/** Enough findings per file to meet every rule the file triggers, few enough to keep the run short. */
const MAX_FINDINGS_PER_FILE = 12;

function analyseAlone(path: string, text: string, language: Language): { ws: Workspace; analysis: AnalysisResult } {
  const ws = new Workspace(new MemoryFileSystem([{ path, text }]), ['/c']);
  ws.addFile(path, language, true);
  return { ws, analysis: analyze(ws, DEFAULT_SETTINGS) };
}

/**
 * Where an offset of the text before the edits is in the text after them; -1 inside text an edit deletes (a line
 * removed or moved elsewhere: what follows it slides into its place and may have findings of its own).
 */
function mapped(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const e of edits) {
    if (e.newText === '' && e.start < offset && offset < e.end) return -1;
    if (e.end <= offset) shift += e.newText.length - (e.end - e.start);
  }
  return offset + shift;
}

const bareLfs = (s: string) => (s.match(/(^|[^\r])\n/g) ?? []).length;
const REVEALING = new Set(['unknown-keyword', 'duplicate-instance', 'missing-value']);

/** How many error findings each rule reports (messages may name lines, which an inserted line shifts). */
function errorsOf(a: AnalysisResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of a.findings) if (f.severity === 'error') out.set(f.code, (out.get(f.code) ?? 0) + 1);
  return out;
}

/** Checks every fix of every finding of one file; returns how many fixes were applied. */
function checkFile(name: string, text: string, language: Language): number {
  const path = `/c/${name}`;
  const { ws, analysis } = analyseAlone(path, text, language);
  const before = errorsOf(analysis);
  let applied = 0;
  for (const finding of analysis.findings.filter((f) => f.file.uri === path).slice(0, MAX_FINDINGS_PER_FILE)) {
    const ctx = featureContext(ws, analysis, DEFAULT_SETTINGS, path, language);
    for (const fix of quickFixes(ctx, finding.code, finding.span)) {
      const label = `${name}: ${finding.code} "${fix.title}"`;
      const edits = fix.changes.filter((c) => c.file.uri === path).flatMap((c) => c.edits);
      assert.equal(edits.length, fix.changes.flatMap((c) => c.edits).length, `${label} edits another file`);
      const fixed = applyEdits(text, edits);
      if (text.includes('\r\n') && bareLfs(text) === 0) assert.equal(bareLfs(fixed), 0, `${label} wrote LF line endings into a CRLF file`);
      const after = analyseAlone(path, fixed, language).analysis;
      const at = mapped(finding.span.start, edits);
      assert.ok(!after.findings.some((f: Finding) => f.code === finding.code && f.file.uri === path && f.span.start === at), `${label} did not remove the finding`);
      // Fixing these makes the program read what it skipped before (a block's lines under a corrected keyword, an
      // instance given a name or a name of its own), which may have findings of their own: there all along, unseen.
      const added = [...errorsOf(after)].filter(([code, n]) => code !== finding.code && n > (before.get(code) ?? 0));
      if (!REVEALING.has(finding.code)) assert.deepEqual(added, [], `${label} introduced errors`);
      applied++;
    }
  }
  return applied;
}

test('every quick fix of every corpus finding applies cleanly and removes its finding', { skip: corpusSkipReason(), timeout: 300_000 }, () => {
  let applied = 0;
  for (const f of [...corpusConfigs('haproxy'), ...corpusConfigs('keepalived'), ...corpusConfigs('jinja')]) applied += checkFile(basename(f.path), f.text, f.language);
  assert.ok(applied >= 200, `only ${applied} fixes applied`);
});

test('every quick fix of every rule fixture file applies cleanly and removes its finding', { timeout: 300_000 }, () => {
  let applied = 0;
  for (const f of fixtureConfigs()) applied += checkFile(relative(REPO_ROOT, f.path).replace(/\//g, '__'), f.text, f.language);
  assert.ok(applied >= 50, `only ${applied} fixes applied`);
});
