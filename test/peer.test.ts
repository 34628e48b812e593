/**
 * generatePeer (server/src/peer/generate.ts) and `hapair peer`, on the MASTER configs of the seed workspaces
 * (test/seeds/, see seeds.test.ts) and on small error cases. The model is built the way cli.ts runPeer builds
 * it. The generated files are also run through the real `keepalived -t` in a private network namespace.
 *
 * Tests named "KNOWN BUG" fail on purpose: they describe behaviour of server/src that contradicts its own
 * contract and stay red until it is fixed there.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../server/src/workspace/workspace.js';
import { nodeFileSystem } from '../server/src/workspace/node-fs.js';
import { analyze } from '../server/src/analysis/analyze.js';
import { buildKeepalivedModel, intOf, type KeepalivedModel, type Setting, type VrrpInstance } from '../server/src/model/keepalived.js';
import { generatePeer, PeerError, type PeerOptions, type PeerResult } from '../server/src/peer/generate.js';
import { describeResult, keepalivedTest, type KeepalivedResult, skipUnless } from './support/real-programs.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SEEDS = join(ROOT, 'test', 'seeds');
const CLI = join(ROOT, 'dist', 'cli.js');

/** Seeds with a MASTER keepalived.conf in lb1/ (001 is a template shared by both nodes: no MASTER to mirror). */
const MASTER_SEEDS = ['000-hetzner-floating-ip', '002-control-plane-unicast', '003-ah-auth-stats', '004-openstack-multicast'];

