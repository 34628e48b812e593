// Real two-node failover (issue 6, item 3). For each keepalived MASTER config of the examples and
// the snippets: generate its peer with `hapair peer`, run both with the real keepalived in a lab of
// network namespaces (see pair.ts), and check that
// - the MASTER takes the VIP and the generated BACKUP does not, while it hears the MASTER;
// - after the MASTER's VRRP process is killed with SIGKILL (no priority-0 "goodbye" advert), the
//   BACKUP takes the VIP within 5 s;
// - a restarted MASTER takes the VIP back; the two hold it together only during the handover
//   itself, which VRRP cannot make atomic: measured from the kernel's address events (ip monitor)
//   and by polling both nodes every 25 ms, and bounded by one advert interval (see vipFailover).
// Each config runs twice: with keepalived alone, and with HAProxy on both nodes bound to the VIP
// (net.ipv4.ip_nonlocal_bind=1), answering a client's request through the VIP before and after.
//
// A config whose tracked check has no weight (the snippets' chk_haproxy) puts both nodes in FAULT
// when HAProxy is not running: its "keepalived alone" run checks exactly that instead.
// A config with no virtual_ipaddress (the cloud floating-IP snippet) is followed through its
// notify_master script, which here records which node claimed the address (the cloud API stand-in).
//
// HAProxy stopping on the MASTER (the rule haproxy-not-tracked): with the snippet's check tracked,
// the VIP moves to lb2; with the track_script block removed, hapair reports the rule on both nodes
// and lb1 keeps the VIP while requests through it are refused.
//
// nopreempt on the lower-priority peer only (the rule nopreempt-on-lower-peer): after a failover, the restarted lb1
// still takes the VIP back; with the rule's quick fix applied to lb1, lb2 keeps it.
//
// All addresses are from the documentation ranges and exist only inside the lab's namespaces.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { aptInstall, isRoot, unavailable } from '../support/real-programs.js';
import { type AddressEvent, isAlive, Lab, labAvailability, labTempDir, waitUntil } from '../support/netns.js';
import { assertFixed, FixWorkspace } from '../features/code-actions/fix-workspace.js';
import { assertDocAddressesOnly, binds, hapairCli, hapairPeer, haproxyServers, ipv4Literals, type MasterCase, masterCases, serversBehind, vrrpFacts, writeNotifyScript } from './configs.js';
import { type Answer, Pair, type PairNode, Sampler } from './pair.js';
import { type CpuTicks, cpuTicks, stealPercent } from '../../bench/lib/calibrate.js';

const TAKEOVER_LIMIT_MS = 5000;
/** Per test: most take 6–25 s; the limit leaves room for a process slow to start on a loaded host (pair.ts START_MS). */
const TEST_MS = 120_000;
const SAMPLE_MS = 25;

// ---------------------------------------------------------------------------------------------
// Can it run here?

/** Debian packages of the commands the configs' check scripts run. */
const SCRIPT_PACKAGES: Record<string, string> = { killall: 'psmisc', pgrep: 'procps', pidof: 'procps', curl: 'curl' };

/** The check scripts' programs, installed with apt-get when missing (as root); else why they cannot run. */
function scriptProgramsMissing(cases: MasterCase[]): string | undefined {
  const commands = new Set(cases.flatMap((c) => vrrpFacts(c.keepalived).scripts.map((s) => s.command.split(/\s+/)[0]!)));
  const missing = [...commands].filter((c) => c.startsWith('/') && !existsSync(c));
  if (missing.length === 0) return undefined;
  const pkgs = [...new Set(missing.map((c) => SCRIPT_PACKAGES[c.split('/').pop()!]).filter((p): p is string => Boolean(p)))];
  const err = isRoot() && pkgs.length > 0 ? aptInstall(pkgs) : 'not root';
  const still = missing.filter((c) => !existsSync(c));
  return still.length === 0 ? undefined : `check script programs missing: ${still.join(', ')} (apt-get install ${pkgs.join(' ')}: ${err ?? 'did not provide them'})`;
}

function whySkip(): string | undefined {
  if (!labCheck.ok) return `SKIPPED (network namespaces cannot be created here): ${labCheck.reason}`;
  const programs = unavailable('keepalived', 'haproxy');
  if (programs) return programs;
  const scripts = scriptProgramsMissing(cases);
  return scripts && `SKIPPED: ${scripts}`;
}

const labCheck = await labAvailability();
const cases = masterCases();
const skipReason = whySkip();
if (skipReason) console.log(`failover tests: ${skipReason}`);

