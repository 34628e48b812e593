/**
 * Suppression comments, for findings a user has decided to live with:
 *   # hapair-disable-next-line [rule-id, …]   the next line
 *   # hapair-disable-line [rule-id, …]        at the end of the line itself
 * With no ids, every rule is silenced for that line.
 */
import type { Finding } from '../rules/rule.js';
import { textHas, type SourceFile } from '../syntax/text.js';

const DIRECTIVE = /[#!]\s*hapair-disable-(next-line|line)\b([^\n]*)/;

function suppressionsOf(file: SourceFile): Map<number, Set<string> | 'all'> {
  const out = new Map<number, Set<string> | 'all'>();
  if (!textHas(file, 'hapair-disable')) return out;
  file.text.split('\n').forEach((line, i) => {
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const target = m[1] === 'next-line' ? i + 1 : i;
    const ids = m[2]!.split(/[\s,]+/).filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
    out.set(target, ids.length === 0 ? 'all' : new Set(ids));
  });
  return out;
}

export function applySuppressions(findings: Finding[]): Finding[] {
  const cache = new Map<SourceFile, Map<number, Set<string> | 'all'>>();
  return findings.filter((f) => {
    let table = cache.get(f.file);
    if (!table) cache.set(f.file, (table = suppressionsOf(f.file)));
    if (table.size === 0) return true;
    const rule = table.get(f.file.lines().lineOf(f.span.start));
    return !(rule === 'all' || rule?.has(f.code));
  });
}
