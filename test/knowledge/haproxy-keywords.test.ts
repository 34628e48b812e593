// Checks server/src/knowledge/haproxy/keywords.json against reality:
//  (a) the generator is deterministic (saved dump -> committed JSON; live haproxy 2.6 -> same JSON),
//  (b) every first word (and every `option X`) of the corpus files that haproxy 2.6.12 accepts is known,
//  (c) the predefined ACL list matches the installed manual and the binary,
//  (d) with haproxy 2.6 installed: base-version keywords are accepted, later/removed ones are rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { compareVersions } from '../../server/src/knowledge/versions.js';

interface Entry {
  since?: string;
  removedIn?: string;
  removed?: boolean;
  deprecated?: boolean;
  build?: string;
  in?: string[];
  sub?: Record<string, Entry>;
  subFrom?: string;
}
interface Keywords {
  haproxyVersion: string;
  baseVersion: string;
  sectionHeaders: Record<string, Entry>;
  conditionalDirectives: string[];
  sections: Record<string, { keywords: Record<string, Entry> }>;
  proxy: Record<string, Entry>;
  options: Record<string, Entry>;
  bindParams: Record<string, Entry>;
  serverParams: Record<string, Entry>;
  predefinedAcls: string[];
}

// The repository root: the nearest directory (from the working directory up) holding the generator.
// (__dirname / import.meta are avoided: this file may be loaded as CommonJS or as an ES module.)
function findRoot(): string {
  for (let d = process.cwd(); ; d = dirname(d)) {
    if (existsSync(join(d, 'scripts', 'gen-haproxy-keywords.mjs'))) return d;
    if (dirname(d) === d) throw new Error('run the tests from inside the hapair repository');
  }
}
const ROOT = findRoot();
const JSON_PATH = join(ROOT, 'server', 'src', 'knowledge', 'haproxy', 'keywords.json');
const DUMP_PATH = join(ROOT, 'server', 'src', 'knowledge', 'haproxy', 'haproxy-2.6.12-dKall.txt');
const GENERATOR = join(ROOT, 'scripts', 'gen-haproxy-keywords.mjs');
const SHARED = process.env.HAPAIR_SHARED ?? resolve(ROOT, '..', 'shared');
const CORPUS = join(SHARED, 'corpus');
const MANUAL = '/usr/share/doc/haproxy/configuration.txt.gz';
const PROXIES = new Set(['defaults', 'frontend', 'listen', 'backend']);

const committed = readFileSync(JSON_PATH, 'utf8');
const data = JSON.parse(committed) as Keywords;

function installedHaproxy(): string | null {
  const r = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return /HAProxy version (\S+)/.exec(r.stdout)?.[1] ?? null;
}
const haproxyVersion = installedHaproxy();
// Live checks need the very build the JSON was made from: other 2.6 builds may compile other features in.
const haproxy26 = haproxyVersion === data.haproxyVersion;
const no26 = haproxyVersion === null ? 'haproxy is not installed' : `installed haproxy is ${haproxyVersion}, the JSON was generated from ${data.haproxyVersion}`;

