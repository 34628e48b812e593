// The language server's analysis loop: a run goes a slice at a time, so requests are answered while a huge file
// is analysed, and an edit abandons the run it made outdated. These tests check the order of events, not times.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Diagnostic } from 'vscode-languageserver';
import { Session, QUIET_MS } from '../server/src/lsp/session.js';
import { hover } from '../server/src/features/hover.js';
import { DEFAULT_SETTINGS } from '../server/src/analysis/settings.js';
import { MemoryFileSystem } from './fuzz/memfs.js';
import { haproxyConfig } from '../bench/generators.js';

const ROOT = '/w';
const KEEPALIVED = '/w/lb1/keepalived.conf';
const SMALL = '/w/lb1/haproxy.cfg';
const HUGE = '/w/lb1/conf.d/huge.cfg';
const SMALL_TEXT = 'frontend api\n    bind 192.0.2.10:6443\n    mode tcp\n    default_backend api\n\nbackend api\n    mode tcp\n    server a 198.51.100.1:6443\n';
const KEEPALIVED_TEXT = 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 101\n    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n';
// Big enough that no machine analyses it within one slice.
const HUGE_TEXT = haproxyConfig(100_000);

interface Events {
  session: Session;
  log: string[];
  published: Map<string, Diagnostic[][]>;
}

async function started(): Promise<Events> {
  const log: string[] = [];
  const published = new Map<string, Diagnostic[][]>();
  const fs = new MemoryFileSystem([
    { path: KEEPALIVED, text: KEEPALIVED_TEXT },
    { path: SMALL, text: SMALL_TEXT },
  ]);
  const session = new Session((path, diagnostics) => {
    log.push(`published ${path}`);
    published.set(path, [...(published.get(path) ?? []), diagnostics]);
  }, fs);
  session.setRoots([ROOT]);
  session.open(SMALL, 'haproxy', SMALL_TEXT);
  await session.whenIdle();
  return { session, log, published };
}

/** Opens the huge file and returns once its run has done its first slice. */
async function openHuge({ session }: Events, text = HUGE_TEXT): Promise<void> {
  session.open(HUGE, 'haproxy', text);
  await sleep(QUIET_MS + 5);
  await nextTurn();
}

/**
 * With setTimeout mocked, moves time on by less than the quiet period an edit waits for, lets a few turns of the event
 * loop go by (the run's slices go by setImmediate, which stays real) and checks that `path` was published.
 */
async function assertPublishedBeforeQuietPeriod(t: TestContext, { log }: Events, path: string): Promise<void> {
  t.mock.timers.tick(QUIET_MS - 1);
  for (let i = 0; i < 10 && !log.includes(`published ${path}`); i++) await nextTurn();
  assert.ok(log.includes(`published ${path}`), 'the opened file was not analysed before the quiet period ran out');
}

test('a hover on an unchanged document is answered while a huge file is being analysed', async () => {
  const events = await started();
  await openHuge(events);
  assert.ok(!events.log.includes(`published ${HUGE}`), 'the huge file was analysed within one slice: the test proves nothing');
  const ctx = await events.session.context(SMALL);
  const answer = hover(ctx!, SMALL_TEXT.indexOf('default_backend') + 2);
  events.log.push('hover answered');
  assert.match(answer?.markdown ?? '', /default_backend/);
  await events.session.whenIdle();
  assert.ok(events.log.indexOf('hover answered') < events.log.indexOf(`published ${HUGE}`), events.log.join('\n'));
});

test('an open starts its run at once, although the LSP library reports it as a change of content too', async (t) => {
  const events = await started();
  t.mock.timers.enable({ apis: ['setTimeout'] });
  events.session.open(HUGE, 'haproxy', SMALL_TEXT);
  events.session.change(HUGE, SMALL_TEXT);
  await assertPublishedBeforeQuietPeriod(t, events, HUGE);
});

