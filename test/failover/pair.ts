// A highly available pair in a lab (see ../support/netns.ts), and the failover steps the test runs on it.
//
//      lb1 (netns, own PID ns)            client (netns)              lb2 (netns, own PID ns)
//      eth0 192.0.2.11/24  ---- veth ---- to-lb1  br0 192.0.2.200/24  to-lb2 ---- veth ---- eth0 192.0.2.12/24
//      lo: backend addresses                    (bridge)                     lo: backend addresses
//
// The link in each node is named like the config's interface. The nodes' addresses are the
// MASTER's unicast_src_ip and the generated peer's (192.0.2.11/.12 for a multicast config, which
// names none). The client namespace bridges the two links, so VRRP adverts, gratuitous ARPs and the
// client's requests cross one Ethernet segment, as on a real LAN.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AddressMonitor, exec, type Lab, type LabNode, type LabProcess, waitUntil } from '../support/netns.js';
import { which } from '../support/real-programs.js';
import { type HaproxyServer, runnableHaproxy, type VrrpFacts } from './configs.js';

const BACKEND = fileURLToPath(new URL('./backend.mjs', import.meta.url));
const CLIENT = fileURLToPath(new URL('./client.mjs', import.meta.url));
/**
 * How long a node's backend or HAProxy may take to start listening. Not what the tests time: on a loaded CI host the
 * backend (a Node process) once printed nothing for 15 s.
 */
const START_MS = 45_000;

export function programPath(cmd: 'haproxy' | 'keepalived'): string {
  return process.env[`HAPAIR_${cmd.toUpperCase()}`] || which(cmd) || cmd;
}

export interface NodeSpec {
  name: string;
  /** keepalived.conf and haproxy.cfg paths (already written). */
  keepalived: string;
  haproxy?: string;
  address: string;
  facts: VrrpFacts;
}

export class PairNode {
  keepalived: LabProcess | undefined;
  haproxy: LabProcess | undefined;
  backend: LabProcess | undefined;
  readonly monitor: AddressMonitor;
  readonly runDir: string;
  private starts = 0;

  constructor(
    readonly node: LabNode,
    readonly spec: NodeSpec,
  ) {
    this.monitor = new AddressMonitor(node);
    this.runDir = join(node.lab.dir, spec.name, 'run');
    mkdirSync(this.runDir, { recursive: true });
  }

  get name(): string {
    return this.spec.name;
  }

  /**
   * Starts keepalived in the foreground (-n), logging to the console only (-l -G), VRRP only (-P),
   * pid files in the node's run directory, and -R (--dont-respawn): when its VRRP process dies the
   * parent exits instead of starting a new one at once, so a killed VRRP process stays dead until
   * the test restarts keepalived.
   */
  startKeepalived(): { proc: LabProcess; at: number } {
    this.starts += 1;
    const pid = (n: string) => join(this.runDir, `${n}.pid`);
    const argv = [programPath('keepalived'), '-n', '-l', '-D', '-G', '-R', '-P', '-f', this.spec.keepalived, '-p', pid('keepalived'), '-r', pid('vrrp'), '-c', pid('checkers')];
    const at = Date.now();
    this.keepalived = this.node.spawn(`keepalived#${this.starts}`, argv);
    return { proc: this.keepalived, at };
  }

  /** Host pid of the running VRRP process, from keepalived's vrrp pid file (a pid in the node's PID namespace). */
  async vrrpPid(): Promise<number> {
    const file = join(this.runDir, 'vrrp.pid');
    const ka = this.keepalived!;
    return waitUntil(`${this.name}: keepalived's VRRP process`, 10_000, () => {
      if (!ka.running) throw new Error(`${this.name}: keepalived exited\n${ka.tail()}`);
      if (!existsSync(file)) return undefined;
      const inner = Number(readFileSync(file, 'utf8').trim());
      return Number.isInteger(inner) && inner > 0 ? this.node.hostPid(inner) : undefined;
    });
  }

