/**
 * The edits the benchmark types into a document: at random indented lines, a character appended to the
 * line's keyword (`balance` → `balancex`: an unknown keyword, so the diagnostics change), then removed again
 * by the next edit. Every edit therefore changes the published diagnostics, and the file is valid again
 * after an even number of edits. Shared by the language-server run and the in-process analysis probe.
 */
import { prng } from './prng.js';

export interface Edit {
  line: number;
  character: number;
  /** Text inserted at (line, character), or null to delete the one character there. */
  insert: string | null;
}

/** `count` edits at random indented lines other than `avoid` (e.g. a line that already has a finding). */
export function editPlan(lines: readonly string[], count: number, avoid = -1, seed = 7): Edit[] {
  const rnd = prng(seed);
  const candidates: number[] = [];
  lines.forEach((l, i) => {
    if (i !== avoid && /^ {4}[a-z]/.test(l)) candidates.push(i);
  });
  const plan: Edit[] = [];
  while (plan.length < count) {
    const line = candidates[Math.floor(rnd() * candidates.length)]!;
    const character = 4 + /^\s*(\S+)/.exec(lines[line]!)![1]!.length;
    plan.push({ line, character, insert: 'x' });
    if (plan.length < count) plan.push({ line, character, insert: null });
  }
  return plan;
}

/** Applies an edit to the lines in place. */
export function applyEdit(lines: string[], e: Edit): void {
  const l = lines[e.line]!;
  lines[e.line] = e.insert === null ? l.slice(0, e.character) + l.slice(e.character + 1) : l.slice(0, e.character) + e.insert + l.slice(e.character);
}

/** The LSP content change for an edit. */
export function contentChange(e: Edit): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  const start = { line: e.line, character: e.character };
  return { range: { start, end: { line: e.line, character: e.character + (e.insert === null ? 1 : 0) } }, text: e.insert ?? '' };
}

/**
 * The text with a misspelt keyword near its end (the last `balance` becomes `balanse`), so the first
 * diagnostics are not empty and show whether the whole file was analysed. Returns the 0-based line.
 */
export function withTypoNearEnd(text: string): { text: string; line: number } {
  const at = text.lastIndexOf('\n    balance ');
  if (at === -1) throw new Error('no balance line to misspell');
  const line = text.slice(0, at + 1).split('\n').length - 1;
  return { text: `${text.slice(0, at)}\n    balanse ${text.slice(at + '\n    balance '.length)}`, line };
}