test('settings and folders that arrive after an open do not hold its first diagnostics back by the quiet period', async (t) => {
  const events = await started();
  t.mock.timers.enable({ apis: ['setTimeout'] });
  // As in VS Code: the document opens right after the handshake, the settings the server asked for come after.
  events.session.open(HUGE, 'haproxy', SMALL_TEXT);
  events.session.setSettings({ ...DEFAULT_SETTINGS });
  events.session.setRoots([ROOT]);
  await assertPublishedBeforeQuietPeriod(t, events, HUGE);
});

test('a request about an edited document waits for the run that includes the edit', async () => {
  const events = await started();
  const edited = SMALL_TEXT.replace('default_backend api', 'default_backend apii');
  events.session.change(SMALL, edited);
  const ctx = await events.session.context(SMALL);
  assert.equal(ctx?.file.text, edited);
  assert.ok([...ctx.analysis.files.values()].some((f) => f.text === edited), 'the analysis the request answers from saw the edit');
});

test('an edit abandons the run in progress: only the latest text is published', async () => {
  const events = await started();
  await openHuge(events, `${HUGE_TEXT}\nbackend outdated\n    balancex roundrobin\n`);
  await openHuge(events, `${HUGE_TEXT}\nbackend latest\n    balancey roundrobin\n`);
  await events.session.whenIdle();
  const lists = events.published.get(HUGE) ?? [];
  assert.equal(lists.length, 1, 'one publication for the huge file');
  const messages = lists[0]!.map((d) => d.message).join('\n');
  assert.match(messages, /balancey/);
  assert.doesNotMatch(messages, /balancex/);
});

test('a file is published again only when its diagnostics differ: in content, or only in where they are', async () => {
  const events = await started();
  const { session, published } = events;
  const count = () => published.get(SMALL)?.length ?? 0;
  const edit = async (text: string) => {
    session.change(SMALL, text);
    await session.whenIdle();
  };
  const typo = SMALL_TEXT.replace('mode tcp', 'modex tcp');
  await edit(typo);
  const first = count();
  assert.ok(published.get(SMALL)!.at(-1)!.some((d) => String(d.message).includes('modex')), 'the typo is published');
  // A comment changes no finding: nothing is sent.
  await edit(`${typo}# a comment\n`);
  assert.equal(count(), first, 'the same diagnostics are not sent again');
  // A blank line above moves the finding one line down: the same message elsewhere is sent.
  await edit(`\n${typo}# a comment\n`);
  assert.equal(count(), first + 1);
  const [before, after] = [published.get(SMALL)!.at(-2)!, published.get(SMALL)!.at(-1)!].map((list) => list.find((d) => String(d.message).includes('modex'))!);
  assert.equal(after.range.start.line, before.range.start.line + 1);
});

test('while nothing is running, a request answers at once from the latest run', async () => {
  const events = await started();
  const before = events.session.last;
  const ctx = await events.session.context(SMALL);
  assert.equal(ctx?.analysis, before);
});

test('a request cancelled while it waits for the run is not answered', async () => {
  const events = await started();
  events.session.change(SMALL, SMALL_TEXT.replace('mode tcp', 'mode http'));
  const token = { isCancellationRequested: false };
  const answer = events.session.context(SMALL, token);
  token.isCancellationRequested = true;
  assert.equal(await answer, undefined);
  assert.ok(await events.session.context(SMALL), 'the next request is answered');
});

test('an analysis that throws (a bug) is logged, and the server goes on with the previous results', async (t) => {
  const events = await started();
  const before = events.session.last;
  const analyzer = (events.session as unknown as { analyzer: { steps: () => unknown } }).analyzer;
  const steps = analyzer.steps;
  analyzer.steps = function* () {
    yield;
    throw new Error('boom');
  };
  const logged: string[] = [];
  t.mock.method(console, 'error', (m: string) => logged.push(m));
  events.session.change(SMALL, SMALL_TEXT.replace('mode tcp', 'mode http'));
  await events.session.whenIdle();
  assert.match(logged.join('\n'), /hapair: the analysis failed: Error: boom/);
  assert.equal(events.session.last, before);
  analyzer.steps = steps;
  const next = `${SMALL_TEXT}\n`;
  events.session.change(SMALL, next);
  await events.session.whenIdle();
  assert.notEqual(events.session.last, before, 'the next edit is analysed');
  assert.ok([...(events.session.last?.files.values() ?? [])].some((f) => f.text === next));
});

