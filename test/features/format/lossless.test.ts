/**
 * Formatting changes whitespace only, on every real-world corpus file (../shared/corpus: skipped with a reason
 * when absent) and every rule fixture: the words as written and the comments are the same before and after (as
 * each language's own lexer splits them), so is the text with blanks removed, the number of lines and the CRLFs;
 * and formatting the result again changes nothing. Run with two sets of options: the defaults, and everything
 * switched on (tabs, collapsed spacing, nested `.if`, every comment re-indented, final newlines fixed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, relative } from 'node:path';
import { sourceFile } from '../../../server/src/syntax/text.js';
import { parseHaproxy } from '../../../server/src/syntax/haproxy/parser.js';
import { tokenizeKeepalived } from '../../../server/src/syntax/keepalived/lexer.js';
import type { Language } from '../../../server/src/workspace/types.js';
import { formatHaproxy } from '../../../server/src/features/format/haproxy.js';
import { formatKeepalived } from '../../../server/src/features/format/keepalived.js';
import type { FormatOptions } from '../../../server/src/features/format/lines.js';
import { applyEdits } from '../../support/apply-edits.js';
import { corpusSkipReason, REPO_ROOT } from '../../support/corpus.js';
import { corpusConfigs, fixtureConfigs } from '../../support/config-files.js';

const DEFAULTS: FormatOptions = { tabSize: 4, insertSpaces: true };
const EVERYTHING: FormatOptions = { tabSize: 2, insertSpaces: false, normalizeSpacing: true, conditionals: 'nested', indentAllComments: true, insertFinalNewline: true, trimFinalNewlines: true };

function format(text: string, language: Language, options: FormatOptions): string {
  const file = sourceFile('/t', text);
  const edits = language === 'haproxy' ? formatHaproxy(parseHaproxy(file), options) : formatKeepalived(file, options);
  return applyEdits(text, edits);
}

/** What the language's tokenizer sees, whitespace aside: words as written (quotes included), comments, tags. */
function tokens(text: string, language: Language): string[] {
  if (language === 'keepalived') {
    const lexed = tokenizeKeepalived(text);
    return [...lexed.tokens, ...Object.values(lexed.groups).flat()].sort((a, b) => a.startOffset - b.startOffset).map((t) => t.image);
  }
  const syntax = parseHaproxy(sourceFile('/t', text));
  const statements = [...syntax.orphans, ...syntax.sections.flatMap((s) => [s.header, ...s.statements]), ...syntax.directives].sort((a, b) => a.start - b.start);
  const words = statements.flatMap((st) => Array.from({ length: st.count }, (_, i) => `${st.line}:${st.written(i)!}`));
  return [...words, ...syntax.comments.map((c) => text.slice(c.start, c.end))];
}

const withoutFinalNewlines = (s: string) => s.replace(/[ \t\r\n]+$/, '');
const count = (s: string, what: string) => s.split(what).length - 1;

function checkLossless(name: string, text: string, language: Language): void {
  for (const options of [DEFAULTS, EVERYTHING]) {
    const label = `${name} (${options === DEFAULTS ? 'defaults' : 'everything on'})`;
    const once = format(text, language, options);
    const ends = options.trimFinalNewlines || options.insertFinalNewline;
    const [before, after] = ends ? [withoutFinalNewlines(text), withoutFinalNewlines(once)] : [text, once];
    assert.equal(after.replace(/[ \t]/g, ''), before.replace(/[ \t]/g, ''), `${label}: more than blanks changed`);
    assert.deepEqual(tokens(after, language), tokens(before, language), `${label}: a token changed`);
    assert.equal(count(after, '\n'), count(before, '\n'), `${label}: lines added or removed`);
    assert.equal(count(after, '\r\n'), count(before, '\r\n'), `${label}: line endings changed`);
    assert.equal(format(once, language, options), once, `${label}: a second pass changes the result`);
  }
}

for (const kind of ['haproxy', 'keepalived', 'jinja'] as const) {
  test(`formatting every ${kind} corpus file changes whitespace only, and only once`, { skip: corpusSkipReason() }, () => {
    const files = corpusConfigs(kind);
    for (const f of files) checkLossless(basename(f.path), f.text, f.language);
    assert.ok(files.length >= 20, `only ${files.length} ${kind} files`);
  });
}

test('formatting every rule fixture changes whitespace only, and only once', () => {
  const files = fixtureConfigs();
  for (const f of files) checkLossless(relative(REPO_ROOT, f.path), f.text, f.language);
  assert.ok(files.length >= 100, `only ${files.length} fixture files`);
});
