// The HAProxy model reuses the previous version's proxies for the sections an edit left alone, and its name index
// while no proxy was added or removed and none changed its kind, name or mode. Checked two ways: when the index is
// shared, and, over random typing on the fixtures, that a model built on the previous one answers every name
// question as a fresh one does. The name tables also answer as their definition says, on every config and on files
// where many proxies share a few names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHaproxy } from '../../server/src/syntax/haproxy/parser.js';
import { reparseHaproxy } from '../../server/src/syntax/haproxy/incremental.js';
import { buildHaproxyModel, buildHaproxyModelSteps, type HaproxyModel } from '../../server/src/model/haproxy.js';
import { drain } from '../../server/src/syntax/steps.js';
import { sourceFile } from '../../server/src/syntax/text.js';
import { editChains } from '../support/edit-chains.js';
import fc from 'fast-check';
import { corpusConfigs, fixtureConfigs } from '../support/config-files.js';

const PATH = '/h/haproxy.cfg';
const TEXT = [
  'defaults',
  '    mode http',
  '',
  'frontend fe',
  '    bind :80',
  '    use_backend be if { path_beg /api }',
  '    default_backend web',
  '',
  'backend be',
  '    server s1 192.0.2.1:80',
  '',
  'listen web',
  '    bind :8080',
  '    server s2 192.0.2.2:80',
  '',
].join('\n');

/** The model of `text` built on `before`, the model of the previous version. */
function next(before: HaproxyModel, text: string): HaproxyModel {
  return drain(buildHaproxyModelSteps(reparseHaproxy(before.syntax, sourceFile(PATH, text)), before));
}

const first = () => buildHaproxyModel(parseHaproxy(sourceFile(PATH, TEXT)));

test('an edit inside a section keeps the name index, and the tables read the new proxies', () => {
  const before = first();
  const after = next(before, TEXT.replace('    server s1 192.0.2.1:80', '    server s1 192.0.2.1:80\n    server s3 192.0.2.3:80'));
  assert.equal(after.names, before.names);
  assert.notEqual(after.backends.get('be'), before.backends.get('be'), 'the edited backend is a new proxy');
  assert.equal(after.backends.get('be')!.servers.length, 2);
  assert.equal(after.frontends.get('fe'), before.frontends.get('fe'), 'the frontend is reused');
});

test('adding, removing or renaming a proxy, or changing its mode, makes a new index', () => {
  const before = first();
  for (const text of [
    TEXT + 'backend extra\n',
    TEXT.replace('backend be\n    server s1 192.0.2.1:80\n', ''),
    TEXT.replace('\nbackend be\n', '\nbackend be2\n'),
    TEXT.replace('\nbackend be\n', '\nfrontend be\n'),
    TEXT.replace('    server s1 192.0.2.1:80', '    mode tcp\n    server s1 192.0.2.1:80'),
    // The defaults' mode is every proxy's.
    TEXT.replace('    mode http', '    mode tcp'),
  ]) {
    assert.notEqual(next(before, text).names, before.names, JSON.stringify(text.slice(-60)));
  }
});

test('a proxy in an .if block makes a new index on every edit: whether it clashes depends on its block', () => {
  const text = TEXT.replace('backend be\n', '.if defined(X)\nbackend be\n').replace('listen web', '.endif\nlisten web');
  const before = buildHaproxyModel(parseHaproxy(sourceFile(PATH, text)));
  const after = next(before, text.replace('    server s1 192.0.2.1:80', '    server s1 192.0.2.9:80'));
  assert.notEqual(after.names, before.names);
});

/** Every question the name tables answer, for the names the file uses and a few it does not. */
function reading(model: HaproxyModel): string[] {
  const names = new Set(['', 'missing', ...model.proxies.map((p) => p.name), ...model.proxies.flatMap((p) => p.backendRefs.map((r) => r.name))]);
  const where = (p: { section: { header: { line: number } } } | undefined) => (p ? `${p.section.header.line}` : '-');
  const out = [...names].map((n) => `${n}: f${where(model.frontends.get(n))} b${where(model.backends.get(n))} [${[...model.named(n)].map(where).join(',')}]`);
  out.push(`frontends ${[...model.frontends.keys()].join(',')}`, `backends ${[...model.backends].map(([n, p]) => `${n}@${where(p)}`).join(',')}`);
  out.push(...model.proxies.map((p) => `${p.kind} ${p.name} ${p.mode} from=${p.from ?? '-'} defaults=${where(p.defaults)}`));
  out.push(`defaults sections at ${model.defaultsPlaces.map((place) => where(model.proxies[place])).join(',')}`);
  return out;
}

const FRAGMENTS = ['\n', 'backend be_new\n', 'frontend fe\n', 'listen web\n', 'defaults d1\n', 'defaults\n', 'frontend x from d1\n', '    mode tcp\n', '    mode http\n', '    use_backend be_new\n', '.if defined(X)\n', '.endif\n', '"', '#', ' x'];

test('after every edit of a chain, a model built on the previous one answers as a fresh model does', () => {
  const seeds = fixtureConfigs().flatMap((f) => (f.language === 'haproxy' ? [f.text] : []));
  const start = (text: string) => buildHaproxyModel(parseHaproxy(sourceFile(PATH, text)));
  editChains(seeds, FRAGMENTS, { runs: 300, seed: 20261122, maxEdits: 6, maxRemove: 40, maxPieces: 2, lineStarts: true }, start, (before, text) => {
    const model = next(before, text);
    assert.deepEqual(reading(model), reading(buildHaproxyModel(parseHaproxy(sourceFile(PATH, text)))));
    return model;
  });
});

/** The tables' answers from their definition: the first proxy in file order, of a kind in the name space. */
function assertTablesAsDefined(model: HaproxyModel, label: string): void {
  const named = (name: string) => model.proxies.filter((p) => p.kind !== 'defaults' && p.name === name);
  for (const name of new Set(['missing', ...model.proxies.map((p) => p.name)])) {
    assert.deepEqual([...model.named(name)], named(name), `${label}: named('${name}')`);
    assert.equal(model.frontends.get(name), named(name).find((p) => p.kind !== 'backend'), `${label}: frontends.get('${name}')`);
    assert.equal(model.backends.get(name), named(name).find((p) => p.kind !== 'frontend'), `${label}: backends.get('${name}')`);
  }
}

test('the name tables answer as defined, on every config and on files where many proxies share a few names', () => {
  for (const file of [...fixtureConfigs(), ...corpusConfigs('haproxy')]) {
    if (file.language === 'haproxy') assertTablesAsDefined(buildHaproxyModel(parseHaproxy(sourceFile(PATH, file.text))), file.path);
  }
  const proxy = fc.tuple(fc.constantFrom('frontend', 'backend', 'listen', 'defaults'), fc.constantFrom('a', 'b', 'c'));
  fc.assert(
    fc.property(fc.array(proxy, { maxLength: 30 }), (proxies) => {
      const text = proxies.map(([kind, name]) => `${kind} ${name}\n    mode tcp\n`).join('');
      assertTablesAsDefined(buildHaproxyModel(parseHaproxy(sourceFile(PATH, text))), JSON.stringify(proxies));
    }),
    { numRuns: 500, seed: 20261122 },
  );
});