test('after an edit, a request about another document of the latest run waits for the run that includes the edit', async () => {
  // The edited file is parsed again in place: its unchanged sections move to their new positions, which the latest
  // run's model of it would then read too. Answers that reach into it must come from a run that saw the edit.
  const events = await started();
  const before = events.session.last;
  assert.ok([...(before?.files.values() ?? [])].some((f) => f.uri === KEEPALIVED));
  events.session.change(SMALL, `# a comment that moves every section\n${SMALL_TEXT}`);
  const ctx = await events.session.context(KEEPALIVED);
  assert.notEqual(ctx?.analysis, before, 'answered from the run before the edit');
  assert.ok([...(ctx?.analysis.files.values() ?? [])].some((f) => f.uri === SMALL && f.text.startsWith('# a comment')));
  const model = ctx!.analysis.haproxy.get(SMALL)!;
  assert.equal(model.syntax.sections[0]!.header.line, 1, 'positions of the edited file are those of its new text');
});

test('typing in a file that keepalived.conf includes publishes its findings and those it gives the including file', async () => {
  const main = '/w/lb1/keepalived.conf';
  const included = '/w/lb1/vrrp.inc';
  const published = new Map<string, Diagnostic[]>();
  const fs = new MemoryFileSystem([
    { path: main, text: 'global_defs {\n    router_id lb1\n}\ninclude /w/lb1/vrrp.inc\n' },
    { path: included, text: KEEPALIVED_TEXT },
  ]);
  const session = new Session((path, diagnostics) => void published.set(path, diagnostics), fs);
  session.setRoots([ROOT]);
  session.open(included, 'keepalived', KEEPALIVED_TEXT);
  await session.whenIdle();
  const before = session.last;
  // A priority keepalived rejects: the finding lies in the included file, and is made by the including file's rules.
  session.change(included, KEEPALIVED_TEXT.replace('priority 101', 'priority 300'));
  await session.whenIdle();
  assert.equal(session.last?.patchOf?.serial, before?.serial, 'the edit was patched in');
  assert.ok(published.get(included)?.some((d) => d.code === 'priority-out-of-range'), JSON.stringify(published.get(included)));
  session.change(included, KEEPALIVED_TEXT);
  await session.whenIdle();
  assert.deepEqual(published.get(included), []);
});

test('files opened and closed outside the workspace folders are not kept once closed', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const session = new Session(() => undefined, new MemoryFileSystem([]));
  const text = haproxyConfig(24_000);
  let opened = 0;
  const heapAfter = (rounds: number) => {
    for (let i = 0; i < rounds; i++) {
      // A new name each time, as when a user browses through files outside every folder.
      const path = `/elsewhere/${opened++}/haproxy.cfg`;
      session.open(path, 'haproxy', text);
      session.run();
      session.close(path);
      session.run();
    }
    gc();
    return process.memoryUsage().heapUsed;
  };
  const settled = heapAfter(3);
  // Each parse of this file holds about 2.5 MB: keeping all of them would add some 50 MB over 20 files.
  const grown = heapAfter(20) - settled;
  assert.ok(grown < 12 * 1024 * 1024, `the heap grew by ${(grown / 1024 / 1024).toFixed(1)} MB over 20 files opened and closed`);
});

test('a file changed on disk so that it no longer reads as a config leaves the analysis, and comes back when it does again', () => {
  const published = new Map<string, Diagnostic[]>();
  const path = '/w/lb1/conf.d/extra.conf';
  const fs = new MemoryFileSystem([{ path, text: 'vrrp_script chk {\n    script "true"\n    weight 300\n}\n' }]);
  const session = new Session((p, d) => published.set(p, d), fs);
  session.setRoots([ROOT]);
  session.run();
  // Found by its content (a `.conf` with a keepalived block), and checked: the weight is out of range.
  const found = ['script-security-missing', 'weight-out-of-range'];
  assert.deepEqual(published.get(path)?.map((d) => d.code), found);
  // The block's keyword is mistyped: the file no longer says it is keepalived's, so a fresh discovery skips it.
  fs.set(path, 'vrrp_scriptx chk {\n    script "true"\n    weight 300\n}\n');
  session.filesChanged([{ path, kind: 'changed' }]);
  session.run();
  assert.deepEqual(published.get(path), []);
  assert.equal(session.last?.files.has(path), false);
  fs.set(path, 'vrrp_script chk {\n    script "true"\n    weight 300\n}\n');
  session.filesChanged([{ path, kind: 'changed' }]);
  session.run();
  assert.deepEqual(published.get(path)?.map((d) => d.code), found);
});

