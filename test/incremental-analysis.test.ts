// Incremental analysis must say exactly what a fresh analysis says. Three safety nets:
//  - random chains of edits (section headers, defaults settings, `.if` lines, quotes, names…) on real configs: one
//    Analyzer keeps its per-section findings across the chain, and after every edit they must equal a fresh run;
//  - rules marked `perSection` must find per section what they find over the whole file, on every fixture and
//    every corpus config;
//  - a reparse from a version that another reparse already moved on parses afresh;
//  - the same for keepalived files and the rules marked `perBlock`, which are kept per top-level statement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editChains } from './support/edit-chains.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { haproxyConfig } from '../bench/generators.js';
import { Analyzer, analyze, type AnalysisResult } from '../server/src/analysis/analyze.js';
import { DEFAULT_SETTINGS } from '../server/src/analysis/settings.js';
import { Workspace } from '../server/src/workspace/workspace.js';
import { MemoryFileSystem } from './fuzz/memfs.js';
import { parseHaproxy } from '../server/src/syntax/haproxy/parser.js';
import { reparseHaproxy } from '../server/src/syntax/haproxy/incremental.js';
import { buildHaproxyModel, type HaproxyModel } from '../server/src/model/haproxy.js';
import { sectionModel } from '../server/src/analysis/sections.js';
import { blockModel } from '../server/src/analysis/blocks.js';
import { parseKeepalived } from '../server/src/syntax/keepalived/parser.js';
import { buildKeepalivedModel, type KeepalivedModel } from '../server/src/model/keepalived.js';
import { sourceFile, type Span } from '../server/src/syntax/text.js';
import { RULES } from '../server/src/rules/index.js';
import type { CheckResult, Finding, Related, Report, Rule, RuleContext } from '../server/src/rules/rule.js';
import type { TargetVersions } from '../server/src/knowledge/versions.js';
import type { KStatement } from '../server/src/syntax/keepalived/ast.js';
import { corpusConfigs, fixtureConfigs } from './support/config-files.js';

const PATH = '/w/lb1/haproxy.cfg';
const KEEPALIVED_PATH = '/w/lb1/keepalived.conf';
const haproxyFiles = () => [...fixtureConfigs(), ...corpusConfigs('haproxy')].filter((f) => f.language === 'haproxy');
const keepalivedFiles = () => [...fixtureConfigs(), ...corpusConfigs('keepalived')].filter((f) => f.language === 'keepalived');

const described = (f: Finding) =>
  `${f.file.uri}:${f.span.start}-${f.span.end}:${f.code}:${f.severity}:${f.message}:${f.replacement ?? ''}:${(f.related ?? []).map((r) => `${r.file.uri}@${r.span.start}-${r.span.end}:${r.message}`).join('|')}`;
const summary = (r: AnalysisResult) => r.findings.map(described);

function fresh(text: string, path = PATH): string[] {
  const fs = new MemoryFileSystem([{ path, text }]);
  const ws = new Workspace(fs, ['/w']);
  ws.discover('/w');
  return summary(analyze(ws));
}

const FRAGMENTS = [
  '\n',
  'backend be_new\n',
  'frontend fe_new\n    bind :80\n    default_backend be_new\n',
  'defaults\n    mode tcp\n',
  '    mode tcp\n',
  '    mode http\n',
  '    timeout client 0\n',
  '    timeout server 5s\n',
  '    server s1 192.0.2.1:80 check\n',
  '    acl a path_beg /x\n',
  '    use_backend be_new if a\n',
  '    balancex roundrobin\n',
  '.if defined(X)\n',
  '.else\n',
  '.endif\n',
  '"',
  '#',
  ' x',
  '{% if a %}',
  '# hapair-disable-next-line\n',
];
const fixtureTexts = (language: string) => fixtureConfigs().flatMap((f) => (f.language === language ? [f.text] : []));
const SEEDS = fixtureTexts('haproxy');
/** Files in a workspace, analysed once by an Analyzer that is kept: `editFile` changes one and runs it again. */
function keptFiles(files: ReadonlyArray<{ path: string; text: string }>) {
  const fs = new MemoryFileSystem(files);
  const ws = new Workspace(fs, ['/w']);
  ws.discover('/w');
  const analyzer = new Analyzer();
  const first = summary(analyzer.run(ws));
  const editFile = (path: string, next: string) => {
    fs.set(path, next);
    return summary(analyzer.run(ws));
  };
  return { first, editFile, fresh: () => summary(analyze(ws)) };
}