const tmp = mkdtempSync(join(tmpdir(), 'hapair-peer-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let tmpSeq = 0;

/** Writes text to a fresh folder under tmp, as `name`; returns the path. */
function writeTemp(text: string, name = 'keepalived.conf'): string {
  const dir = join(tmp, `t${++tmpSeq}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The model as cli.ts runPeer builds it. */
function loadModel(path: string): KeepalivedModel {
  const ws = new Workspace(nodeFileSystem, [dirname(path)]);
  ws.addFile(path, 'keepalived');
  const parsed = ws.keepalived(path);
  assert.ok(parsed.syntax, `${path} is not a text file`);
  const expanded = ws.expandKeepalived(path);
  assert.ok(expanded);
  return buildKeepalivedModel(parsed.syntax, { expanded });
}

function peerOfFile(path: string, options: PeerOptions = {}): PeerResult {
  return generatePeer(loadModel(path), options);
}

function peerOfText(text: string, options: PeerOptions = {}): PeerResult {
  return peerOfFile(writeTemp(text), options);
}

const masterPath = (seed: string) => join(SEEDS, seed, 'lb1', 'keepalived.conf');
const backupPath = (seed: string) => join(SEEDS, seed, 'lb2', 'keepalived.conf');

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The weight keepalived applies for each weighted track_script of an instance (the line's, else the script's). */
function weightsOf(model: KeepalivedModel, inst: VrrpInstance): { name: string; weight: number }[] {
  const out: { name: string; weight: number }[] = [];
  for (const t of inst.trackScripts) {
    const w = intOf(t.weight ?? (t.name.text ? model.scripts.get(t.name.text)?.weight : undefined));
    if (w !== undefined && w !== 0) out.push({ name: t.name.text ?? '?', weight: w });
  }
  return out;
}

function priorityOf(inst: VrrpInstance): number {
  const p = intOf(inst.priority);
  assert.ok(p !== undefined, `'${inst.name}' has no numeric priority`);
  return p;
}

/** Normalised keepalived -t messages: the file path differs between runs, the line and the text must not. */
function messagesOf(r: KeepalivedResult): string[] {
  return r.messages.map((m) => `${m.line ?? '-'}: ${m.message}`);
}

// ---------------------------------------------------------------------------------------------
// The seeds' MASTER files
// ---------------------------------------------------------------------------------------------

for (const seed of MASTER_SEEDS) {
  test(`peer of ${seed}: only state, priority, unicast_src_ip, the unicast_peer entry and router_id change`, () => {
    const path = masterPath(seed);
    const original = readFileSync(path, 'utf8');
    const model = loadModel(path);
    const result = generatePeer(model);
    assert.deepEqual(result.warnings, []);

    const before = original.split('\n');
    const after = result.text.split('\n');
    assert.equal(after.length, before.length, 'the peer must have exactly as many lines as the original');

    // Every line that may change, with the word that holds its value and what that value must become.
    interface Permitted {
      readonly kind: string;
      readonly word: Setting['word'];
      readonly expect: (value: string) => boolean;
      readonly expectText: string;
    }
    const permitted = new Map<number, Permitted>();
    const mustChange = new Set<number>();
    const permit = (kind: string, word: Setting['word'], expect: (value: string) => boolean, expectText: string, required: boolean) => {
      const line = lineOf(original, word.start);
      assert.ok(!permitted.has(line), `two permitted values on line ${line + 1}`);
      permitted.set(line, { kind, word, expect, expectText });
      if (required) mustChange.add(line);
    };
    const genModel = loadModel(writeTemp(result.text));
    for (const inst of model.instances) {
      assert.ok(inst.state && inst.priority, `'${inst.name}' in ${seed} must state MASTER and a priority`);
      assert.equal(inst.state.text, 'MASTER');
      permit('state', inst.state.word, (v) => v === 'BACKUP', 'BACKUP', true);
      const newInst = genModel.instances.find((i) => i.name === inst.name)!;
      const newPriority = String(priorityOf(newInst));
      permit('priority', inst.priority.word, (v) => v === newPriority, newPriority, true);
      if (inst.unicastPeers.length > 0) {
        assert.equal(inst.unicastPeers.length, 1);
        const src = inst.unicastSrcIp!.text!;
        const peer = inst.unicastPeers[0]!.text;
        permit('unicast_src_ip', inst.unicastSrcIp!.word, (v) => v === peer, peer, true);
        permit('unicast_peer entry', inst.unicastPeers[0]!.word, (v) => v === src, src, true);
      }
    }
    const routerId = model.globalDefs.routerId;
    if (routerId) permit('router_id', routerId.word, (v) => v !== routerId.text && /^\S+$/.test(v), `a new name, not ${routerId.text}`, false);

    for (let i = 0; i < before.length; i++) {
      const a = before[i]!;
      const b = after[i]!;
      if (a === b) {
        assert.ok(!mustChange.has(i), `line ${i + 1} (${permitted.get(i)?.kind}) should have changed: ${a}`);
        continue;
      }
      const p = permitted.get(i);
      assert.ok(p, `line ${i + 1} changed but may not:\n  - ${a}\n  + ${b}`);
      // Everything around the value (indentation, other words, comments) is kept byte for byte.
      const lineStart = original.lastIndexOf('\n', p.word.start - 1) + 1;
      const head = a.slice(0, p.word.start - lineStart);
      const tail = a.slice(p.word.end - lineStart);
      assert.ok(b.startsWith(head) && b.endsWith(tail) && b.length > head.length + tail.length - 1, `line ${i + 1} (${p.kind}) changed more than its value:\n  - ${a}\n  + ${b}`);
      const value = b.slice(head.length, b.length - tail.length);
      assert.ok(p.expect(value), `line ${i + 1} (${p.kind}): got '${value}', expected ${p.expectText}`);
    }
  });

  test(`peer of ${seed}: the new priority is lower, unique, and every weighted check can still move the VIP`, () => {
    const model = loadModel(masterPath(seed));
    const peer = loadModel(writeTemp(generatePeer(model).text));
    for (const inst of model.instances) {
      const own = priorityOf(inst);
      const other = peer.instances.find((i) => i.name === inst.name);
      assert.ok(other, `'${inst.name}' missing from the peer`);
      const p = priorityOf(other);
      assert.ok(p < own, `${inst.name}: peer priority ${p} is not lower than ${own}`);
      assert.ok(p >= 1 && p <= 254, `${inst.name}: peer priority ${p} outside 1..254`);
      for (const { name, weight } of weightsOf(model, inst)) {
        assert.ok(Math.abs(weight) > own - p, `${inst.name}: '${name}' has weight ${weight}, but the gap is ${own} - ${p} = ${own - p}`);
      }
      // Weights of the peer's own copy of the checks are the same lines, unchanged.
      assert.deepEqual(weightsOf(peer, other), weightsOf(model, inst));
    }
  });

  test(`peer of ${seed}: original and generated peer side by side draw no peer finding and no error`, () => {
    const dir = join(tmp, `pair-${seed}`);
    mkdirSync(join(dir, 'lb1'), { recursive: true });
    mkdirSync(join(dir, 'lb2'), { recursive: true });
    writeFileSync(join(dir, 'lb1', 'keepalived.conf'), readFileSync(masterPath(seed), 'utf8'));
    writeFileSync(join(dir, 'lb2', 'keepalived.conf'), generatePeer(loadModel(masterPath(seed))).text);
    const ws = new Workspace(nodeFileSystem, [dir]);
    assert.equal(ws.discover(dir), 2);
    const { findings } = analyze(ws);
    const shown = findings.map((f) => `${f.file.uri.slice(dir.length + 1)}:${f.file.lines().rangeOf(f.span).start.line + 1} ${f.severity} ${f.code}: ${f.message}`);
    const pairCodes = new Set(['duplicate-priority', 'weight-cannot-bridge', 'multiple-masters', 'unicast-peer-mismatch', 'own-address-in-peers', 'peer-vrid-mismatch', 'peer-vip-mismatch', 'peer-auth-mismatch', 'advert-int-mismatch', 'version-mismatch']);
    const bad = findings.filter((f) => f.severity === 'error' || pairCodes.has(f.code));
    assert.equal(bad.length, 0, `\n${shown.join('\n')}`);
  });

  test(`peer of ${seed}: real keepalived -t accepts it (rc 0, or exactly the messages of the original files)`, (t) => {
    if (skipUnless(t, 'keepalived', 'netns')) return;
    const generated = writeTemp(generatePeer(loadModel(masterPath(seed))).text);
    const gen = keepalivedTest(generated);
    assert.notEqual(gen.rc, -1, describeResult(gen));
    if (gen.rc === 0) return;
    // Some originals already draw messages (no VIP, script security, AH with MASTER...). The peer must draw
    // exactly what the MASTER draws, or, for messages that depend on the state (AH with an initial MASTER
    // state), exactly what the post's own BACKUP file draws.
    const master = keepalivedTest(masterPath(seed));
    const backup = keepalivedTest(backupPath(seed));
    const same = (r: KeepalivedResult) => r.rc === gen.rc && JSON.stringify(messagesOf(r)) === JSON.stringify(messagesOf(gen));
    assert.ok(
      same(master) || same(backup),
      `generated peer:\n${describeResult(gen)}\n--- original MASTER:\n${describeResult(master)}\n--- post's BACKUP:\n${describeResult(backup)}`,
    );
  });

  test(`peer of ${seed}: the peer of the peer is a MASTER again, above the peer, equal to the original`, () => {
    const original = readFileSync(masterPath(seed), 'utf8');
    const first = generatePeer(loadModel(masterPath(seed)));
    const firstModel = loadModel(writeTemp(first.text));
    const second = generatePeer(firstModel);
    const secondModel = loadModel(writeTemp(second.text));
    for (const inst of secondModel.instances) {
      assert.equal(inst.state?.text, 'MASTER');
      const backup = firstModel.instances.find((i) => i.name === inst.name)!;
      assert.equal(backup.state?.text, 'BACKUP');
      assert.ok(priorityOf(inst) > priorityOf(backup), `${inst.name}: ${priorityOf(inst)} is not above the peer's ${priorityOf(backup)}`);
    }
    // Apart from router_id (renamed again, see the questionable-behaviour test below), the round trip gives back
    // the original byte for byte.
    const routerIdLine = (text: string) => text.split('\n').map((l) => (/^\s*router_id\s/.test(l) ? '<router_id>' : l)).join('\n');
    assert.equal(routerIdLine(second.text), routerIdLine(original));
  });
}