let workDir = '';
let cli = '';
before(async () => {
  if (skipReason) return;
  workDir = labTempDir('hapair-cli');
  cli = await hapairCli(workDir);
});
after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Building a pair from a MASTER config

interface Prepared {
  pair: Pair;
  vip?: { address: string; prefix: number };
  iface: string;
  advertMs: number;
  /** How long (ms) the BACKUP waits without adverts before taking over (RFC 3768 Master_Down_Interval). */
  backupDownMs: number;
  /** The notify_master log of a config without VIP. */
  ownerLog?: string;
  http?: { url: string };
  stats?: { a: string; b: string; auth?: string };
  /** Tracked checks without weight: a failing one means FAULT. */
  weightlessChecks: string[];
  /** The machine's CPU counters when the pair was made, to name the steal behind a missed real-time bound. */
  ticks: CpuTicks | undefined;
}

/**
 * For the message of a real-time bound: the share of CPU time the host stole since the pair was made. A host
 * that steals enough (it happens on shared 2-core VMs) delays keepalived's timers past any bound.
 */
const stealNote = (p: Prepared): string => ` (CPU steal since the pair was made: ${stealPercent(p.ticks) ?? '?'}%)`;

async function prepare(t: TestContext, c: MasterCase, withHaproxy: boolean): Promise<Prepared> {
  const ticks = cpuTicks();
  const lab = new Lab('failover');
  t.after(() => lab.close());
  const dir = lab.dir;
  const lb1 = join(dir, 'lb1');
  mkdirSync(lb1, { recursive: true });
  const ownerLog = join(dir, 'floating-ip-owner.log');
  const masterConf = c.withScripts ? c.withScripts(c.keepalived, join(dir, 'scripts')) : c.keepalived;
  const facts = vrrpFacts(masterConf);
  if (facts.notifyMaster) writeNotifyScript(facts.notifyMaster, ownerLog);
  writeFileSync(join(lb1, 'keepalived.conf'), masterConf);
  writeFileSync(join(lb1, 'haproxy.cfg'), c.haproxy);
  const peerConf = await hapairPeer(cli, join(lb1, 'keepalived.conf'), join(dir, 'lb2', 'keepalived.conf'));
  const peerHaproxy = await hapairPeer(cli, join(lb1, 'haproxy.cfg'), join(dir, 'lb2', 'haproxy.cfg'));
  const peer = vrrpFacts(peerConf);
  assertDocAddressesOnly(c.name, masterConf, peerConf, c.haproxy, peerHaproxy);

  assert.equal(facts.state, 'MASTER');
  assert.equal(peer.state, 'BACKUP', `hapair peer made no BACKUP:\n${peerConf}`);
  assert.ok(peer.priority < facts.priority, `peer priority ${peer.priority} not below ${facts.priority}`);
  // Multicast configs name no address of their own: the nodes get .11 and .12 of the VIP's /24.
  const base = (facts.srcIp ?? facts.vips[0]?.address ?? '192.0.2.1').split('.').slice(0, 3).join('.');
  const addrA = facts.srcIp ?? `${base}.11`;
  const addrB = peer.srcIp ?? `${base}.12`;
  if (facts.srcIp) {
    assert.deepEqual(peer.peers, [facts.srcIp], 'the peer sends its adverts to the MASTER');
    assert.deepEqual(facts.peers, [addrB], "the MASTER sends its adverts to the peer's address");
  }
  const used = new Set([masterConf, peerConf, c.haproxy, peerHaproxy].flatMap(ipv4Literals));
  const clientAddress = [200, 201, 202, 203].map((h) => `${base}.${h}`).find((a) => !used.has(a))!;
  for (const v of facts.vips) assert.equal(v.address.split('.').slice(0, 3).join('.'), base, `VIP ${v.address} outside ${base}.0/24: topology not supported`);

  const pair = await Pair.create(
    lab,
    { name: 'lb1', keepalived: join(lb1, 'keepalived.conf'), haproxy: join(lb1, 'haproxy.cfg'), address: addrA, facts },
    { name: 'lb2', keepalived: join(dir, 'lb2', 'keepalived.conf'), haproxy: join(dir, 'lb2', 'haproxy.cfg'), address: addrB, facts: peer },
    { address: clientAddress, prefix: 24 },
  );
  const vip = facts.vips[0];
  const prepared: Prepared = {
    pair,
    ...(vip ? { vip } : {}),
    iface: facts.iface,
    advertMs: facts.advertInt * 1000,
    backupDownMs: 3 * facts.advertInt * 1000 + ((256 - peer.priority) / 256) * facts.advertInt * 1000,
    ...(facts.notifyMaster ? { ownerLog } : {}),
    weightlessChecks: facts.scripts.filter((s) => s.weight === 0).map((s) => s.name),
    ticks,
  };

  if (withHaproxy) {
    const servers = [...haproxyServers(c.haproxy), ...haproxyServers(peerHaproxy)];
    const listen = vip && binds(c.haproxy, vip.address, 80) ? serversBehind(c.haproxy, vip.address, 80) : [];
    if (vip && listen.length > 0) prepared.http = { url: `http://${vip.address}/` };
    const own = new Set([addrA, addrB, clientAddress, ...facts.vips.map((v) => v.address)]);
    assert.deepEqual(servers.filter((x) => own.has(x.address)), [], 'backend servers must not use the nodes\', client\'s or VIP\'s addresses');
    // Wait for the listeners that matter here: the VIP's port 80 and the node's statistics page.
    const mustListen = (text: string, ownIp: string) =>
      ([...(vip ? [[vip.address, 80]] : []), [ownIp, 8404]] as [string, number][]).filter(([addr, port]) => binds(text, addr, port)).map(([addr, port]) => `${addr}:${port}`);
    await Promise.all([pair.a.startBackend(servers, listen), pair.b.startBackend(servers, listen)]);
    await Promise.all([pair.a.startHaproxy(mustListen(c.haproxy, addrA)), pair.b.startHaproxy(mustListen(peerHaproxy, addrB))]);
    if (binds(c.haproxy, addrA, 8404)) {
      assert.ok(binds(peerHaproxy, addrB, 8404), `hapair peer did not move the stats bind to ${addrB}:\n${peerHaproxy}`);
      const auth = /^\s*stats\s+auth\s+(\S+)/m.exec(c.haproxy)?.[1];
      prepared.stats = { a: `http://${addrA}:8404/stats`, b: `http://${addrB}:8404/stats`, ...(auth ? { auth } : {}) };
    }
  }
  return prepared;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function who(answers: Answer[]): string {
  return answers.map((a) => a.node ?? a.error ?? `HTTP ${a.status}`).join(' → ');
}

async function expectAnswerFrom(t: TestContext, p: Prepared, node: string, when: string): Promise<void> {
  const answers = await p.pair.requestUntilAnswered(p.http!.url, 3000);
  const last = answers[answers.length - 1]!;
  assert.equal(last.status, 200, `${when}: no answer through the VIP: ${who(answers)}`);
  assert.equal(last.node, node, `${when}: answered by ${last.node}, expected ${node} (attempts: ${who(answers)})`);
  assert.match(last.client ?? '', new RegExp(`^${p.pair.clientAddress.replaceAll('.', '\\.')}:\\d+$`), `${when}: the backend should see the client's address (PROXY v2): ${last.body}`);
  t.diagnostic(`${when}: ${p.http!.url} answered by ${node}${answers.length > 1 ? ` (attempts: ${who(answers)})` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/** Starts lb1 alone, waits until it is MASTER, then starts lb2 and waits until lb2 provably hears it. */
async function startPair(t: TestContext, p: Prepared, holds: (node: 'a' | 'b', since: number, timeoutMs: number) => Promise<number>): Promise<void> {
  const { a, b } = p.pair;
  const startA = a.startKeepalived().at;
  const masterAt = await holds('a', startA, 15_000);
  t.diagnostic(`lb1 MASTER ${s(masterAt - startA)} after start (effective priority changes: ${a.priorities().join(', ') || 'none'})`);
  const startB = b.startKeepalived().at;
  await b.waitForState('BACKUP', startB, 10_000);
  // lb2 would take over after its Master_Down_Interval if it did not receive lb1's adverts: staying
  // BACKUP past it shows it hears them (auth, VRID and unicast addresses match).
  await waitUntil('lb2 past its Master_Down_Interval', p.backupDownMs + 2000, () => Date.now() > startB + p.backupDownMs + 500, 50);
  assert.deepEqual(b.states().map((x) => x.state), ['BACKUP'], `lb2 should stay BACKUP while lb1 runs${stealNote(p)}\n${b.keepalived!.tail()}`);
  t.diagnostic(`lb2 BACKUP (effective priority changes: ${b.priorities().join(', ') || 'none'})`);
}

/** For startPair: when node `n` added the VIP (after `since`). */
const vipAdded = (p: Prepared) => async (n: 'a' | 'b', since: number, timeoutMs: number) => (await p.pair[n].monitor.waitFor('add', p.vip!.address, since, timeoutMs)).at;

/**
 * Kills lb1's VRRP process with SIGKILL (no priority-0 advert: lb2 must notice the silence) and waits until lb2 holds
 * the VIP, within TAKEOVER_LIMIT_MS, and lb1's keepalived has exited. Returns lb2's address event.
 */
async function killMaster(t: TestContext, p: Prepared): Promise<AddressEvent> {
  const { a, b } = p.pair;
  const vrrp = await a.vrrpPid();
  const killedAt = Date.now();
  process.kill(vrrp, 'SIGKILL');
  const takeover = await b.monitor.waitFor('add', p.vip!.address, killedAt, 15_000);
  const takeoverMs = takeover.at - killedAt;
  t.diagnostic(`takeover: lb2 holds the VIP ${s(takeoverMs)} after SIGKILL of lb1's VRRP process (limit ${s(TAKEOVER_LIMIT_MS)}, Master_Down_Interval ${s(p.backupDownMs)})`);
  assert.ok(takeoverMs <= TAKEOVER_LIMIT_MS, `takeover took ${s(takeoverMs)}${stealNote(p)}`);
  await waitUntil('lb1 keepalived (parent) to exit after its VRRP process died (-R)', 5000, () => !a.keepalived!.running);
  assert.ok(!isAlive(vrrp));
  return takeover;
}

async function vipFailover(t: TestContext, p: Prepared): Promise<void> {
  const { a, b } = p.pair;
  const vip = p.vip!.address;

  await startPair(t, p, vipAdded(p));
  assert.ok((await a.node.addresses(p.iface)).includes(vip), 'lb1 holds the VIP');
  assert.ok(!(await b.node.addresses(p.iface)).includes(vip), 'lb2 does not hold the VIP');
  assert.deepEqual(b.monitor.eventsFor(vip), [], 'lb2 never held the VIP');
  if (p.http) await expectAnswerFrom(t, p, 'lb1', 'before failover');

  const takeover = await killMaster(t, p);
  // SIGKILL gives keepalived no chance to remove the address: it stays on lb1's link until
  // keepalived starts again there (it removes its VIPs at startup).
  const stale = (await a.node.addresses(p.iface)).includes(vip);
  if (p.http) await expectAnswerFrom(t, p, 'lb2', 'after failover');

  // Restart lb1: it must take the VIP back (higher priority, preemption), both holding it only during the handover.
  const restart = a.startKeepalived().at;
  let staleRemoved: number | undefined;
  if (stale) staleRemoved = (await a.monitor.waitFor('del', vip, restart, 10_000)).at;
  t.diagnostic(
    stale
      ? `after the SIGKILL the VIP stayed on lb1's link (its VRRP process could not remove it), so both nodes had it from lb2's takeover until the restarted keepalived removed it at startup (${s(staleRemoved! - restart)} after start; ${s(staleRemoved! - takeover.at)} after the takeover in this run)${p.http ? "; the client's request went to lb2 all the same: its ARP entry followed lb2's gratuitous ARPs" : ''}`
      : 'no VIP left on lb1 after the SIGKILL',
  );
  const sampler = new Sampler(a.node, b.node, vip, p.iface, SAMPLE_MS);
  let back, released;
  try {
    back = await a.monitor.waitFor('add', vip, restart, 15_000);
    released = await b.monitor.waitFor('del', vip, takeover.at, 15_000);
    // A few samples that started after both events were read (so after the handover, by this process's clock
    // alone). The limit is generous, since the samples are not what is timed here: with 2 s, both pair tests of one
    // case timed out on a loaded CI host (its log did not show why; the message now says how sampling went).
    const seen = Date.now();
    await waitUntil(() => `3 samples after the handover (${sampler.describe(seen)})`, 15_000, () => sampler.samples.filter((x) => x.at >= seen).length >= 3, 10);
  } finally {
    await sampler.stop();
  }
  const both = sampler.samples.filter((x) => x.first && x.second);
  const overlapMs = released.at - back.at;
  t.diagnostic(
    `takeback: lb1 holds the VIP ${s(back.at - restart)} after restart; lb2 released it ${overlapMs >= 0 ? `${overlapMs.toFixed(3)} ms after lb1 added it (overlap)` : `${(-overlapMs).toFixed(3)} ms before lb1 added it (no overlap)`} by the two ip monitors' timestamps (± their scheduling delays); ${both.length}/${sampler.samples.length} samples (lb1 then lb2, every ${SAMPLE_MS} ms) saw both`,
  );
  // There is no atomic handover in VRRP: lb1 takes the VIP when its Master_Down timer fires, and
  // lb2 drops it when lb1's first advert reaches it and is processed. A short overlap (a packet's
  // delivery plus scheduling: mostly under 1 ms here, up to ~90 ms on a loaded machine) is
  // inherent, so what is asserted is what keepalived guarantees: lb2 lets go at lb1's first advert,
  // well within one advert interval, and samples see both only inside that handover (monitor times
  // are when `ip monitor` read the event, at or after the kernel change: 250 ms of slack before it).
  assert.ok(overlapMs < p.advertMs, `lb2 released the VIP ${overlapMs.toFixed(1)} ms after lb1 took it: not at lb1's first advert${stealNote(p)}`);
  const outside = both.filter((x) => !(x.end > back.at - 250 && x.at < released.at));
  assert.deepEqual(outside, [], `samples saw both nodes holding the VIP outside the handover (${back.at} .. ${released.at})`);
  await b.waitForState('BACKUP', restart, 5000);
  if (p.http) await expectAnswerFrom(t, p, 'lb1', 'after takeback');
  assert.ok((await a.node.addresses(p.iface)).includes(vip), 'lb1 holds the VIP at the end');
  assert.ok(!(await b.node.addresses(p.iface)).includes(vip), 'lb2 does not hold the VIP at the end');
}

/** Claims of the floating IP recorded by the notify_master stand-in: { at (ms), node }. */
function claims(p: Prepared): { at: number; node: string }[] {
  if (!existsSync(p.ownerLog!)) return [];
  const byNs = new Map([
    [p.pair.a.node.ns, 'lb1'],
    [p.pair.b.node.ns, 'lb2'],
  ]);
  return readFileSync(p.ownerLog!, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [ns, ns2] = l.split(' ');
      return { at: Number(BigInt(ns!) / 1000n) / 1000, node: byNs.get(ns2 ?? '') ?? `unknown (${ns2})` };
    });
}

async function notifyFailover(t: TestContext, p: Prepared): Promise<void> {
  const { a, b } = p.pair;
  const claimBy = (node: string, since: number, timeoutMs: number) =>
    waitUntil(`${node} notify_master`, timeoutMs, () => claims(p).find((c) => c.node === node && c.at >= since)?.at, 10);
  const holds = (n: 'a' | 'b', since: number, timeoutMs: number) => claimBy(n === 'a' ? 'lb1' : 'lb2', since, timeoutMs);

  await startPair(t, p, holds);
  assert.deepEqual(claims(p).map((c) => c.node), ['lb1'], 'only lb1 claimed the floating IP');

  const vrrp = await a.vrrpPid();
  const killedAt = Date.now();
  process.kill(vrrp, 'SIGKILL');
  const takeover = await claimBy('lb2', killedAt, 15_000);
  const takeoverMs = takeover - killedAt;
  t.diagnostic(`takeover: lb2's notify_master claimed the floating IP ${s(takeoverMs)} after SIGKILL of lb1's VRRP process (limit ${s(TAKEOVER_LIMIT_MS)})`);
  assert.ok(takeoverMs <= TAKEOVER_LIMIT_MS, `takeover took ${s(takeoverMs)}${stealNote(p)}`);
  await waitUntil('lb1 keepalived (parent) to exit', 5000, () => !a.keepalived!.running);

  const restart = a.startKeepalived().at;
  const back = await claimBy('lb1', restart, 15_000);
  const demoted = await b.waitForState('BACKUP', restart, 5000);
  t.diagnostic(
    `takeback: lb1 claimed the floating IP ${s(back - restart)} after restart; lb2 logged BACKUP ${Math.abs(demoted - back).toFixed(0)} ms ${demoted >= back ? 'after' : 'before'} lb1's notify_master ran. The snippet has no notify_backup: the cloud gives the address one owner at a time, so "both hold it" has no meaning here`,
  );
  assert.ok(demoted - back < p.advertMs, `lb2 stayed MASTER ${demoted - back} ms after lb1's claim${stealNote(p)}`);
  assert.deepEqual(claims(p).map((c) => c.node), ['lb1', 'lb2', 'lb1']);
}

/**
 * Both nodes without HAProxy, tracking a check with no weight: the check fails on both and neither
 * may become MASTER. (keepalived puts such an instance in FAULT; 2.2.7 logs no state line when an
 * instance starts in FAULT, so the test checks the effect: no MASTER, no VIP, no notify_master.)
 */
async function neitherTakesOver(t: TestContext, p: Prepared): Promise<void> {
  const { a, b } = p.pair;
  const startA = a.startKeepalived().at;
  const startB = b.startKeepalived().at;
  const failed = new RegExp(`VRRP_Script\\((${p.weightlessChecks.join('|')})\\) failed`);
  const [fa, fb] = await Promise.all([a.keepalived!.waitForLine(failed, 15_000), b.keepalived!.waitForLine(failed, 15_000)]);
  // A node whose check did not hold it back would be MASTER after its Master_Down_Interval.
  await waitUntil('past the Master_Down_Interval', p.backupDownMs + 2000, () => Date.now() > Math.max(startA, startB) + p.backupDownMs + 1000, 50);
  for (const n of [a, b]) {
    assert.ok(n.keepalived!.running, `${n.name}: keepalived exited\n${n.keepalived!.tail()}`);
    assert.ok(!n.states().some((x) => x.state === 'MASTER'), `${n.name} became MASTER\n${n.keepalived!.tail()}`);
    if (p.vip) assert.deepEqual(n.monitor.eventsFor(p.vip.address), [], `${n.name} took the VIP`);
  }
  if (p.ownerLog) assert.deepEqual(claims(p), [], 'nobody claimed the floating IP');
  t.diagnostic(
    `${p.weightlessChecks.join(', ')} (no weight) failed on both nodes (lb1 ${s(fa.at - startA)}, lb2 ${s(fb.at - startB)} after start); ${s(p.backupDownMs + 1000)} later neither was MASTER nor held the ${p.vip ? 'VIP' : 'floating IP'}: nothing to fail over without HAProxy`,
  );
}

// ---------------------------------------------------------------------------------------------
// Tests

// Pairs run two at a time, not all eight at once: on a 2-core machine whose host steals CPU time, eight pairs
// (keepalived, HAProxy and a Node backend per node) starved keepalived's timers, and a fresh-clone CI run failed on
// timing alone (takeover 8.2 s against a 3.5 s Master_Down_Interval; a BACKUP that missed adverts at start).
const PAIRS_AT_ONCE = 2;

describe('real keepalived pairs fail over (MASTER from examples/snippets, BACKUP from hapair peer)', { concurrency: PAIRS_AT_ONCE }, () => {
  for (const c of cases) {
    const facts = vrrpFacts(c.keepalived);
    const weightless = facts.scripts.filter((x) => x.weight === 0).map((x) => x.name);
    const how = facts.vips.length > 0 ? 'VIP' : 'notify_master (no virtual_ipaddress: floating IP)';

    const alone = weightless.length > 0 ? `keepalived alone: ${weightless.join(', ')} (no weight) fails without HAProxy, neither node becomes MASTER` : `keepalived alone: failover and takeback of the ${how}`;
    test(`${c.name}: ${alone}`, { skip: skipReason ?? false, timeout: TEST_MS }, async (t) => {
      const p = await prepare(t, c, false);
      if (p.weightlessChecks.length > 0) await neitherTakesOver(t, p);
      else if (p.vip) await vipFailover(t, p);
      else await notifyFailover(t, p);
    });

    const withHaproxy = facts.vips.length > 0 ? 'with HAProxy bound to the VIP: failover and takeback, requests answered through the VIP' : `with HAProxy: failover and takeback followed through ${how}`;
    test(`${c.name}: ${withHaproxy}`, { skip: skipReason ?? false, timeout: TEST_MS }, async (t) => {
      const p = await prepare(t, c, true);
      if (p.stats) {
        // The statistics page listens on each node's own address: hapair peer moved lb2's.
        for (const [node, url] of [
          ['lb1', p.stats.a],
          ['lb2', p.stats.b],
        ] as const) {
          const r = await p.pair.request(url, p.stats.auth);
          assert.equal(r.status, 200, `${node} stats page ${url}: ${r.error ?? r.status}`);
        }
        t.diagnostic(`stats pages answered on ${p.stats.a} and (generated peer) ${p.stats.b}`);
      }
      if (p.vip) {
        if (facts.vips.length > 0 && !p.http) t.diagnostic('no frontend bound on VIP:80: no request through the VIP');
        await vipFailover(t, p);
      } else await notifyFailover(t, p);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// HAProxy stops on the MASTER (haproxy-not-tracked)

/** `hapair check DIR --format json`: the codes it reports, per file relative to DIR. */
function hapairCodes(dir: string): string[] {
  const r = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], { encoding: 'utf8', timeout: 30_000 });
  // Exit status 1 only means error findings; anything else is a failure of the check itself.
  assert.ok(r.status === 0 || r.status === 1, `hapair check ${dir}: exit ${r.status}\n${r.stderr}`);
  const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: { file: string; code: string }[] };
  return diagnostics.map((d) => `${relative(dir, resolve(d.file))} ${d.code}`).sort();
}

/** Copies of both nodes' configs, as a workspace of two node folders for hapair check. */
function nodeFolders(p: Prepared): string {
  const dir = join(p.pair.lab.dir, 'checked');
  for (const n of [p.pair.a, p.pair.b]) {
    mkdirSync(join(dir, n.name), { recursive: true });
    cpSync(n.spec.keepalived, join(dir, n.name, 'keepalived.conf'));
    cpSync(n.spec.haproxy!, join(dir, n.name, 'haproxy.cfg'));
  }
  return dir;
}

/** Stops lb1's HAProxy (SIGTERM inside its PID namespace); when it was gone. */
async function stopHaproxy(n: PairNode): Promise<number> {
  await n.node.spawn('killall haproxy', ['killall', 'haproxy']).exited;
  await waitUntil(`${n.name}: haproxy to exit`, 5000, () => !n.haproxy!.running);
  return Date.now();
}

describe('HAProxy stops on the MASTER: the VIP moves only when keepalived tracks HAProxy', { concurrency: PAIRS_AT_ONCE }, () => {
  // The unicast MASTER snippet tracks chk_haproxy without weight: a failed check puts lb1 in FAULT.
  const c = cases.find((x) => x.name === 'snippet vrrp-master');
  const skip = skipReason ?? (c ? false : 'SKIPPED: the vrrp-master snippet case is missing');
  const vipOf = (p: Prepared) => p.vip!.address;

  test('tracked (chk_haproxy): lb1 gives the VIP up, lb2 takes it and answers through it', { skip, timeout: TEST_MS }, async (t) => {
    const p = await prepare(t, c!, true);
    assert.deepEqual(hapairCodes(nodeFolders(p)), [], 'hapair reports nothing on the tracked pair');
    await startPair(t, p, vipAdded(p));
    await expectAnswerFrom(t, p, 'lb1', 'before HAProxy stops');
    const stopped = await stopHaproxy(p.pair.a);
    const takeover = await p.pair.b.monitor.waitFor('add', vipOf(p), stopped, 15_000);
    t.diagnostic(`lb2 holds the VIP ${s(takeover.at - stopped)} after lb1's HAProxy stopped`);
    await expectAnswerFrom(t, p, 'lb2', 'after HAProxy stopped on lb1');
  });

  test('untracked: hapair reports haproxy-not-tracked on both nodes; lb1 keeps the VIP and requests through it fail', { skip, timeout: TEST_MS }, async (t) => {
    const untracked = { ...c!, keepalived: c!.keepalived.replace(/\n[ \t]*track_script \{[^}]*\}/, '') };
    assert.notEqual(untracked.keepalived, c!.keepalived, 'the snippet has a track_script block to remove');
    const p = await prepare(t, untracked, true);
    assert.deepEqual(hapairCodes(nodeFolders(p)), ['lb1/keepalived.conf haproxy-not-tracked', 'lb2/keepalived.conf haproxy-not-tracked']);
    await startPair(t, p, vipAdded(p));
    await expectAnswerFrom(t, p, 'lb1', 'before HAProxy stops');
    const stopped = await stopHaproxy(p.pair.a);
    // Longer than the tracked case needs: three intervals of the (untracked) check and lb2's Master_Down_Interval.
    const interval = Number(/vrrp_script[^{]*\{[^}]*\binterval\s+(\d+)/.exec(untracked.keepalived)?.[1] ?? 3);
    const windowMs = 3 * interval * 1000 + p.backupDownMs + 1000;
    await waitUntil('the observation window', windowMs + 1000, () => Date.now() > stopped + windowMs, 100);
    assert.ok((await p.pair.a.node.addresses(p.iface)).includes(vipOf(p)), 'lb1 still holds the VIP');
    assert.deepEqual(p.pair.b.monitor.eventsFor(vipOf(p)), [], 'lb2 never took the VIP');
    const answer = await p.pair.request(p.http!.url);
    assert.equal(answer.status, undefined, `a request through the VIP was answered: ${answer.body}`);
    t.diagnostic(`${s(windowMs)} after lb1's HAProxy stopped, lb1 still holds the VIP and ${p.http!.url} fails (${answer.error})`);
  });
});

// ---------------------------------------------------------------------------------------------
// nopreempt on the lower-priority peer only (nopreempt-on-lower-peer)

describe('nopreempt on the lower-priority peer only: lb1 still takes the VIP back, until the quick fix', { concurrency: PAIRS_AT_ONCE }, () => {
  // The example's check has a weight, so keepalived runs alone; lb2 is its generated BACKUP (priority 119 to 120).
  const c = cases.find((x) => x.name === 'examples/k8s-api-pair/lb1');
  const skip = skipReason ?? (c ? false : 'SKIPPED: the example pair case is missing');
  const LB1 = 'lb1/keepalived.conf';
  const LB2 = 'lb2/keepalived.conf';

  /** The pair with nopreempt on lb2, as people write it to stop failbacks; with `fixed`, the rule's quick fix applied. */
  async function prepareNopreempt(t: TestContext, fixed: boolean): Promise<{ p: Prepared; codes: string[] }> {
    const p = await prepare(t, c!, false);
    const files = { [LB1]: p.pair.a.spec.keepalived, [LB2]: p.pair.b.spec.keepalived };
    writeFileSync(files[LB2], readFileSync(files[LB2], 'utf8').replace(/^(\s*)state BACKUP\n/m, '$1state BACKUP\n$1nopreempt\n'));
    if (fixed) {
      const ws = new FixWorkspace({ [LB1]: readFileSync(files[LB1], 'utf8'), [LB2]: readFileSync(files[LB2], 'utf8') });
      assert.deepEqual(assertFixed(ws, LB2, 'nopreempt-on-lower-peer', /^Add nopreempt to lb1/), [LB1]);
      writeFileSync(files[LB1], ws.text(LB1));
    }
    return { p, codes: hapairCodes(nodeFolders(p)).filter((x) => x.includes('nopreempt')) };
  }

  /** Starts the pair, fails lb1 over to lb2 and starts lb1 again; when it started. */
  async function failoverAndRestart(t: TestContext, p: Prepared): Promise<number> {
    await startPair(t, p, vipAdded(p));
    await killMaster(t, p);
    return p.pair.a.startKeepalived().at;
  }

  test('as written: hapair reports nopreempt-on-lower-peer on lb2, and the restarted lb1 takes the VIP back', { skip, timeout: TEST_MS }, async (t) => {
    const { p, codes } = await prepareNopreempt(t, false);
    assert.deepEqual(codes, ['lb2/keepalived.conf nopreempt-on-lower-peer']);
    const restart = await failoverAndRestart(t, p);
    const back = await p.pair.a.monitor.waitFor('add', p.vip!.address, restart, 15_000);
    await p.pair.b.waitForState('BACKUP', restart, 5000);
    t.diagnostic(`lb1 took the VIP back ${s(back.at - restart)} after it restarted, lb2's nopreempt notwithstanding`);
  });

  test('with the quick fix (lb1 starts as BACKUP with nopreempt): nothing reported, and lb2 keeps the VIP', { skip, timeout: TEST_MS }, async (t) => {
    const { p, codes } = await prepareNopreempt(t, true);
    assert.deepEqual(codes, []);
    const restart = await failoverAndRestart(t, p);
    // lb1 would have preempted by the end of its Master_Down_Interval; wait that and three more adverts.
    const windowMs = p.backupDownMs + 3 * p.advertMs;
    await p.pair.a.waitForState('BACKUP', restart, 10_000);
    await waitUntil('the observation window', windowMs + 1000, () => Date.now() > restart + windowMs, 100);
    const added = p.pair.a.monitor.eventsFor(p.vip!.address).filter((e) => e.kind === 'add' && e.at >= restart);
    assert.deepEqual(added, [], 'lb1 took the VIP back');
    assert.ok((await p.pair.b.node.addresses(p.iface)).includes(p.vip!.address), 'lb2 still holds the VIP');
    t.diagnostic(`${s(windowMs)} after lb1 restarted, lb2 still holds the VIP and lb1 is BACKUP`);
  });
});