function runGenerator(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [GENERATOR, '--quiet', ...args], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

// ---------------------------------------------------------------- (a) determinism
test('generator reproduces the committed JSON from the saved 2.6.12 dump and the supplement', () => {
  const r = runGenerator(['--dump', DUMP_PATH, '--check']);
  assert.equal(r.status, 0, r.stderr);
});

test('generator --check reports a stale file and writes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hapair-kw-'));
  try {
    const out = join(dir, 'keywords.json');
    writeFileSync(out, '{}\n');
    const r = runGenerator(['--dump', DUMP_PATH, '--check', '--out', out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /stale/);
    assert.equal(readFileSync(out, 'utf8'), '{}\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('generator run against the installed haproxy 2.6 gives the committed JSON and dump', { skip: haproxy26 ? false : `skipped: ${no26}` }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hapair-kw-'));
  try {
    const out = join(dir, 'keywords.json');
    const dump = join(dir, 'dump.txt');
    const r = runGenerator(['--out', out, '--save-dump', dump]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(out, 'utf8'), committed);
    assert.equal(readFileSync(dump, 'utf8'), readFileSync(DUMP_PATH, 'utf8'));
    const again = join(dir, 'again.json');
    assert.equal(runGenerator(['--out', again]).status, 0);
    assert.equal(readFileSync(again, 'utf8'), committed, 'two runs differ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- (b) corpus
// TEST-ONLY tokenizer, deliberately tiny: splits one config line into words the way HAProxy's
// parse_line() does for the purpose of finding keywords (unquoted '#' ends the line, backslash
// escapes the next character outside single quotes, single/double quotes group words).
function testOnlyWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else cur += c;
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      else cur += c;
      continue;
    }
    if (c === '#') break;
    if (c === "'" || c === '"') {
      quote = c;
      has = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      if (has) words.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += c;
    has = true;
  }
  if (has) words.push(cur);
  return words;
}

/** Whether the base version (2.6) has the entry: entries added in 2.5 or 2.6 carry a since of their own. */
function validIn26(e: Entry | undefined): boolean {
  return e !== undefined && inBase(e);
}
function inBase(e: Entry): boolean {
  return (e.since === undefined || compareVersions(e.since, data.baseVersion) <= 0) && (e.removedIn === undefined || compareVersions(e.removedIn, data.baseVersion) > 0) && e.removed !== true;
}

interface Finding {
  where: string;
  what: string;
}

// TEST-ONLY handling of conditional blocks: version_atleast()/version_before() are decided for the
// base version (a false block is skipped, as HAProxy does); any other condition (feature(), ...)
// may go either way, so lines under it only need to be known in some version.
type Cond = 'true' | 'false' | 'unknown';
function testOnlyCond(words: string[]): Cond {
  const m = /^(!?)(version_atleast|version_before)\(([0-9.]+)(?:-[a-z0-9]+)?\)$/.exec(words.join(' '));
  if (!m) return 'unknown';
  const num = (v: string) => v.split('.').map(Number);
  const [a, b] = [num(`${data.baseVersion}.99`), num(m[3])];
  let cmp = 0;
  for (let i = 0; i < Math.max(a.length, b.length) && cmp === 0; i++) cmp = Math.sign((a[i] ?? 0) - (b[i] ?? 0));
  const value = m[2] === 'version_atleast' ? cmp >= 0 : cmp < 0;
  return (m[1] === '!' ? !value : value) ? 'true' : 'false';
}

function checkFile(file: string, strict: boolean): Finding[] {
  const findings: Finding[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  let section: string | null = null;
  // one frame per open .if: whether some branch was taken, and the state of the current branch
  const stack: { taken: Cond; cur: Cond }[] = [];
  lines.forEach((raw, idx) => {
    const words = testOnlyWords(raw);
    if (words.length === 0) return;
    const where = `${file.slice(CORPUS.length + 1)}:${idx + 1}`;
    let [first] = words;
    if (first.startsWith('.')) {
      if (!data.conditionalDirectives.includes(first)) findings.push({ where, what: `unknown directive ${first}` });
      const top = stack[stack.length - 1];
      if (first === '.if') {
        const c = testOnlyCond(words.slice(1));
        stack.push({ taken: c, cur: c });
      } else if ((first === '.elif' || first === '.else') && top) {
        const c = first === '.else' ? 'true' : testOnlyCond(words.slice(1));
        top.cur = top.taken === 'true' ? 'false' : top.taken === 'false' ? c : 'unknown';
        if (top.cur !== 'false') top.taken = top.cur;
      } else if (first === '.endif') stack.pop();
      return;
    }
    if (stack.some((f) => f.cur === 'false')) return;
    const lenient = !strict || stack.some((f) => f.cur === 'unknown');
    const ok = (e: Entry | undefined) => (lenient ? e !== undefined : validIn26(e));
    if (data.sectionHeaders[first]) {
      section = first;
      if (!ok(data.sectionHeaders[first])) findings.push({ where, what: `section ${first} not valid for this version` });
      return;
    }
    if (section === null) {
      findings.push({ where, what: `'${first}' outside any section` });
      return;
    }
    let rest = words.slice(1);
    if ((first === 'no' || first === 'default') && rest.length > 0) {
      first = rest[0];
      rest = rest.slice(1);
    }
    const kw = data.sections[section]?.keywords[first];
    if (!ok(kw)) {
      findings.push({ where, what: `'${first}' is not a known ${section} keyword${kw ? ' for 2.6' : ''}` });
      return;
    }
    if (first === 'option' && rest.length > 0) {
      const name = rest[0];
      const opt = PROXIES.has(section) ? data.options[name] : kw?.sub?.[name];
      if (!ok(opt)) findings.push({ where, what: `unknown option '${name}' in ${section}` });
    }
  });
  return findings;
}

function corpusFiles(): { file: string; category: string }[] {
  const rows = readFileSync(join(CORPUS, 'LABELS.tsv'), 'utf8').split('\n').slice(1);
  const out: { file: string; category: string }[] = [];
  for (const row of rows) {
    const [local, tool, , category] = row.split('\t');
    if (!local?.startsWith('haproxy/') || !tool?.startsWith('haproxy-2.6.12(debian)')) continue;
    if (category !== 'ok' && category !== 'env') continue;
    out.push({ file: join(CORPUS, local), category });
  }
  return out;
}

const haveCorpus = existsSync(join(CORPUS, 'LABELS.tsv')) && existsSync(join(CORPUS, 'haproxy'));

test('every first word of corpus files accepted by haproxy 2.6.12 is a known keyword', { skip: haveCorpus ? false : `skipped: no corpus at ${CORPUS}` }, () => {
  const files = corpusFiles();
  assert.ok(files.length > 50, `only ${files.length} labelled files found`);
  const listed = new Set(readdirSync(join(CORPUS, 'haproxy')).map((f) => join(CORPUS, 'haproxy', f)));
  const findings: Finding[] = [];
  for (const { file, category } of files) {
    assert.ok(listed.has(file), `LABELS.tsv names a missing file: ${file}`);
    // 'ok' files were accepted by 2.6.12, so every word must be valid in 2.6; 'env' files failed for
    // environment reasons (a feature not compiled in, a newer keyword), so any known version will do.
    findings.push(...checkFile(file, category === 'ok'));
  }
  assert.deepEqual(findings, []);
});

test('test-only tokenizer follows the quoting rules it claims', () => {
  assert.deepEqual(testOnlyWords('  log-format %ci\\ [%t] # comment'), ['log-format', '%ci [%t]']);
  assert.deepEqual(testOnlyWords(`acl a hdr(x) -m str 'a # b' "c\\"d"#e`), ['acl', 'a', 'hdr(x)', '-m', 'str', 'a # b', 'c"d']);
  assert.deepEqual(testOnlyWords("x '\\'"), ['x', '\\']);
  assert.deepEqual(testOnlyWords('   # only a comment'), []);
});

// ---------------------------------------------------------------- (c) predefined ACLs
test('predefined ACL names match section 7.4 of the installed 2.6 manual', { skip: existsSync(MANUAL) ? false : `skipped: ${MANUAL} not installed` }, () => {
  const manual = gunzipSync(readFileSync(MANUAL)).toString('utf8');
  assert.match(manual, new RegExp(`version ${data.baseVersion.replace('.', '\\.')}\\b`), 'installed manual is for another version');
  const start = manual.indexOf('\n7.4. Pre-defined ACLs');
  assert.ok(start > 0, 'section 7.4 not found');
  const lines = manual.slice(start).split('\n');
  const rules = lines.map((l, i) => (/^-{5,}\+/.test(l) ? i : -1)).filter((i) => i >= 0);
  assert.ok(rules.length >= 2, 'table rules not found');
  const names = lines.slice(rules[0] + 1, rules[1]).map((l) => l.split(/\s+/)[0]).filter((n) => n.length > 0);
  assert.deepEqual([...data.predefinedAcls].sort(), names.sort());
});

test('predefined ACL names are accepted by the installed haproxy 2.6', { skip: haproxy26 ? false : `skipped: ${no26}` }, () => {
  const cfg = ['frontend f', '  mode http', '  bind 127.0.0.1:8000', ...data.predefinedAcls.map((a) => `  http-request deny if ${a}`)].join('\n') + '\n';
  const out = haproxyCheck(cfg);
  assert.doesNotMatch(out, /no such ACL|ALERT/, out);
});

// ---------------------------------------------------------------- (d) the binary agrees
function haproxyCheck(cfg: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hapair-kw-'));
  try {
    const f = join(dir, 'p.cfg');
    writeFileSync(f, cfg);
    const r = spawnSync('haproxy', ['-c', '-f', f], { encoding: 'utf8', cwd: dir });
    return `${r.stdout}${r.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function haproxyCheckAsync(dir: string, n: number, cfg: string): Promise<string> {
  const f = join(dir, `p${n}.cfg`);
  writeFileSync(f, cfg);
  return new Promise((done) => execFile('haproxy', ['-c', '-f', f], { cwd: dir }, (_err, stdout, stderr) => done(`${stdout}${stderr}`)));
}
/** Does haproxy reject `word` (placed on line 2 after `header`) as unknown or no longer supported? */
function isRejection(out: string, word: string): boolean {
  const l2 = out
    .split('\n')
    .filter((l) => /:2\]/.test(l))
    .join('\n');
  return new RegExp(`unknown (keyword|option|statement) '${esc(word)}'|not supported any ?more|doesn't exist anymore`).test(l2);
}

test('installed haproxy 2.6 accepts the 2.6 keywords and rejects the later or removed ones', { skip: haproxy26 ? false : `skipped: ${no26}` }, async () => {
  const probes: { what: string; e: Entry; cfg: string; word: string }[] = [];
  const add = (what: string, e: Entry, header: string, line: string, word: string) => {
    if (!e.build) probes.push({ what, e, cfg: `${header}\n  ${line}\n`, word }); // build-dependent ones cannot be judged
  };
  const headers: Record<string, string> = { global: 'global', listen: 'listen l' };
  for (const s of Object.keys(data.sections)) if (!PROXIES.has(s) && s !== 'global' && inBase(data.sectionHeaders[s] ?? {}) && !data.sectionHeaders[s]?.build) headers[s] = `${s} x`;
  for (const [s, header] of Object.entries(headers)) for (const [k, e] of Object.entries(data.sections[s].keywords)) add(`${s} ${k}`, e, header, k, k);
  for (const [o, e] of Object.entries(data.options)) add(`option ${o}`, e, 'listen l', `option ${o}`, o);
  for (const [p, e] of Object.entries(data.bindParams)) add(`bind ${p}`, e, 'frontend f', `bind 127.0.0.1:8000 ${p}`, p);
  for (const [p, e] of Object.entries(data.serverParams)) add(`server ${p}`, e, 'backend b', `server s 127.0.0.1:80 ${p}`, p);
  assert.ok(probes.length > 500, `only ${probes.length} probes`);

  const dir = mkdtempSync(join(tmpdir(), 'hapair-kw-'));
  const wrong: string[] = [];
  try {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < probes.length; i = next++) {
        const { what, e, cfg, word } = probes[i];
        const isRejected = isRejection(await haproxyCheckAsync(dir, i, cfg), word);
        const shouldReject = !inBase(e);
        if (shouldReject !== isRejected) wrong.push(`${what}: expected ${shouldReject ? 'rejection' : 'acceptance'}`);
      }
    };
    await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(wrong.sort(), []);
});