test('peer of 003: the post\'s BACKUP priority 99 was too low for weight 2; the generated one is 100', () => {
  const peer = loadModel(writeTemp(generatePeer(loadModel(masterPath('003-ah-auth-stats'))).text));
  assert.equal(priorityOf(peer.instances[0]!), 100);
});

test('peer of 004: weight -2 allows a gap of 1 only: BACKUP at 100', () => {
  const peer = loadModel(writeTemp(generatePeer(loadModel(masterPath('004-openstack-multicast'))).text));
  assert.equal(priorityOf(peer.instances[0]!), 100);
  assert.equal(peer.globalDefs.routerId?.text, 'K8S_LVS-peer');
});

test('peer: usedPriorities are avoided and the result stays within the weight limit', () => {
  // 000: no weights, master 200 -> 190 by default; with 190 taken, another free value within 10.
  const r = generatePeer(loadModel(masterPath('000-hetzner-floating-ip')), { usedPriorities: [190] });
  const p = priorityOf(loadModel(writeTemp(r.text)).instances[0]!);
  assert.ok(p !== 190 && p < 200 && p >= 190, `got ${p}`);
  // 004: weight -2 leaves only 100; when it is taken, there is nothing else.
  assert.throws(() => generatePeer(loadModel(masterPath('004-openstack-multicast')), { usedPriorities: [100] }), PeerError);
});

