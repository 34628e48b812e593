/**
 * Linearity: for inputs of a given shape, analysis at size 10n must take less than 15x as long as at size n, and no
 * input under 1 MB may take more than a second. n is calibrated per shape so that it takes at least 20 ms (noise
 * stays small next to that); each size is measured several times, interleaved, and the median taken. Times are
 * CPU times of this process, so a busy machine disturbs them less than the clock.
 *
 * What is timed is what a check of the workspace costs end to end: discovery, parsing, includes, every rule, and
 * the conversion of every finding to an LSP diagnostic.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyze } from '../../server/src/analysis/analyze.js';
import { toDiagnostic } from '../../server/src/lsp/diagnostics.js';
import { Workspace } from '../../server/src/workspace/workspace.js';
import { cpuMs } from './harness.js';
import { MemoryFileSystem } from './memfs.js';

export interface Shape {
  readonly name: string;
  /** Files of the workspace at size n (n is a count of repetitions, not characters). */
  build(n: number): Array<{ path: string; text: string }>;
  /** Smallest n to try. */
  readonly start: number;
}

const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');

const HAPROXY_HEAD = 'global\n    maxconn 1000\ndefaults\n    mode http\n    timeout client 5s\n    timeout connect 5s\n    timeout server 5s\n';

export const SHAPES: readonly Shape[] = [
  {
    name: 'haproxy: many lines (proxies)',
    start: 20,
    build: (n) => [{ path: '/w/lb1/haproxy.cfg', text: HAPROXY_HEAD + repeat(n, (i) => `frontend fe${i}\n    bind 192.0.2.100:${1000 + (i % 60000)}\n    acl a${i} path_beg /x${i}\n    use_backend be${i} if a${i}\n    default_backend be${i}\nbackend be${i}\n    balance roundrobin\n    server s1 192.0.2.21:80 check\n    server s2 192.0.2.22:80 check\n`) }],
  },
  {
    name: 'keepalived: many lines (instances)',
    start: 10,
    build: (n) => [{ path: '/w/lb1/keepalived.conf', text: 'global_defs {\n    router_id lb1\n}\n' + repeat(n, (i) => `vrrp_instance VI_${i} {\n    state MASTER\n    interface eth0\n    virtual_router_id ${(i % 255) + 1}\n    priority 150\n    advert_int 1\n    unicast_src_ip 192.0.2.11\n    unicast_peer {\n        192.0.2.12\n    }\n    virtual_ipaddress {\n        198.51.${(i >> 8) % 256}.${i % 256}/24\n    }\n}\n`) }],
  },
  {
    name: 'node pair: many instances on two nodes',
    start: 5,
    build: (n) =>
      ['lb1', 'lb2'].flatMap((node, k) => [
        { path: `/w/${node}/keepalived.conf`, text: repeat(n, (i) => `vrrp_instance VI_${i} {\n    state ${k ? 'BACKUP' : 'MASTER'}\n    interface eth0\n    virtual_router_id ${(i % 255) + 1}\n    priority ${k ? 100 : 150}\n    unicast_src_ip 192.0.2.1${k + 1}\n    unicast_peer {\n        192.0.2.1${2 - k}\n    }\n    virtual_ipaddress {\n        198.51.${(i >> 8) % 256}.${i % 256}\n    }\n}\n`) },
        { path: `/w/${node}/haproxy.cfg`, text: HAPROXY_HEAD + repeat(n, (i) => `frontend fe${i}\n    bind 198.51.${(i >> 8) % 256}.${i % 256}:443\n    default_backend be\n`) + 'backend be\n    server s 192.0.2.21:80\n' },
      ]),
  },
  { name: 'haproxy: one huge line', start: 200, build: (n) => [{ path: '/w/haproxy.cfg', text: `global\n    log ${repeat(n, (i) => `w${i % 10} `)}\n` }] },
  { name: 'keepalived: one huge line', start: 200, build: (n) => [{ path: '/w/keepalived.conf', text: `vrrp_instance VI_1 { ${repeat(n, (i) => `w${i % 10} `)}}\n` }] },
  { name: 'keepalived: one huge line of braces', start: 200, build: (n) => [{ path: '/w/keepalived.conf', text: `${'a { '.repeat(n)}${'} '.repeat(n)}\n` }] },
  { name: 'keepalived: deep braces nesting (lines)', start: 50, build: (n) => [{ path: '/w/keepalived.conf', text: `${'vrrp_instance x {\n'.repeat(n)}${'}\n'.repeat(n)}` }] },
  { name: 'keepalived: stray braces in a row', start: 100, build: (n) => [{ path: '/w/keepalived.conf', text: `vrrp_script s {\n    script${'{ }'.repeat(n)}\n}\n` }] },
  { name: 'keepalived: unclosed braces', start: 50, build: (n) => [{ path: '/w/keepalived.conf', text: 'vrrp_instance x {\n  virtual_ipaddress {\n'.repeat(n) }] },
  {
    name: 'keepalived: many includes',
    start: 10,
    build: (n) => [
      { path: '/w/lb1/keepalived.conf', text: 'include conf.d/*.conf\n' + repeat(n, (i) => `include conf.d/s${i}.conf\n`) },
      ...Array.from({ length: n }, (_, i) => ({ path: `/w/lb1/conf.d/s${i}.conf`, text: `vrrp_script chk${i} {\n    script /bin/true\n    interval 2\n}\ninclude ../conf.d/s${(i + 1) % n}.conf\n` })),
    ],
  },
  { name: 'keepalived: include path of many folders', start: 200, build: (n) => [{ path: '/w/lb1/keepalived.conf', text: `include conf.d/${'l/'.repeat(n)}x.conf\n` }] },
  { name: 'haproxy: many .if levels', start: 20, build: (n) => [{ path: '/w/haproxy.cfg', text: `global\n${'.if defined(X)\n    maxconn 10\n'.repeat(n)}${'.endif\n'.repeat(n)}` }] },
  { name: 'haproxy: many sequential .if blocks', start: 50, build: (n) => [{ path: '/w/haproxy.cfg', text: `global\n${'.if defined(X)\n    maxconn 10\n.elif 1\n    maxconn 20\n.else\n    maxconn 30\n.endif\n'.repeat(n)}` }] },
  { name: 'jinja: many {% if %} levels', start: 50, build: (n) => [{ path: '/w/keepalived.conf.j2', text: `${'{% if a %}\nvrrp_instance VI_1 {\n'.repeat(n)}${'}\n{% endif %}\n'.repeat(n)}` }] },
  { name: 'haproxy: long quoted string', start: 2000, build: (n) => [{ path: '/w/haproxy.cfg', text: `global\n    log "${'ab\\" '.repeat(n)}"\n` }] },
  { name: 'keepalived: long quoted string', start: 2000, build: (n) => [{ path: '/w/keepalived.conf', text: `vrrp_script s {\n    script "${'ab '.repeat(n)}"\n}\n` }] },
  { name: 'keepalived: unterminated quotes on many lines', start: 200, build: (n) => [{ path: '/w/keepalived.conf', text: '\na"'.repeat(n) }] },
  { name: 'keepalived: many $DEF uses', start: 50, build: (n) => [{ path: '/w/keepalived.conf', text: `$PRIO=100\n$VIP=192.0.2.100\n${repeat(n, (i) => `$D${i}=\${PRIO}\nvrrp_instance V${i} {\n    priority $PRIO\n    virtual_router_id \${D${i}}\n    virtual_ipaddress {\n        \${VIP}\n    }\n}\n`)}` }] },
  { name: 'haproxy: many ${ENV} uses', start: 50, build: (n) => [{ path: '/w/haproxy.cfg', text: `global\n    setenv VIP 192.0.2.100\n${repeat(n, (i) => `frontend f${i}\n    bind "\${VIP}:${1000 + i}"\n    default_backend "\${BE}"\n`)}` }] },
  { name: 'haproxy: many findings (undefined backends)', start: 50, build: (n) => [{ path: '/w/haproxy.cfg', text: `frontend f\n${repeat(n, (i) => `    use_backend missing${i} if undefined_acl${i}\n`)}` }] },
];

