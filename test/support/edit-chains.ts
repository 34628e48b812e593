/**
 * Random typing sessions for the incremental tests: chains of edits, each removing up to a few characters at a
 * random place and inserting fragments chosen for the language (headers, braces, quotes, `.if` lines…). A test gives
 * the state it keeps across the chain and what it checks after every edit.
 */
import fc from 'fast-check';

export interface TextEdit {
  /** Where, as a fraction of the text's length. */
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

export interface ChainOptions {
  readonly runs: number;
  readonly seed: number;
  readonly maxEdits: number;
  readonly maxRemove?: number;
  readonly maxPieces?: number;
  /** Move every other edit to the start of its line, where headers and settings are typed. */
  readonly lineStarts?: boolean;
}

export function applyTextEdit(text: string, e: TextEdit, lineStart = false): string {
  let at = Math.floor(e.at * text.length);
  if (lineStart) at = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

/** Runs `step` after every edit of random chains that start from one of `seeds`; `start` makes the kept state. */
export function editChains<S>(seeds: readonly string[], fragments: readonly string[], o: ChainOptions, start: (text: string) => S, step: (state: S, text: string) => S): void {
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat(o.maxRemove ?? 40),
    insert: fc.array(fc.constantFrom(...fragments), { maxLength: o.maxPieces ?? 3 }).map((a) => a.join('')),
  });
  fc.assert(
    fc.property(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: o.maxEdits }), (seed, edits) => {
      let text = seed;
      let state = start(text);
      for (const [i, e] of edits.entries()) {
        text = applyTextEdit(text, e, o.lineStarts === true && i % 2 === 1);
        state = step(state, text);
      }
    }),
    { numRuns: o.runs, seed: o.seed },
  );
}
