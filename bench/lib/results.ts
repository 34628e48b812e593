/**
 * The benchmark's result rows, the JSON file they are written to, and the regression check against a
 * committed baseline (a pure function, unit-tested in test/bench.test.ts).
 */

export type Unit = 'ms' | 's' | 'MB' | 'KB' | 'x' | 'count';

export interface Target {
  /** The row passes when value <= max. */
  max: number;
  /** As printed, e.g. "< 100 ms" or "<= 0.5x". */
  text: string;
}

export type Status = 'pass' | 'FAIL' | 'info' | 'n/a' | 'error';

export interface Row {
  /** Stable key, compared across runs: e.g. "cli.200k.ratio". */
  id: string;
  /** Section heading the row is printed under. */
  group: string;
  label: string;
  /** The figure compared with the target and the baseline; null when not measured (n/a, error). */
  value: number | null;
  unit: Unit;
  /** Printed instead of the bare value (e.g. "p50 4.1 / p95 6.0 ms"). */
  display?: string;
  target?: Target;
  status: Status;
  /** What a regression means for this row: 'ratio' (machine-independent), 'absolute' (3x and a minimum
   *  difference), or 'none' (counts, informational figures). */
  compare: 'ratio' | 'absolute' | 'none';
  note?: string;
  /** Raw samples or secondary figures, for the JSON file only. */
  details?: Record<string, unknown>;
}

export interface Results {
  schema: 1;
  mode: 'full' | 'quick';
  date: string;
  git?: string;
  machine: {
    cpu: string;
    cores: number;
    memoryMB: number;
    node: string;
    os: string;
    haproxy?: string;
    keepalived?: string;
    /** Share of busy CPU time stolen by the hypervisor during the run, in percent (Linux). */
    stealPercent?: number;
  };
  durationS: number;
  rows: Row[];
  /** Rows 3x worse than the baseline in the first run and in every re-run of their suite (bench/run.ts). */
  regressions?: Regression[];
  /** Rows 3x worse in the first run that a re-run of their suite measured within bounds. */
  dismissed?: Regression[];
}

/** Fills in status from value and target. */
export function judge(row: Omit<Row, 'status'> & { status?: Status }): Row {
  if (row.status === 'error' || row.status === 'n/a') return row as Row;
  if (row.value === null || !Number.isFinite(row.value)) return { ...row, value: null, status: 'error' };
  const status: Status = row.target ? (row.value <= row.target.max ? 'pass' : 'FAIL') : 'info';
  return { ...row, status };
}

/** Row holding the machine-speed calibration (lib/calibrate.ts), ms. */
export const CALIBRATION_ID = 'calibration';

/** Times, sizes and memory must grow by this factor over the baseline to count as a regression. */
export const REGRESSION_FACTOR = 3;

/** Absolute figures must also grow by at least this much (small numbers are noisy across machines). */
const MIN_DELTA: Record<Unit, number> = { ms: 25, s: 0.025, MB: 50, KB: 0, x: 0, count: Infinity };

export interface Regression {
  id: string;
  label: string;
  baseline: number;
  value: number;
  factor: number;
  /** The row's value in each re-run of its suite, when the first run's figure was re-measured. */
  reruns?: number[];
}

/**
 * Rows whose value grew by REGRESSION_FACTOR or more against the baseline (absolute figures: times the
 * calibration slowdown, and by a minimum difference). Only rows present in both with a numeric value are
 * compared (a figure that became n/a, or is new, is not a regression); every unit is "lower is better".
 */
export function findRegressions(baseline: Pick<Results, 'rows'>, current: Pick<Results, 'rows'>, factor = REGRESSION_FACTOR): Regression[] {
  const base = new Map(baseline.rows.map((r) => [r.id, r]));
  const out: Regression[] = [];
  // A machine slower than the baseline's right now (load, a smaller CI runner) gets a larger allowance for
  // absolute figures; ratios of two programs timed side by side need none.
  const calBase = base.get(CALIBRATION_ID)?.value;
  const calNow = current.rows.find((r) => r.id === CALIBRATION_ID)?.value;
  const slower = calBase && calNow ? Math.max(1, calNow / calBase) : 1;
  for (const row of current.rows) {
    const b = base.get(row.id);
    if (!b || row.compare === 'none' || b.value === null || row.value === null || b.value <= 0) continue;
    if (b.unit !== row.unit) continue;
    const grew = row.value / b.value;
    const delta = row.value - b.value;
    const allowed = row.compare === 'ratio' ? factor : factor * slower;
    if (grew >= allowed && (row.compare === 'ratio' || delta >= MIN_DELTA[row.unit])) {
      out.push({ id: row.id, label: `${row.group}: ${row.label}`, baseline: b.value, value: row.value, factor: grew });
    }
  }
  return out;
}

/**
 * Splits the regressions of a run by what a re-run of their suites measured. A row the re-run finds 3x worse
 * again (against its own calibration) stays; one it measured within bounds is dismissed: on a shared host,
 * CPU steal can slow one suite tenfold for a few seconds while the calibration between suites looks normal,
 * whereas a real regression shows up every time. A row the re-run could not measure stays.
 */
export function recheckRegressions(
  baseline: Pick<Results, 'rows'>,
  found: Regression[],
  rerun: Pick<Results, 'rows'>,
): { confirmed: Regression[]; dismissed: Regression[] } {
  const again = new Set(findRegressions(baseline, rerun).map((r) => r.id));
  const confirmed: Regression[] = [];
  const dismissed: Regression[] = [];
  for (const r of found) {
    const value = rerun.rows.find((x) => x.id === r.id)?.value;
    if (typeof value !== 'number') {
      confirmed.push(r);
      continue;
    }
    const next = { ...r, reruns: [...(r.reruns ?? []), value] };
    (again.has(r.id) ? confirmed : dismissed).push(next);
  }
  return { confirmed, dismissed };
}

/** Rows that could not be measured because something went wrong (not rows that are n/a by design). */
export const errors = (results: Pick<Results, 'rows'>): Row[] => results.rows.filter((r) => r.status === 'error');
