// The HAProxy lexer, whose scanning loop is WebAssembly compiled from wasm/scan.ts, must split every text exactly
// as the plain reference tokenizer does (support/haproxy-reference-lexer.ts): real configs of both languages,
// random texts over the characters that matter to HAProxy's tokenizer, texts larger than a lexing slice, and words
// interned into a table that already holds words (an edit's re-lexing). The committed binary must be the one the
// source compiles to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { scanBinaryModule, SCAN_BINARY } from '../../scripts/gen-wasm.js';
import { Atoms } from '../../server/src/syntax/haproxy/atoms.js';
import { lexHaproxySteps } from '../../server/src/syntax/haproxy/lexer.js';
import { WordTable } from '../../server/src/syntax/haproxy/words.js';
import { drain } from '../../server/src/syntax/steps.js';
import { corpusConfigs, fixtureConfigs } from '../support/config-files.js';
import { REPO_ROOT } from '../support/corpus.js';
import { referenceLex, type ReferenceLexed } from '../support/haproxy-reference-lexer.js';

/** Lexes `text` as the parser does, into `atoms` (new ones unless given), in the reference's shape. */
function lex(text: string, atoms = new Atoms()): ReferenceLexed & { atoms: Atoms } {
  const table = new WordTable(text, atoms, 16);
  const lines = drain(lexHaproxySteps(table));
  const rows = lines.rows.view();
  const lexed: ReferenceLexed & { atoms: Atoms } = { lines: [], comments: [], atoms };
  for (let r = 0; r < rows.length; r += 3) {
    const words = [];
    for (let i = rows[r]!; i < rows[r]! + rows[r + 1]!; i++) words.push({ start: table.start(i), end: table.end(i), flags: table.flags(i), value: table.value(i) });
    lexed.lines.push({ line: rows[r + 2]!, words });
  }
  const comments = lines.comments.view();
  for (let c = 0; c < comments.length; c += 2) lexed.comments.push([comments[c]!, comments[c + 1]!]);
  return lexed;
}

function assertAgrees(text: string, label: string, atoms?: Atoms): void {
  const { atoms: interned, ...lexed } = lex(text, atoms);
  assert.deepEqual(lexed, referenceLex(text), `${label}: the lexer and the reference split it differently`);
  assert.equal(new Set(interned.strings).size, interned.strings.length, `${label}: a word was interned twice`);
}

test(`${SCAN_BINARY} is what wasm/scan.ts compiles to (npm run wasm)`, async () => {
  assert.equal(readFileSync(REPO_ROOT + '/' + SCAN_BINARY, 'utf8'), await scanBinaryModule(), `${SCAN_BINARY} is stale`);
});

test('real configs of both languages are split as the reference splits them', () => {
  const files = [...fixtureConfigs(), ...corpusConfigs('haproxy'), ...corpusConfigs('keepalived'), ...corpusConfigs('jinja')];
  assert.ok(files.length > 100);
  for (const file of files) assertAgrees(file.text, file.path);
});

/** Characters HAProxy's tokenizer treats specially, and some it does not (astral, lone surrogate, NUL, Latin-1). */
const ALPHABET = [' ', '\t', '\v', '\f', '\r', '\n', '\r\n', '#', '\\', '"', "'", '{', '}', '{{', '}}', '{%', '%}', '{#', '#}', '%', 'a', 'b', 'srv', 'é', '😀', '\ud800', '\0', '1'];
const soup = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 120 }).map((parts) => parts.join(''));

test('random texts over the characters that matter are split as the reference splits them', () => {
  fc.assert(
    fc.property(soup, (text) => assertAgrees(text, JSON.stringify(text))),
    { numRuns: 3000, seed: 20261122 },
  );
});

test('texts of many slices, with lines longer than a slice and line ends at every place, are split the same', () => {
  fc.assert(
    fc.property(fc.array(soup, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 150_000 }), (lines, long) => {
      // Lexing pauses every 65,536 characters, at a line end: a very long line and many short ones put the cuts
      // next to CRs, quotes and templates.
      const text = [...lines, 'x'.repeat(long) + ' "open', ...lines.map((l) => l.repeat(1 + (long % 997)))].join('\n');
      assertAgrees(text, `${text.length} characters`);
    }),
    { numRuns: 30, seed: 20261123 },
  );
});

test('words interned into a table that already holds some (as re-lexing an edit does) get the right values', () => {
  fc.assert(
    fc.property(soup, soup, (before, text) => {
      const atoms = lex(before + '\nserver srv "a b" srv a\\ b\n').atoms;
      const known = [...atoms.strings];
      assertAgrees(text + '\nsrv a\n"srv" a\\ b {{ x }}\n', JSON.stringify(text), atoms);
      assert.deepEqual(atoms.strings.slice(0, known.length), known, 'the atoms the table held before were changed');
    }),
    { numRuns: 1000, seed: 20261124 },
  );
});