test('peer: --priority below the master is used as given', () => {
  const r = generatePeer(loadModel(masterPath('000-hetzner-floating-ip')), { priority: 150 });
  assert.equal(priorityOf(loadModel(writeTemp(r.text)).instances[0]!), 150);
});

// ---------------------------------------------------------------------------------------------
// Error cases
// ---------------------------------------------------------------------------------------------

const instance = (body: string, head = '') => `${head}vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
${body}    virtual_ipaddress {
        192.0.2.100/24
    }
}
`;

test('peer error: several unicast peers and no srcIp', () => {
  const text = instance(`    unicast_src_ip 192.0.2.11
    unicast_peer {
        192.0.2.12
        192.0.2.13
    }
`);
  assert.throws(() => peerOfText(text), (e: unknown) => e instanceof PeerError && /2 unicast peers/.test(e.message) && /--src-ip/.test(e.message));
  // Naming one of them works: it becomes the source, the original node takes its place in the list.
  const ok = peerOfText(text, { srcIp: '192.0.2.13' }).text;
  assert.match(ok, /unicast_src_ip 192\.0\.2\.13\n/);
  assert.match(ok, /unicast_peer \{\n        192\.0\.2\.12\n        192\.0\.2\.11\n    \}/);
  // Naming an address that is not in the list is refused.
  assert.throws(() => peerOfText(text, { srcIp: '192.0.2.99' }), (e: unknown) => e instanceof PeerError && /not one of/.test(e.message));
  assert.throws(() => peerOfText(text, { srcIp: 'lb2.example' }), (e: unknown) => e instanceof PeerError && /not an IP address/.test(e.message));
});

for (const [where, head, track] of [
  ['vrrp_script weight 1', 'vrrp_script chk {\n    script "/usr/bin/true"\n    weight 1\n}\n', '        chk\n'],
  ['vrrp_script weight -1', 'vrrp_script chk {\n    script "/usr/bin/true"\n    weight -1\n}\n', '        chk\n'],
  ['track_script line weight -1 overriding the script\'s -20', 'vrrp_script chk {\n    script "/usr/bin/true"\n    weight -20\n}\n', '        chk weight -1\n'],
] as const) {
  test(`peer error: ${where}`, () => {
    const text = instance(`    track_script {\n${track}    }\n`, head);
    assert.throws(() => peerOfText(text), (e: unknown) => e instanceof PeerError && /weight ±1/.test(e.message));
  });
}

test('peer error: --priority above (or equal to) the master\'s, or outside 1..254', () => {
  const model = () => loadModel(masterPath('000-hetzner-floating-ip'));
  assert.throws(() => generatePeer(model(), { priority: 210 }), (e: unknown) => e instanceof PeerError && /must be lower/.test(e.message));
  assert.throws(() => generatePeer(model(), { priority: 200 }), (e: unknown) => e instanceof PeerError && /must be lower/.test(e.message));
  assert.throws(() => generatePeer(model(), { priority: 0 }), (e: unknown) => e instanceof PeerError && /outside 1\.\.254/.test(e.message));
});

test('peer error: a file with @id lines', () => {
  const text = instance('', '').replace('    priority 150\n', '@lb1 priority 150\n@lb2 priority 140\n');
  assert.throws(() => peerOfText(text), (e: unknown) => e instanceof PeerError && /@id/.test(e.message));
});