/** One file in a workspace, analysed once by an Analyzer that is kept: `edit` changes the text and runs it again. */
function kept(text: string, path = PATH) {
  const k = keptFiles([{ path, text }]);
  return { first: k.first, edit: (next: string) => k.editFile(path, next) };
}

test('after every edit of a chain, the incremental analysis equals a fresh one', () => {
  editChains(SEEDS, FRAGMENTS, { runs: 300, seed: 20261121, maxEdits: 6, maxRemove: 60, maxPieces: 2, lineStarts: true }, kept, (k, text) => {
    assert.deepEqual(k.edit(text), fresh(text));
    return k;
  });
});

test('the first run files a finding at the first character of a section with that section, not the one before', () => {
  // missing-timeouts anchors at the header of a frontend without a name, which is where its chunk starts (found by the fuzzer).
  const k = kept('ab xyz\n se\nfrontend\n');
  // Only lines before the header change: the frontend's chunk is kept, with what the first run filed under it.
  const edited = 'ab x\nfrontend\n';
  const after = k.edit(edited);
  assert.ok(after.some((f) => f.includes('missing-timeouts')), after.join('\n'));
  assert.deepEqual(after, fresh(edited));
});

test('an edit in a defaults section reaches the findings kept for the proxies after it', () => {
  const text = 'defaults\n    mode http\n    timeout client 5s\n    timeout connect 5s\n    timeout server 5s\n\nfrontend fe\n    bind :80\n    default_backend be\n\nbackend be\n    server s1 192.0.2.1:80\n';
  const k = kept(text);
  assert.deepEqual(k.first, []);
  const edited = text.replace('    timeout client 5s\n', '');
  const after = k.edit(edited);
  assert.ok(after.some((f) => f.includes('missing-timeouts') && f.includes("frontend 'fe'")), after.join('\n'));
  assert.deepEqual(after, fresh(edited));
});

test("rules that read names: an edit in one section reaches what they found in the sections that name it", () => {
  const text = 'frontend fe\n    mode http\n    bind :80\n    use_backend api\n    default_backend web\n\nbackend api\n    mode tcp\n    server s1 192.0.2.1:80\n\nfrontend fe\n    bind :81\n';
  const withWeb = `${text}\nbackend web\n    mode http\n`;
  const mismatches = (f: string[]) => f.filter((x) => x.includes('mode-mismatch')).length;
  const cases: Array<[string, string, string, (found: string[]) => boolean]> = [
    // The backend's mode: the frontend's mode-mismatch goes, though the frontend did not change…
    ['mode of the backend it routes to', text, text.replace('    mode tcp\n', '    mode http\n'), (f) => mismatches(f) === 0],
    // …or comes, where the frontend had no finding pointing into that backend.
    ['mode of another backend it routes to', withWeb, withWeb.replace('backend web\n    mode http', 'backend web\n    mode tcp'), (f) => mismatches(f) === 2],
    // The backend's name moves along its line: the finding's related place moves with it.
    ['place of the backend it routes to', text, text.replace('\nbackend api\n', '\nbackend   api\n'), (f) => mismatches(f) === 1],
    ['a line inside that backend', text, text.replace('    server s1', '    balance roundrobin\n    server s1'), (f) => mismatches(f) === 1],
    // A backend that did not exist: the frontend's undefined-backend goes.
    ['a backend added at the end', text, withWeb, (f) => !f.some((x) => x.includes('undefined-backend'))],
    // The first frontend's name moves: the second one's duplicate-proxy points at it, wherever it is.
    ['place of the earlier duplicate', text, text.replace('frontend fe\n    mode http', 'frontend    fe\n    mode http'), (f) => f.some((x) => x.includes('duplicate-proxy'))],
  ];
  for (const [what, start, edited, visible] of cases) {
    const k = kept(start);
    assert.deepEqual(k.first, fresh(start), what);
    const after = k.edit(edited);
    assert.ok(visible(after), `${what}: ${after.join('\n')}`);
    assert.deepEqual(after, fresh(edited), what);
  }
});

const perSection = RULES.filter((r) => (r.scope === 'haproxy' || r.scope === 'file') && r.perSection);

type Check<M> = (model: M, report: Report, context: RuleContext) => CheckResult;
const haproxyCheck = (rule: Rule): Check<HaproxyModel> | undefined => (rule.scope === 'file' ? rule.haproxy : rule.scope === 'haproxy' ? rule.check : undefined);
const keepalivedCheck = (rule: Rule): Check<KeepalivedModel> | undefined => (rule.scope === 'file' ? rule.keepalived : rule.scope === 'keepalived' ? rule.check : undefined);

