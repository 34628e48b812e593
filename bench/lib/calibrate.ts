/**
 * A fixed CPU workload (sorting, string building, JSON) timed in this process: how fast the machine is
 * right now. Sampled before and after each suite; the regression check scales its allowance for absolute figures by
 * how much slower this figure is than the baseline's, so a loaded CI machine is not taken for a regression.
 */
import { readFileSync } from 'node:fs';
import { now } from './stats.js';

let sink = 0;

function workload(): void {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
  const words = Array.from({ length: 20_000 }, () => `w${Math.floor(rnd() * 1e9).toString(36)}`);
  words.sort();
  const objects = words.map((w, i) => ({ w, i, even: i % 2 === 0 }));
  const json = JSON.stringify(objects);
  sink += (JSON.parse(json) as unknown[]).length + json.length;
}

/** Times the workload three times: how long each took, in ms. */
export function calibrate(): number[] {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = now();
    workload();
    samples.push(now() - t0);
  }
  return samples;
}

export const calibrationSink = (): number => sink;

/** The machine's CPU time so far in clock ticks, from /proc/stat: busy (not idle or waiting) and stolen. */
export interface CpuTicks {
  busy: number;
  steal: number;
}

/** Linux only; undefined elsewhere. */
export function cpuTicks(): CpuTicks | undefined {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    if (steal === undefined || !Number.isFinite(steal)) return undefined;
    return { busy: user! + nice! + system! + irq! + softirq! + steal, steal };
  } catch {
    return undefined;
  }
}

/**
 * The share of busy CPU time the hypervisor gave to other guests since `start`, in percent: on a shared host
 * the programs measured ran that much slower, and unevenly.
 */
export function stealPercent(start: CpuTicks | undefined): number | undefined {
  const end = cpuTicks();
  if (!start || !end || end.busy <= start.busy) return undefined;
  return Math.round((100 * (end.steal - start.steal)) / (end.busy - start.busy));
}