  /** Log lines `(INSTANCE) Entering STATE STATE` of the current keepalived, with arrival times. */
  states(): { at: number; state: string }[] {
    const out: { at: number; state: string }[] = [];
    for (const l of this.keepalived?.lines ?? []) {
      const m = /\) Entering (\w+) STATE/.exec(l.text);
      if (m) out.push({ at: l.at, state: m[1]! });
    }
    return out;
  }

  /** Effective priority changes logged by the current keepalived (e.g. a failing weighted check). */
  priorities(): string[] {
    return (this.keepalived?.lines ?? []).map((l) => /Changing effective priority from (\d+) to (\d+)/.exec(l.text)).filter(Boolean).map((m) => `${m![1]}→${m![2]}`);
  }

  /** Arrival time of the first `Entering STATE STATE` line logged at or after since. */
  waitForState(state: string, since: number, timeoutMs: number): Promise<number> {
    const ka = this.keepalived!;
    return waitUntil(() => `${this.name}: keepalived entering ${state} state\n${ka.tail()}`, timeoutMs, () => {
      const found = this.states().find((s) => s.state === state && s.at >= since)?.at;
      if (found === undefined && !ka.running) throw new Error(`${this.name}: keepalived exited\n${ka.tail()}`);
      return found;
    }, 10);
  }

  /** Local stand-ins for the backend servers, on addresses added to lo, answering with the node's name. */
  async startBackend(servers: HaproxyServer[], listen: HaproxyServer[]): Promise<void> {
    for (const a of new Set(servers.map((s) => s.address))) await this.node.ip('addr', 'add', `${a}/32`, 'dev', 'lo');
    if (listen.length === 0) return;
    this.backend = this.node.spawn('backend', [process.execPath, BACKEND, this.name, ...listen.map((s) => `${s.address}:${s.port}`)]);
    await this.backend.waitForLine(/^listening$/, START_MS);
  }

  /**
   * HAProxy in the foreground (-db) with the node's config, once binding on the VIP is allowed.
   * `-n 1000` caps the connections: HAProxy raises its file-descriptor limit to about twice the
   * config's maxconn (20038 for the example, 40033 for the baseline snippet) and refuses to start
   * where the hard limit is lower, as in containers (20000 here).
   */
  async startHaproxy(mustListen: string[]): Promise<void> {
    await this.node.exec(['sysctl', '-q', '-w', 'net.ipv4.ip_nonlocal_bind=1']).then((r) => {
      if (r.rc !== 0) throw new Error(`${this.name}: sysctl net.ipv4.ip_nonlocal_bind=1: ${r.out}`);
    });
    const cfg = join(this.runDir, 'haproxy.cfg');
    writeFileSync(cfg, runnableHaproxy(readFileSync(this.spec.haproxy!, 'utf8'), this.runDir));
    this.haproxy = this.node.spawn('haproxy', [programPath('haproxy'), '-db', '-n', '1000', '-f', cfg]);
    const proc = this.haproxy;
    await waitUntil(`${this.name}: haproxy listening on ${mustListen.join(', ')}`, START_MS, async () => {
      if (!proc.running) throw new Error(`${this.name}: haproxy exited\n${proc.tail()}`);
      const ss = await this.node.exec(['ss', '-Hltn']);
      return mustListen.every((l) => ss.out.includes(` ${l} `));
    }, 50);
  }
}

/** One HTTP request from the client namespace. */
export interface Answer {
  at: number;
  status?: number;
  body?: string;
  error?: string;
  node?: string;
  client?: string | null;
}

export class Pair {
  readonly a: PairNode;
  readonly b: PairNode;

  private constructor(
    readonly lab: Lab,
    a: LabNode,
    b: LabNode,
    readonly clientNs: string,
    readonly clientAddress: string,
    specA: NodeSpec,
    specB: NodeSpec,
  ) {
    this.a = new PairNode(a, specA);
    this.b = new PairNode(b, specB);
  }