/** What a check finds in `model` for the target `versions`, as `start-end:message` lines; `inside` checks each finding's places. */
function found<M>(check: Check<M> | undefined, model: M, inside: (span: Span, related: readonly Related[]) => void = () => undefined, versions: TargetVersions = DEFAULT_SETTINGS.versions): string[] {
  const out: string[] = [];
  const report: Report = (_file, span, message, related = []) => {
    inside(span, related);
    out.push(`${span.start}-${span.end}:${message}`);
  };
  const steps = check?.(model, report, { versions });
  if (steps) for (let s = steps.next(); !s.done; s = steps.next());
  return out;
}

test('rules marked perSection find, section by section and inside each section, what they find over the whole file (fixtures and corpus)', () => {
  assert.ok(perSection.length >= 5, 'the per-section rules are registered');
  let files = 0;
  for (const { path, text } of haproxyFiles()) {
    const model = buildHaproxyModel(parseHaproxy(sourceFile(PATH, text)));
    for (const rule of perSection) {
      const bySection: string[] = [];
      for (const chunk of model.syntax.chunks) {
        const part = sectionModel(model, chunk, model.proxies.find((p) => p.section === chunk.section));
        // The first run checks the whole file and files each finding with the section it lies in: it must lie in the one checked.
        const last = chunk === model.syntax.chunks[model.syntax.chunks.length - 1];
        const inside = (span: Span) => assert.ok(chunk.start <= span.start && (span.start < chunk.end || last), `${rule.id} in ${path}: a finding at ${span.start} outside its section`);
        bySection.push(...found(haproxyCheck(rule), part, inside));
      }
      assert.deepEqual(bySection.sort(), found(haproxyCheck(rule), model).sort(), `${rule.id} in ${path}`);
    }
    files++;
  }
  assert.ok(files > 50, `only ${files} HAProxy configs found`);
});

test('a reparse from a version that was already moved on parses afresh, with the same result', () => {
  const v1 = 'global\n    maxconn 10\n\nbackend a\n    server s1 192.0.2.1:80\n\nbackend b\n    server s2 192.0.2.2:80\n';
  const v2 = v1.replace('maxconn 10', 'maxconn 100');
  const first = parseHaproxy(sourceFile('a.cfg', v1));
  const moved = reparseHaproxy(first, sourceFile('a.cfg', v2));
  // The second reparse starts from `first`, whose chunks the first one moved: it must not move them again.
  const again = reparseHaproxy(first, sourceFile('a.cfg', v2));
  const lines = (s: typeof moved) => s.sections.map((x) => `${x.kind}:${x.start}:${x.end}:${x.header.line}`);
  assert.deepEqual(lines(again), lines(parseHaproxy(sourceFile('a.cfg', v2))));
  assert.deepEqual(lines(moved), lines(again));
});

test('a long editing session does not keep old versions of the file alive', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const text = haproxyConfig(24_000);
  const lines = text.split('\n');
  const fs = new MemoryFileSystem([{ path: PATH, text }]);
  const ws = new Workspace(fs, ['/w']);
  ws.discover('/w');
  const analyzer = new Analyzer();
  const heapAfter = (edits: number) => {
    for (let i = 0; i < edits; i++) {
      const at = 1000 + ((i * 7919) % 20_000);
      lines[at] = lines[at]!.endsWith('x') ? lines[at]!.slice(0, -1) : `${lines[at]}x`;
      fs.set(PATH, lines.join('\n'));
      analyzer.run(ws).findings.forEach((f) => f.file.lines());
    }
    gc();
    return process.memoryUsage().heapUsed;
  };
  const settled = heapAfter(20);
  // Each version's text is about 0.7 MB: keeping them would add some 70 MB over 100 edits.
  const grown = heapAfter(100) - settled;
  assert.ok(grown < 15 * 1024 * 1024, `the heap grew by ${(grown / 1024 / 1024).toFixed(1)} MB over 100 edits`);
});

const KEEPALIVED_FRAGMENTS = [
  '\n',
  '}\n',
  'vrrp_instance VI_NEW {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n',
  'global_defs {\n    vrrp_strict\n}\n',
  'vrrp_script chk {\n    script "/bin/true"\n    weight 300\n}\n',
  '$VIP=192.0.2.99\n',
  '    state MASTER\n',
  '    virtual_router_id 300\n',
  '    auth_pass secret123456\n',
  '    track_script {\n        chk\n    }\n',
  '        198.51.100.7/40\n',
  '        $VIP\n',
  '@lb1 ',
  '"',
  "'x'",
  '\\#',
  '#',
  ' x',
  '{% if a %}',
];
const KEEPALIVED_SEEDS = fixtureTexts('keepalived');