test('an open buffer is analysed in the language the editor gives it, even when its content reads as the other one', () => {
  const published = new Map<string, Diagnostic[]>();
  const path = '/w/lb1/conf.d/extra.conf';
  const text = 'vrrp_instance VI_1 {\n    virtual_router_id 51\n}\n';
  const session = new Session((p, d) => published.set(p, d), new MemoryFileSystem([{ path, text }]));
  session.setRoots([ROOT]);
  session.open(path, 'haproxy', text);
  session.run();
  assert.equal(session.last?.haproxy.has(path), true);
  assert.ok(published.get(path)?.every((d) => d.code === 'keyword-outside-section'));
  // Typing keeps it so: the mistyped keyword no longer reads as keepalived, and a new session would say the same.
  session.change(path, text.replace('vrrp_instance', 'vrrp_instancex'));
  session.run();
  assert.equal(session.last?.haproxy.has(path), true);
  // Closed, it is the file on disk again, which reads as keepalived.
  session.close(path);
  session.run();
  assert.equal(session.last?.haproxy.has(path), false);
  assert.equal(session.last?.keepalived.has(path), true);
});

test('a buffer closed unsaved gives way to its file on disk, even when a discovery ran while the buffer read otherwise', () => {
  const path = '/w/lb1/conf.d/extra.conf';
  const text = 'vrrp_script chk {\n    script "true"\n    weight 300\n}\n';
  const fs = new MemoryFileSystem([{ path, text }]);
  const session = new Session(() => undefined, fs);
  session.setRoots([ROOT]);
  session.open(path, 'keepalived', text);
  session.run();
  // The buffer loses the block that made the file a keepalived one; a new file makes the server look again.
  session.change(path, 'vrrp_scriptx chk {\n');
  fs.set('/w/lb1/keepalived.conf', KEEPALIVED_TEXT);
  session.filesChanged([{ path: '/w/lb1/keepalived.conf', kind: 'created' }]);
  session.run();
  assert.equal(session.last?.keepalived.has(path), true, 'still analysed: the editor calls it keepalived');
  // Closed without saving: the file on disk is what a new server would find.
  session.close(path);
  session.run();
  assert.ok(session.last?.byFile.get(path)?.some((f) => f.code === 'weight-out-of-range'));
});