  /** Builds the topology drawn at the top of this file, with address monitors running on both nodes. */
  static async create(lab: Lab, specA: NodeSpec, specB: NodeSpec, client: { address: string; prefix: number }): Promise<Pair> {
    const [a, b, c] = await Promise.all([lab.node(specA.name), lab.node(specB.name), lab.namespace()]);
    const pair = new Pair(lab, a, b, c, client.address, specA, specB);
    await Promise.all([pair.a.monitor.start(), pair.b.monitor.start()]);
    await exec(['ip', '-n', c, 'link', 'add', 'br0', 'type', 'bridge']);
    for (const [n, spec] of [
      [a, specA],
      [b, specB],
    ] as const) {
      const iface = spec.facts.iface;
      await n.ip('link', 'add', iface, 'type', 'veth', 'peer', 'name', `to-${spec.name}`, 'netns', c);
      await exec(['ip', '-n', c, 'link', 'set', `to-${spec.name}`, 'master', 'br0', 'up']);
      await n.ip('addr', 'add', `${spec.address}/${client.prefix}`, 'dev', iface);
      await n.ip('link', 'set', iface, 'up');
    }
    await exec(['ip', '-n', c, 'addr', 'add', `${client.address}/${client.prefix}`, 'dev', 'br0']);
    await exec(['ip', '-n', c, 'link', 'set', 'br0', 'up']);
    return pair;
  }

  /** GET url from the client namespace (2 s timeout). */
  async request(url: string, auth?: string): Promise<Answer> {
    const at = Date.now();
    const r = await exec(['ip', 'netns', 'exec', this.clientNs, process.execPath, CLIENT, url, ...(auth ? [auth] : [])], 10_000);
    try {
      const j = JSON.parse(r.out.trim().split('\n').pop() ?? '') as { status?: number; body?: string; error?: string };
      let node: string | undefined;
      let client: string | null | undefined;
      try {
        const body = JSON.parse(j.body ?? '') as { node?: string; client?: string | null };
        node = body.node;
        client = body.client;
      } catch {
        /* not the backend's JSON (e.g. the stats page) */
      }
      return { at, ...j, ...(node ? { node } : {}), ...(client !== undefined ? { client } : {}) };
    } catch {
      return { at, error: `client printed: ${r.out.trim()}` };
    }
  }

  /** Requests url until some node answers (or timeoutMs passes); returns every attempt. */
  async requestUntilAnswered(url: string, timeoutMs: number): Promise<Answer[]> {
    const attempts: Answer[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.request(url);
      attempts.push(r);
      if (r.status !== undefined || Date.now() > deadline) return attempts;
      await new Promise((res) => setTimeout(res, 100));
    }
  }
}

/**
 * Samples which nodes hold address every intervalMs until stopped. Each sample reads `first` and
 * then `second`: when `first` is the node taking the address and `second` the one giving it up, a
 * sample showing both means both really held it at once, at some moment between its start (`at`)
 * and its `end` (reading in the other order could see both across a clean handover).
 */
export class Sampler {
  readonly samples: { at: number; end: number; first: boolean; second: boolean }[] = [];
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(first: LabNode, second: LabNode, address: string, dev: string, intervalMs: number) {
    this.done = (async () => {
      while (!this.stopped) {
        const started = Date.now();
        const f = (await first.addresses(dev)).includes(address);
        const s = (await second.addresses(dev)).includes(address);
        this.samples.push({ at: started, end: Date.now(), first: f, second: s });
        const left = intervalMs - (Date.now() - started);
        if (left > 0) await new Promise((r) => setTimeout(r, left));
      }
    })();
  }

  /** For a timeout message: how many samples there are, how many started at or after `since`, and how long they took. */
  describe(since: number): string {
    const n = this.samples.length;
    if (n === 0) return 'no sample taken';
    const slowest = Math.max(...this.samples.map((x) => x.end - x.at));
    const after = this.samples.filter((x) => x.at >= since).length;
    return `${n} samples, ${after} since then; the last started ${Date.now() - this.samples[n - 1]!.at} ms ago; the slowest took ${slowest} ms`;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }
}