test('after every edit of a chain, the incremental analysis of a keepalived file equals a fresh one', () => {
  editChains(KEEPALIVED_SEEDS, KEEPALIVED_FRAGMENTS, { runs: 300, seed: 20261122, maxEdits: 6, maxRemove: 60, maxPieces: 2, lineStarts: true }, (text) => kept(text, KEEPALIVED_PATH), (k, text) => {
    assert.deepEqual(k.edit(text), fresh(text, KEEPALIVED_PATH));
    return k;
  });
});

test('a keepalived finding kept with its block follows the block when an edit before it moves it', () => {
  const text = 'vrrp_instance A {\n    virtual_router_id 51\n    priority 300\n}\n\nvrrp_instance B {\n    virtual_router_id 52\n    priority 400\n}\n';
  const k = kept(text, KEEPALIVED_PATH);
  assert.equal(k.first.filter((f) => f.includes('priority-out-of-range')).length, 2, k.first.join('\n'));
  // Block A is parsed again; block B is kept and moved by three characters, its finding with it.
  const edited = text.replace('priority 300', 'priority 300000');
  assert.deepEqual(k.edit(edited), fresh(edited, KEEPALIVED_PATH));
  // And again, moved back, with nothing else in A changed since.
  assert.deepEqual(k.edit(text), fresh(text, KEEPALIVED_PATH));
});

/** Edits a kept keepalived file into `next`: a finding that `found` picks must then be there, as a fresh run says. */
function findsAfterEdit(k: ReturnType<typeof kept>, next: string, found: (finding: string) => boolean): void {
  const after = k.edit(next);
  assert.ok(after.some(found), after.join('\n'));
  assert.deepEqual(after, fresh(next, KEEPALIVED_PATH));
}

test('an edit of what blocks share (definitions, global_defs) reaches the findings kept for the blocks it did not touch', () => {
  const text = '$VIP=192.0.2.10\n\nglobal_defs {\n    router_id lb1\n}\n\nvrrp_instance A {\n    virtual_router_id 51\n    virtual_ipaddress {\n        $VIP\n    }\n}\n\nvrrp_instance B {\n    virtual_router_id 52\n}\n';
  const k = kept(text, KEEPALIVED_PATH);
  assert.ok(!k.first.some((f) => f.includes('invalid-address')), k.first.join('\n'));
  // A's block is untouched, but the address it names is no address any more.
  const badVip = text.replace('$VIP=192.0.2.10', '$VIP=192.0.2.300');
  findsAfterEdit(k, badVip, (f) => f.includes('invalid-address'));
  // B has no VIP: strict mode in global_defs changes what no-vip says of it.
  findsAfterEdit(k, badVip.replace('    router_id lb1\n', '    router_id lb1\n    vrrp_strict\n'), (f) => f.includes('no-vip') && f.includes('strict mode'));
});

test('an edit of global_defs reaches what duplicate-vrid remembers of the instances it did not touch', () => {
  // A is in multicast group 224.0.0.19, B in the default one: no clash, until global_defs makes .19 B's group too.
  const text = 'global_defs {\n    router_id lb1\n}\n\nvrrp_instance A {\n    interface eth0\n    virtual_router_id 51\n    mcast_dst_ip 224.0.0.19\n}\n\nvrrp_instance B {\n    interface eth0\n    virtual_router_id 51\n}\n';
  const k = kept(text, KEEPALIVED_PATH);
  assert.ok(!k.first.some((f) => f.includes('duplicate-vrid')), k.first.join('\n'));
  findsAfterEdit(k, text.replace('    router_id lb1\n', '    router_id lb1\n    vrrp_mcast_group4 224.0.0.19\n'), (f) => f.includes('duplicate-vrid'));
});

test('findings that point at the strict-mode line in global_defs follow it when an edit moves it, and are kept for untouched blocks', () => {
  const inst = (name: string, vrid: number) => `vrrp_instance ${name} {\n    interface eth0\n    virtual_router_id ${vrid}\n    priority 100\n    virtual_ipaddress {\n        192.0.2.${vrid}\n    }\n}\n`;
  const text = `global_defs {\n    router_id lb1\n    vrrp_strict\n}\n\n${inst('A', 51)}\n${inst('B', 52)}`;
  const k = kept(text, KEEPALIVED_PATH);
  const strictFindings = (f: string) => f.includes('vip-traffic-dropped') && f.includes('strict mode is turned on here');
  assert.equal(k.first.filter(strictFindings).length, 2, k.first.join('\n'));
  // An edit above global_defs moves it (and the instances); an edit in A leaves B's findings kept.
  const moved = `# lb1\n${text}`;
  findsAfterEdit(k, moved, strictFindings);
  findsAfterEdit(k, moved.replace('virtual_router_id 51', 'virtual_router_id 53'), strictFindings);
});

