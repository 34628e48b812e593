/** Runs the analysis on one file the way `hapair check FILE` does, for tests. */
import { Workspace } from '../../server/src/workspace/workspace.js';
import { nodeFileSystem } from '../../server/src/workspace/node-fs.js';
import { languageFromContent, languageFromName } from '../../server/src/workspace/detect.js';
import { analyze } from '../../server/src/analysis/analyze.js';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../server/src/analysis/settings.js';
import type { Finding } from '../../server/src/rules/rule.js';
import type { Language } from '../../server/src/workspace/types.js';

/** The versions of the real programs that judge us here (Debian 12: haproxy 2.6.12, keepalived 2.2.7). */
export const JUDGE_SETTINGS: AnalysisSettings = { ...DEFAULT_SETTINGS, versions: { haproxy: '2.6', keepalived: '2.2' } };

/** Checks with the judges' versions by default, since corpus labels and agreement tests come from them. */
export function checkFile(path: string, language?: Language, settings: AnalysisSettings = JUDGE_SETTINGS): { language?: Language; findings: Finding[] } {
  const content = nodeFileSystem.readFile(path);
  const lang = language ?? languageFromName(path) ?? (content && !content.binary ? languageFromContent(content.text) : undefined);
  if (!lang) return { findings: [] };
  const ws = new Workspace(nodeFileSystem, [path.slice(0, path.lastIndexOf('/'))]);
  ws.addFile(path, lang);
  return { language: lang, findings: [...analyze(ws, settings).findings] };
}

export function describeFinding(f: Finding): string {
  const p = f.file.lines().positionAt(f.span.start);
  return `${f.file.uri}:${p.line + 1}:${p.character + 1} ${f.severity}[${f.code}]: ${f.message}`;
}
