/**
 * Timing for performance tests. CPU time rather than wall time: on a shared build machine other processes stretch
 * wall time several times over, while the CPU time this process spends stays what the code costs.
 */

/** CPU milliseconds (user + system) that `run` takes. */
export function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The median CPU time of five runs, after two warm-up runs (the first calls also compile the code). */
export function medianMs(run: () => unknown): number {
  run();
  run();
  const times = Array.from({ length: 5 }, () => cpuMs(run));
  return times.sort((a, b) => a - b)[2]!;
}
