/**
 * A fixed CPU workload (sorting, string building, JSON) timed in this process: how fast the machine is
 * right now. Sampled between the suites; the regression check scales its allowance for absolute figures by
 * how much slower this figure is than the baseline's, so a loaded CI machine is not taken for a regression.
 */
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

const samples: number[] = [];

/** Times the workload three times and keeps the samples. */
export function sampleCalibration(): void {
  for (let i = 0; i < 3; i++) {
    const t0 = now();
    workload();
    samples.push(now() - t0);
  }
}

export function calibrationSamples(): number[] {
  return [...samples];
}

export const calibrationSink = (): number => sink;
