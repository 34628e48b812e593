// editedRegion finds the common start and end of two versions of a text by comparing blocks that grow and shrink;
// it must agree with a plain character-by-character count on every kind of edit, large texts included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editedRegion } from '../../server/src/syntax/text.js';

/** The answer by definition: common start, then common end within what is left (never overlapping). */
function plain(before: string, after: string): { prefix: number; suffix: number } {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** A deterministic pseudo-random generator (the failures must be reproducible). */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

/** The two numbers of editedRegion's answer (it hands back an object that also remembers the texts). */
function region(before: string, after: string): { prefix: number; suffix: number } {
  const { prefix, suffix } = editedRegion(before, after);
  return { prefix, suffix };
}

const line = (i: number) => `    server web-${i} 192.0.2.${i % 250}:80 check\n`;
const text = (lines: number) => Array.from({ length: lines }, (_, i) => line(i)).join('');

test('editedRegion agrees with a character count on edits anywhere in texts of every size', () => {
  const rnd = random(11);
  // Lines of about 40 characters: texts shorter than one 1,024-character block, a few blocks, and 2.4 MB (many doublings deep).
  for (const size of [0, 1, 30, 40, 100, 1000, 60_000]) {
    const base = text(size);
    for (let round = 0; round < 60; round++) {
      const at = rnd(base.length + 1);
      const removed = Math.min(base.length - at, [0, 1, 5, 1024, 5000][rnd(5)]!);
      const inserted = ['', 'x', 'server', '\n', 'a'.repeat(2048)][rnd(5)]!;
      const edited = base.slice(0, at) + inserted + base.slice(at + removed);
      assert.deepEqual(region(base, edited), plain(base, edited), `size ${size}, at ${at}, removed ${removed}, inserted ${inserted.length}`);
    }
  }
});

test('editedRegion on equal texts and on edits at block boundaries', () => {
  const base = text(2000);
  assert.deepEqual(region(base, `${base}`), { prefix: base.length, suffix: 0 });
  for (const at of [1023, 1024, 1025, 2047, 2048, 4096, 8191, base.length - 1024, base.length - 1]) {
    const edited = `${base.slice(0, at)}#${base.slice(at + 1)}`;
    assert.deepEqual(region(base, edited), plain(base, edited), `at ${at}`);
  }
});