test('hapair.json problems are its diagnostics, placed where it is wrong, and cleared once it is right', () => {
  const published = new Map<string, Diagnostic[]>();
  const manifest = '/w/hapair.json';
  const nodes = (second: string) => `{ "clusters": [ { "nodes": [\n  { "keepalived": "lb1/keepalived.conf" },\n  { "keepalived": "${second}" }\n] } ] }\n`;
  const fs = new MemoryFileSystem([
    { path: KEEPALIVED, text: KEEPALIVED_TEXT },
    { path: '/w/lb2/keepalived.conf', text: KEEPALIVED_TEXT },
    { path: manifest, text: nodes('lb2/keepalive.conf') },
  ]);
  const session = new Session((p, d) => published.set(p, d), fs);
  session.setRoots([ROOT]);
  session.run();
  const shown = () => published.get(manifest)?.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${d.message}`);
  assert.deepEqual(shown(), ['2:18-38 2 lb2/keepalive.conf does not exist: the node is left out of the checks']);
  // Saved with a comma too many: refused, an error where the comma is.
  fs.set(manifest, nodes('lb2/keepalived.conf').replace('}\n]', '},\n]'));
  session.filesChanged([{ path: manifest, kind: 'changed' }]);
  session.run();
  assert.deepEqual(shown(), ['2:41-42 1 not valid JSON: a comma before the closing bracket, which JSON does not allow']);
  fs.set(manifest, nodes('lb2/keepalived.conf'));
  session.filesChanged([{ path: manifest, kind: 'changed' }]);
  session.run();
  assert.deepEqual(shown(), []);
  // Both nodes are in the manifest's cluster now: two MASTERs of one router.
  assert.ok(published.get(KEEPALIVED)?.some((d) => d.code === 'multiple-masters'));
});

test('saving a file that hapair.json names, whose name does not tell what it is, does not walk the folders again', () => {
  let walks = 0;
  class CountingFileSystem extends MemoryFileSystem {
    override readDir(path: string): readonly string[] | undefined {
      if (path === ROOT) walks++;
      return super.readDir(path);
    }
  }
  const published = new Map<string, Diagnostic[]>();
  const path = '/w/lb2/ka.txt';
  const fs = new CountingFileSystem([
    { path: KEEPALIVED, text: KEEPALIVED_TEXT },
    { path, text: KEEPALIVED_TEXT },
    { path: '/w/hapair.json', text: JSON.stringify({ clusters: [{ nodes: [{ keepalived: 'lb1/keepalived.conf' }, { keepalived: 'lb2/ka.txt' }] }] }) },
  ]);
  const session = new Session((p, d) => published.set(p, d), fs);
  session.setRoots([ROOT]);
  session.run();
  assert.ok(published.get(path)?.some((d) => d.code === 'multiple-masters'), 'lb2/ka.txt is not the peer the manifest says');
  assert.equal(walks, 1);
  fs.set(path, KEEPALIVED_TEXT.replace('MASTER', 'BACKUP').replace('101', '100'));
  session.filesChanged([{ path, kind: 'changed' }]);
  session.run();
  assert.equal(walks, 1, 'the folders were walked again');
  assert.deepEqual(published.get(path), []);
});

test('an Ansible layout: a template hapair cannot render and a vars file it cannot read reach the editor, and clear once fixed', () => {
  const published = new Map<string, Diagnostic[]>();
  const template = '/w/roles/lb/templates/keepalived.conf.j2';
  const vars = '/w/group_vars/lb';
  const fact = "{% if ansible_default_ipv4.interface == 'eth0' %}\n    nopreempt\n{% endif %}\n";
  const templateText = (middle: string) => `vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority {{ lb_priority }}\n${middle}    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n`;
  const fs = new MemoryFileSystem([
    { path: '/w/hosts', text: '[lb]\nlb1\nlb2\n' },
    { path: '/w/host_vars/lb1', text: 'lb_priority: 101\n' },
    { path: '/w/host_vars/lb2', text: 'lb_priority: 100\n' },
    { path: vars, text: 'lb_vip: [192.0.2.10\n' },
    { path: template, text: templateText(fact) },
  ]);
  const session = new Session((p, d) => published.set(p, d), fs);
  session.setRoots([ROOT]);
  session.run();
  const shown = (path: string) => published.get(path)?.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${d.code ?? ''} ${d.message}`);
  assert.deepEqual(shown(template), [
    "5:0-49 3 template-not-rendered [hosts lb1, lb2] not rendered for these hosts: cannot tell whether 'ansible_default_ipv4.interface == 'eth0'' holds: 'ansible_default_ipv4' is a fact gathered on the host; the template is checked as written, and the cross-file checks run without it",
  ]);
  assert.deepEqual(shown(vars), ['1:0-0 2  unexpected end of the stream within a flow collection: the file is skipped']);
  // Fixed in the editor: no file event, no change to the workspace's own files.
  session.open(vars, undefined, 'lb_vip: [192.0.2.10\n');
  session.change(vars, 'lb_vip: 192.0.2.10\n');
  session.run();
  assert.deepEqual(shown(vars), []);
  assert.equal(shown(template)!.length, 1);
  fs.set(template, templateText(''));
  session.filesChanged([{ path: template, kind: 'changed' }]);
  session.run();
  assert.deepEqual(shown(vars), []);
  assert.deepEqual(shown(template), []);
});
