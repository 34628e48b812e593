/**
 * The TextMate grammars in grammars/: generated output up to date, every regex valid for Oniguruma, the
 * syntax-test files under test/grammars/ pass (see support/grammar-test.ts for the format) and together cover
 * every scope category the extension promises, and real configs tokenize without trouble.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import oniguruma from 'vscode-oniguruma';
import { grammarFiles } from '../scripts/gen-grammars.js';
import { GRAMMAR_FILES, checkSyntaxTest, loadGrammar, loadOniguruma, parseSyntaxTest, tokenizeLines } from './support/grammar-test.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TESTS = join(ROOT, 'test', 'grammars');

test('grammars/*.tmLanguage.json are up to date with their generator (node --import tsx scripts/gen-grammars.ts)', () => {
  for (const [path, text] of Object.entries(grammarFiles())) assert.equal(readFileSync(join(ROOT, path), 'utf8'), text, `${path} is stale`);
});

test('scope names are the ones package.json contributes', () => {
  for (const [scope, url] of Object.entries(GRAMMAR_FILES)) {
    assert.equal((JSON.parse(readFileSync(url, 'utf8')) as { scopeName: string }).scopeName, scope);
  }
});

/** Every regex of a grammar, with a path for messages. */
function regexes(node: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(node)) node.forEach((n, i) => regexes(n, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(k) && typeof v === 'string') out.push([`${path}.${k}`, v]);
      else regexes(v, `${path}.${k}`, out);
    }
  }
  return out;
}

test('every regex compiles in Oniguruma (rules the samples never reach included)', async () => {
  await loadOniguruma();
  for (const url of Object.values(GRAMMAR_FILES)) {
    const all = regexes(JSON.parse(readFileSync(url, 'utf8')), url.pathname.split('/').pop()!);
    assert.ok(all.length > 20);
    for (const [where, source] of all) {
      assert.doesNotThrow(() => new oniguruma.OnigScanner([source]).dispose(), where);
    }
  }
});

const syntaxTests = readdirSync(TESTS)
  .filter((n) => n.endsWith('.syntax-test'))
  .sort();

for (const name of syntaxTests) {
  test(`syntax test ${name}`, async () => {
    const parsed = parseSyntaxTest(readFileSync(join(TESTS, name), 'utf8'));
    const grammar = await loadGrammar(parsed.scopeName);
    const count = parsed.source.reduce((n, s) => n + s.assertions.length, 0);
    assert.ok(count > 10, `${name} asserts too little`);
    assert.deepEqual(checkSyntaxTest(grammar, parsed, `test/grammars/${name}`), []);
  });
}

/** Scopes the syntax tests must assert somewhere, one per promised category. */
const REQUIRED: Record<string, string[]> = {
  'source.haproxy': [
    'keyword.control.section.haproxy', // section keywords
    'entity.name.section.haproxy',
    'keyword.other.haproxy', // keywords
    'entity.name.variable.acl.haproxy', // ACL names after acl
    'variable.other.acl.haproxy', // ... and in conditions
    'support.constant.acl.haproxy',
    'keyword.control.conditional.haproxy',
    'support.function.fetch.haproxy', // sample fetches
    'support.function.converter.haproxy', // converters
    'constant.numeric.ipv4.haproxy', // addresses
    'constant.numeric.ipv6.haproxy',
    'constant.numeric.port.haproxy',
    'constant.numeric.prefix.haproxy',
    'constant.numeric.haproxy', // numbers ...
    'keyword.other.unit.haproxy', // ... with units
    'string.quoted.double.haproxy', // strings
    'string.quoted.single.haproxy',
    'comment.line.number-sign.haproxy', // comments
    'keyword.control.conditional.preprocessor.haproxy', // .if/.elif/.else/.endif
    'variable.other.environment.haproxy', // "${VAR}"
    'meta.embedded.expression.jinja', // {{ }}
    'meta.embedded.block.jinja', // {% %}
    'comment.block.jinja', // {# #}
  ],
  'source.keepalived': [
    'keyword.control.block.keepalived', // block keywords
    'entity.name.section.keepalived',
    'keyword.other.keepalived',
    'punctuation.section.block.begin.keepalived', // braces
    'punctuation.section.block.end.keepalived',
    'variable.other.definition.keepalived', // $NAME=value
    'variable.other.keepalived', // $NAME, ${NAME}
    'keyword.control.conditional.keepalived', // @id / @^id
    'keyword.control.import.keepalived', // include
    'comment.line.number-sign.keepalived', // #
    'comment.line.exclamation.keepalived', // !
    'string.quoted.double.keepalived',
    'string.quoted.single.keepalived',
    'constant.numeric.ipv4.keepalived',
    'constant.numeric.ipv6.keepalived',
    'constant.numeric.keepalived',
    'meta.embedded.expression.jinja',
    'meta.embedded.block.jinja',
    'comment.block.jinja',
  ],
};

test('the syntax tests assert every promised scope category of both grammars', () => {
  const asserted = new Map<string, Set<string>>();
  for (const name of syntaxTests) {
    const parsed = parseSyntaxTest(readFileSync(join(TESTS, name), 'utf8'));
    const set = asserted.get(parsed.scopeName) ?? new Set<string>();
    for (const s of parsed.source) for (const a of s.assertions) a.present.forEach((p) => set.add(p));
    asserted.set(parsed.scopeName, set);
  }
  for (const [scope, wanted] of Object.entries(REQUIRED)) {
    const missing = wanted.filter((w) => !asserted.get(scope)?.has(w));
    assert.deepEqual(missing, [], `${scope}: no syntax test asserts these scopes`);
  }
});

/** Config files of the repository's fixtures, seeds and examples, by grammar. */
function realConfigs(): { scope: string; file: string }[] {
  const out: { scope: string; file: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.cfg(\.j2)?$|haproxy.*\.j2$/.test(name)) out.push({ scope: 'source.haproxy', file: path });
      else if (/\.conf(\.j2)?$|keepalived.*\.j2$/.test(name)) out.push({ scope: 'source.keepalived', file: path });
    }
  };
  for (const dir of ['test/fixtures', 'test/seeds', 'examples']) walk(join(ROOT, dir));
  return out;
}

test('every fixture, seed and example config tokenizes quickly, with its keywords recognised', async () => {
  const configs = realConfigs();
  assert.ok(configs.length > 20);
  const slow: string[] = [];
  for (const { scope, file } of configs) {
    const grammar = await loadGrammar(scope);
    const lines = readFileSync(file, 'utf8').split('\n');
    const started = performance.now();
    const tokenized = tokenizeLines(grammar, lines);
    // A regex that backtracks badly shows up as whole seconds on a few hundred lines.
    if (performance.now() - started > 2000) slow.push(file);
    if (scope !== 'source.haproxy') continue;
    // Section headers at the start of a line are always recognised, whatever else the file holds.
    tokenized.forEach(({ line, tokens }, i) => {
      if (!/^(global|defaults|frontend|backend|listen)(\s|$)/.test(line)) return;
      assert.ok(tokens[0]?.scopes.includes('keyword.control.section.haproxy'), `${file}:${i + 1}: ${line}`);
    });
  }
  assert.deepEqual(slow, []);
});
