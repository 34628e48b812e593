/** Formats result rows as an aligned text table, grouped by section. */
import type { Row, Unit } from './results.js';

export function formatValue(v: number | null, unit: Unit): string {
  if (v === null || !Number.isFinite(v)) return '-';
  switch (unit) {
    case 'ms':
      return v >= 10_000 ? `${(v / 1000).toFixed(2)} s` : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ms`;
    case 's':
      return `${v.toFixed(2)} s`;
    case 'MB':
      return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} MB`;
    case 'KB':
      return `${v.toFixed(0)} KB`;
    case 'x':
      return `${v.toFixed(2)}x`;
    case 'count':
      return `${v}`;
  }
}

const MARK: Record<Row['status'], string> = { pass: 'pass', FAIL: 'FAIL', info: '', 'n/a': '', error: 'ERROR' };

export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => ({
    group: r.group,
    label: r.label,
    value: r.status === 'n/a' ? `n/a${r.note ? ` (${r.note})` : ''}` : r.status === 'error' ? 'not measured (see below)' : (r.display ?? formatValue(r.value, r.unit)),
    target: r.target?.text ?? '',
    mark: MARK[r.status],
  }));
  const w = {
    label: Math.max(11, ...cells.map((c) => c.label.length)) + 2,
    value: Math.max(5, ...cells.map((c) => c.value.length)) + 2,
    target: Math.max(6, ...cells.map((c) => c.target.length)) + 2,
  };
  const line = (a: string, b: string, c: string, d: string) => `  ${a.padEnd(w.label)}${b.padEnd(w.value)}${c.padEnd(w.target)}${d}`.trimEnd();
  const out: string[] = [line('Measurement', 'Value', 'Target', 'Result'), `  ${'-'.repeat(w.label + w.value + w.target + 6)}`];
  let group: string | undefined;
  for (const c of cells) {
    if (c.group !== group) {
      group = c.group;
      out.push(`${group}`);
    }
    out.push(line(c.label, c.value, c.target, c.mark));
  }
  const errors = rows.filter((r) => r.status === 'error');
  if (errors.length > 0) out.push('', ...errors.map((r) => `ERROR ${r.id}: ${r.note ?? 'not measured'}`));
  return out.join('\n');
}