/** A full garbage collection before each measurement, so that no run pays for the garbage of the one before. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** One full check of a fresh workspace holding the shape's files; returns milliseconds of CPU time. */
export function timeCheck(files: Array<{ path: string; text: string }>, collect = true): number {
  if (collect) {
    collectGarbage();
    // The collector finishes sweeping on helper threads; their CPU time must not count as this run's.
    Atomics.wait(pause, 0, 0, 25);
  }
  const t0 = cpuMs();
  const ws = new Workspace(new MemoryFileSystem(files), ['/w']);
  ws.discover('/w');
  for (const f of files) if (!ws.has(f.path) && f.path.endsWith('.j2')) ws.addFile(f.path, 'keepalived', false);
  const result = analyze(ws);
  for (const f of result.findings) toDiagnostic(f);
  return cpuMs() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const sizeOf = (files: Array<{ text: string }>) => files.reduce((s, f) => s + f.text.length, 0);

export interface LinearityResult {
  readonly shape: string;
  readonly n: number;
  readonly small: { chars: number; ms: number };
  readonly large: { chars: number; ms: number };
  /** The largest input of the shape under 1 MB. */
  readonly underOneMb: { chars: number; ms: number };
  readonly ratio: number;
  readonly ok: boolean;
  readonly problem?: string;
}

export interface LinearityOptions {
  /** Largest acceptable t(10n) / t(n). */
  readonly maxRatio?: number;
  /** Limit for any single input under 1 MB. */
  readonly maxMs?: number;
  /** Measurements per size (interleaved; default 5); the median counts. */
  readonly repeats?: number;
  /** Minimum time at size n (default 50 ms: at 20 ms the machine's noise still shows). */
  readonly minMs?: number;
  /** A full garbage collection before each measurement (default true): steadier, but slow in a big heap. */
  readonly collect?: boolean;
  /** Measure a failing shape once more before calling it a failure. */
  readonly retry?: boolean;
  readonly log?: (line: string) => void;
}

/** Interleaved measurements of several inputs; the median time of each. */
function measure(inputs: Array<Array<{ path: string; text: string }>>, repeats: number, collect: boolean): number[] {
  const times = inputs.map(() => [] as number[]);
  for (let k = 0; k < repeats; k++) inputs.forEach((files, i) => times[i]!.push(timeCheck(files, collect)));
  return times.map(median);
}

export function measureShape(shape: Shape, o: LinearityOptions = {}): LinearityResult {
  const maxRatio = o.maxRatio ?? 15;
  const maxMs = o.maxMs ?? 1000;
  const repeats = o.repeats ?? 5;
  const minMs = o.minMs ?? 50;
  const collect = o.collect ?? true;
  // Calibrate: the smallest n (doubling) whose check takes minMs, whatever the size that makes (up to 16 MB at 10n).
  // Each size is run once before it is timed, so that compilation and warm-up are not counted.
  let n = shape.start;
  const timed = (k: number) => {
    const files = shape.build(k);
    timeCheck(files, collect);
    return measure([files], 3, collect)[0]!;
  };
  while (timed(n) < minMs && sizeOf(shape.build(n * 2)) * 10 <= 16_000_000) n *= 2;
  const small = shape.build(n);
  const large = shape.build(n * 10);
  // A large input that is hopeless (more than 10 s) is measured once.
  const first = timeCheck(large, collect);
  timeCheck(small, collect);
  const [s, l] = first > 10_000 ? [measure([small], repeats, collect)[0]!, first] : measure([small, large], repeats, collect);
  const ratio = l! / s!;
  // The 1 s limit, on the largest input of the shape under 1 MB (10n itself when that is under 1 MB).
  let limitN = n * 10;
  while (sizeOf(shape.build(limitN)) >= 1_000_000 && limitN > 1) limitN = Math.floor(limitN * 0.75);
  const limitInput = shape.build(limitN);
  const limitMs = limitN === n * 10 ? l! : first > 10_000 ? timeCheck(limitInput, collect) : measure([limitInput], repeats, collect)[0]!;
  let problem: string | undefined;
  if (ratio >= maxRatio) problem = `10x the input took ${ratio.toFixed(1)}x as long (limit ${maxRatio}x)`;
  else if (limitMs > maxMs) problem = `${sizeOf(limitInput)} characters took ${limitMs.toFixed(0)} ms (limit ${maxMs} ms under 1 MB)`;
  return {
    shape: shape.name,
    n,
    small: { chars: sizeOf(small), ms: s! },
    large: { chars: sizeOf(large), ms: l! },
    underOneMb: { chars: sizeOf(limitInput), ms: limitMs },
    ratio,
    ok: problem === undefined,
    ...(problem ? { problem } : {}),
  };
}

export function runLinearity(shapes: readonly Shape[], o: LinearityOptions = {}): LinearityResult[] {
  const out: LinearityResult[] = [];
  o.log?.(`linearity: t(10n)/t(n) < ${o.maxRatio ?? 15}, every input under 1 MB within ${o.maxMs ?? 1000} ms (CPU time, median of ${o.repeats ?? 5}, t(n) ≥ ${o.minMs ?? 50} ms)`);
  for (const shape of shapes) {
    let r = measureShape(shape, o);
    if (!r.ok && o.retry !== false) r = measureShape(shape, o);
    out.push(r);
    o.log?.(`  ${r.ok ? 'ok  ' : 'FAIL'} ${shape.name.padEnd(46)} ${String(r.small.chars).padStart(8)} chars ${r.small.ms.toFixed(1).padStart(7)} ms → ${String(r.large.chars).padStart(9)} chars ${r.large.ms.toFixed(1).padStart(8)} ms, ratio ${r.ratio.toFixed(1).padStart(5)}; under 1 MB: ${String(r.underOneMb.chars).padStart(7)} chars ${r.underOneMb.ms.toFixed(0).padStart(6)} ms${r.problem ? `  (${r.problem})` : ''}`);
  }
  return out;
}