test('a unicast_src_ip written without a value gets the new one after its keyword (found by the fuzzer)', () => {
  const text = 'vrrp_instance VI_1 {\n    state MASTER\n    priority 150\n    unicast_src_ip\n    unicast_peer {\n        192.0.2.12\n    }\n}\n';
  const peer = peerOfText(text, { peerIp: '192.0.2.11' }).text;
  assert.match(peer, /^ {4}unicast_src_ip 192\.0\.2\.12$/m);
  assert.match(peer, /^ {8}192\.0\.2\.11$/m);
});

test('peer error: a file with no vrrp_instance', () => {
  assert.throws(() => peerOfText('global_defs {\n    router_id lb1\n}\n'), (e: unknown) => e instanceof PeerError && /no vrrp_instance/.test(e.message));
});

// ---------------------------------------------------------------------------------------------
// Known bugs and questionable behaviour (see the report); these fail until server/src changes.
// ---------------------------------------------------------------------------------------------

test('--priority is checked against the weight limit', () => {
  // 004: weight -2. The module promises a priority "within reach of every weighted health check", but an explicit
  // --priority 50 (gap 51) is returned with no error and no warning; `hapair check` then reports
  // weight-cannot-bridge on the pair it produced.
  let result: PeerResult | undefined;
  try {
    result = generatePeer(loadModel(masterPath('004-openstack-multicast')), { priority: 50 });
  } catch (e) {
    assert.ok(e instanceof PeerError);
    return;
  }
  assert.ok(
    result.warnings.some((w) => /weight/.test(w)),
    `--priority 50 against weight -2 gave no error and no warning (warnings: ${JSON.stringify(result.warnings)})`,
  );
});

test('--priority on a BACKUP file sets the new MASTER priority and must be higher', () => {
  const text = instance('').replace('state MASTER', 'state BACKUP');
  assert.throws(() => peerOfText(text, { priority: 50 }), /must be higher/);
  const result = peerOfText(text, { priority: 254 });
  assert.equal(priorityOf(loadModel(writeTemp(result.text)).instances[0]!), 254);
});

// ---------------------------------------------------------------------------------------------
// `hapair peer` end to end
// ---------------------------------------------------------------------------------------------

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  const r = spawnSync(process.execPath, ['build.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `node build.mjs failed:\n${r.stdout}${r.stderr}`);
  assert.ok(existsSync(CLI));
});

for (const seed of MASTER_SEEDS) {
  test(`hapair peer ${seed}/lb1/keepalived.conf prints the peer config on stdout`, () => {
    const r = cli('peer', masterPath(seed));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, generatePeer(loadModel(masterPath(seed))).text);
  });
}

test('hapair peer -o: refuses an existing file without --force, overwrites it with --force', () => {
  const src = masterPath('002-control-plane-unicast');
  const expected = generatePeer(loadModel(src)).text;
  const out = writeTemp('keep me\n', 'existing.conf');

  const refused = cli('peer', src, '-o', out);
  assert.equal(refused.status, 2);
  assert.equal(refused.stdout, '');
  assert.equal(refused.stderr, `hapair: ${out} exists; add --force to overwrite it\n`);
  assert.equal(refused.stderr.trimEnd().split('\n').length, 1);
  assert.equal(readFileSync(out, 'utf8'), 'keep me\n', 'the existing file must be left alone');

  const forced = cli('peer', src, '-o', out, '--force');
  assert.equal(forced.status, 0, forced.stderr);
  assert.equal(forced.stdout, '');
  assert.equal(readFileSync(out, 'utf8'), expected);
  assert.match(forced.stderr, /hapair: wrote /);

  // --output is the long spelling; a new file needs no --force.
  const fresh = join(dirname(out), 'fresh.conf');
  const wrote = cli('peer', src, '--output', fresh);
  assert.equal(wrote.status, 0, wrote.stderr);
  assert.equal(readFileSync(fresh, 'utf8'), expected);
});

test('hapair peer: a PeerError is one line on stderr and exit code 1; a missing file is exit code 2', () => {
  const bad = writeTemp(instance('', '').replace('    priority 150\n', '@lb1 priority 150\n@lb2 priority 140\n'));
  const r = cli('peer', bad);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^hapair: .*@id/);

  const missing = cli('peer', join(tmp, 'does-not-exist.conf'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^hapair: no such file/);
});