test('lines included both inside a block and at the top level: a finding made inside the block is not kept with the top-level copy', () => {
  // a.conf is read twice: at the top level (valid there) and inside VI_1 through b.conf's include (where vrrp_script
  // is unknown). The finding lies in a.conf's lines either way; filed by place, it would stay after the include goes.
  const files = [
    { path: '/w/lb1/keepalived.conf', text: 'include conf.d/*.conf\n' },
    { path: '/w/lb1/conf.d/a.conf', text: 'vrrp_script chk {\n    script /bin/true\n}\n' },
    { path: '/w/lb1/conf.d/b.conf', text: 'vrrp_instance VI_1 {\n    include a.conf\n}\n' },
  ];
  const k = keptFiles(files);
  const nested = (findings: string[]) => findings.some((f) => f.includes('a.conf') && f.includes('unknown-keyword'));
  assert.ok(nested(k.first), k.first.join('\n'));
  const after = k.editFile('/w/lb1/conf.d/b.conf', 'vrrp_instance VI_1 {\n}\n');
  assert.ok(!nested(after), after.join('\n'));
  assert.deepEqual(after, k.fresh());
});

test('a file included twice at the top level: each copy keeps its own findings, not those of both', () => {
  // Past the cap, what is left out is counted: a copy credited with both copies' findings would change the count.
  const lines = Array.from({ length: 600 }, (_, i) => `foo${i} 1\n`).join('');
  const main = '/w/lb1/keepalived.conf';
  const k = keptFiles([
    { path: main, text: 'include lines.conf\ninclude lines.conf\n' },
    { path: '/w/lb1/lines.conf', text: lines },
  ]);
  assert.ok(k.first.some((f) => f.includes('more unknown-keyword finding(s)')), 'the cap is reached');
  for (const text of ['# one\ninclude lines.conf\ninclude lines.conf\n', '# two\ninclude lines.conf\ninclude lines.conf\n']) {
    assert.deepEqual(k.editFile(main, text), k.fresh());
  }
});

const perBlock = RULES.filter((r) => (r.scope === 'keepalived' || r.scope === 'file') && r.perBlock);

test('rules marked perBlock find, top-level statement by statement, what they find over the whole file, wherever the file starts (fixtures and corpus)', () => {
  assert.ok(perBlock.length >= 10, 'the per-block rules are registered');
  let files = 0;
  const modelOf = (text: string) => buildKeepalivedModel(parseKeepalived(sourceFile(KEEPALIVED_PATH, text)));
  for (const { path, text } of keepalivedFiles()) {
    const model = modelOf(text);
    // The same file one line further down: kept findings are moved, not made again, so messages must not depend on it.
    const lower = modelOf(`\n${text}`);
    const raised = (lines: string[]) => lines.map((l) => l.replace(/^(\d+)-(\d+):/, (_, a: string, b: string) => `${Number(a) - 1}-${Number(b) - 1}:`));
    const globals = model.tree.filter((st) => st.keyword.value === 'global_defs');
    const within = (st: KStatement, span: Span) => st.start <= span.start && span.end <= st.end;
    // The newest target, and 2.2, where vrrp_strict ignores its argument.
    for (const versions of [DEFAULT_SETTINGS.versions, { ...DEFAULT_SETTINGS.versions, keepalived: '2.2' as const }]) {
      for (const rule of perBlock) {
        const where = `${rule.id} in ${path} (keepalived ${versions.keepalived})`;
        // The first run checks the whole file and files each finding with the statement it lies in: it must lie in the
        // one checked, and its related places there or in a global_defs block (blocks.ts keeps them relative to it).
        const byBlock = model.tree.flatMap((st) =>
          found(
            keepalivedCheck(rule),
            blockModel(model, st, model.instances.find((i) => i.statement === st)),
            (span, related) => {
              assert.ok(within(st, span), `${where}: a finding at ${span.start} outside its statement`);
              for (const r of related) assert.ok(within(st, r.span) || globals.some((g) => within(g, r.span)), `${where}: a related place at ${r.span.start} outside its statement and global_defs`);
            },
            versions,
          ),
        );
        const whole = found(keepalivedCheck(rule), model, undefined, versions).sort();
        assert.deepEqual(byBlock.sort(), whole, where);
        assert.deepEqual(raised(found(keepalivedCheck(rule), lower, undefined, versions)).sort(), whole, `${where}, one line lower`);
      }
    }
    files++;
  }
  assert.ok(files > 30, `only ${files} keepalived configs found`);
});
