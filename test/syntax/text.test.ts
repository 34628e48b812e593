// A file's line index and text searches are derived from the previous version after an edit, looking at the edited
// region only; whatever the edit, they must equal what the new text gives from scratch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasLoneCr, LineIndex, sourceFile, textHas } from '../../server/src/syntax/text.js';

const PIECES = ['\n', '\r\n', '\r', 'a', 'bc', 'hapair-disable', 'hapair-', 'disable', ' ', '\n\n'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join(''));
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(12), insert: text });

test('line index and text search after a chain of edits equal those of the new text', () => {
  fc.assert(
    fc.property(text, fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
      let file = sourceFile('a.cfg', start);
      file.lines();
      textHas(file, 'hapair-disable');
      hasLoneCr(file);
      for (const e of edits) {
        const at = Math.floor(e.at * file.text.length);
        const next = file.text.slice(0, at) + e.insert + file.text.slice(at + e.remove);
        file = sourceFile('a.cfg', next, file);
        assert.deepEqual([...(file.lines().starts as Int32Array)], [...(new LineIndex(next).starts as Int32Array)], JSON.stringify(next));
        assert.equal(textHas(file, 'hapair-disable'), next.includes('hapair-disable'), JSON.stringify(next));
        assert.equal(hasLoneCr(file), /\r(?!\n)/.test(next), JSON.stringify(next));
      }
    }),
    { numRuns: 2000, seed: 20261121 },
  );
});

test('versions nothing was derived for are skipped: the next one derives from the last that had a line index or a search', () => {
  // Most versions of a clean file are never asked (no findings to place): the one after them derives from further back.
  fc.assert(
    fc.property(text, fc.array(fc.record({ edit, asked: fc.boolean(), searched: fc.boolean(), crs: fc.boolean() }), { minLength: 1, maxLength: 8 }), (start, steps) => {
      let file = sourceFile('a.cfg', start);
      file.lines();
      for (const { edit: e, asked, searched, crs } of steps) {
        const at = Math.floor(e.at * file.text.length);
        const next = file.text.slice(0, at) + e.insert + file.text.slice(at + e.remove);
        file = sourceFile('a.cfg', next, file);
        if (asked) assert.deepEqual([...(file.lines().starts as Int32Array)], [...(new LineIndex(next).starts as Int32Array)], JSON.stringify(next));
        if (searched) assert.equal(textHas(file, 'hapair-disable'), next.includes('hapair-disable'), JSON.stringify(next));
        if (crs) assert.equal(hasLoneCr(file), /\r(?!\n)/.test(next), JSON.stringify(next));
      }
    }),
    { numRuns: 2000, seed: 20261123 },
  );
});

test('a version edited again still gives its own line index (it lets go of the version before it)', () => {
  const v1 = sourceFile('a.cfg', 'a\n');
  const v2 = sourceFile('a.cfg', 'a\nb\n', v1);
  const v3 = sourceFile('a.cfg', 'a\nb\nc\n', v2);
  v1.lines();
  // Making v3 dropped v2's link to v1, so v2's index is built from v2's own text.
  assert.deepEqual([...(v2.lines().starts as Int32Array)], [0, 2, 4]);
  assert.deepEqual([...(v3.lines().starts as Int32Array)], [0, 2, 4, 6]);
});
