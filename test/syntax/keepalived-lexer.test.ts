// The keepalived lexer tells chevrotain which characters each pattern may start with, so that it tries only those
// patterns at each token. That must change nothing but speed: every text must lex exactly as it does when chevrotain
// tries every pattern in order (its safe mode), on real configs of both languages and on random texts over the
// characters that matter to keepalived's reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Lexer, type ILexingResult } from 'chevrotain';
import { KEEPALIVED_TOKENS, tokenizeKeepalived } from '../../server/src/syntax/keepalived/lexer.js';
import { corpusConfigs, fixtureConfigs } from '../support/config-files.js';

const reference = new Lexer(KEEPALIVED_TOKENS, { positionTracking: 'onlyOffset', skipValidations: true, safeMode: true });

/** What a lexing result says, in plain data. */
function summary(result: ILexingResult) {
  const token = (t: ILexingResult['tokens'][number]) => [t.tokenType.name, t.startOffset, t.image, t.payload ?? 0];
  return {
    tokens: result.tokens.map(token),
    groups: Object.fromEntries(Object.entries(result.groups).map(([name, list]) => [name, list.map(token)])),
    errors: result.errors.map((e) => [e.offset, e.length]),
  };
}

function assertAgrees(text: string, label: string): void {
  assert.deepEqual(summary(tokenizeKeepalived(text)), summary(reference.tokenize(text)), `${label}: the lexer and the safe-mode lexer differ`);
}

test('chevrotain can choose the patterns by first character (no pattern disables it)', () => {
  assert.doesNotThrow(() => new Lexer(KEEPALIVED_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: true }));
});

test('real configs of both languages lex as in safe mode', () => {
  const files = [...fixtureConfigs(), ...corpusConfigs('keepalived'), ...corpusConfigs('haproxy'), ...corpusConfigs('jinja')];
  assert.ok(files.length > 100);
  for (const file of files) assertAgrees(file.text, file.path);
});

/** Characters keepalived's reader treats specially, and some it does not (astral, lone surrogate, NUL, Latin-1, U+FFFF). */
const ALPHABET = [' ', '\t', '\v', '\f', '\r', '\n', '\r\n', '#', '!', '\\', '\\#', '"', "'", '{', '}', '{{', '}}', '{%', '%}', '{#', '#}', '$', '${X}', '$X=', '@', '@^', '~SEQ(i,1,3)', '~LST(a,b)', '=', '(', ')', 'a', 'vrrp_instance', 'é', '😀', '\ud800', '\0', '\uffff', '1'];
const soup = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 120 }).map((parts) => parts.join(''));

test('every code unit starts the same token as in safe mode', () => {
  // The patterns are picked by the first code unit; after it, and after a word that ends the line, and alone.
  for (let c = 0; c <= 0xffff; c++) {
    const unit = String.fromCharCode(c);
    assertAgrees(`${unit}x ${unit}\n${unit}`, `U+${c.toString(16).padStart(4, '0')}`);
  }
});

test('random texts over the characters that matter lex as in safe mode', () => {
  fc.assert(
    fc.property(soup, (text) => assertAgrees(text, JSON.stringify(text))),
    { numRuns: 3000, seed: 20261122 },
  );
});
