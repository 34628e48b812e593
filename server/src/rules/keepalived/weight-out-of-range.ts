import type { Setting } from '../../model/keepalived.js';
import { intOf } from '../../model/keepalived.js';
import type { KeepalivedRule, Report } from '../rule.js';
import { intOutsideRange } from './range.js';

function check(s: Setting | undefined, onTrackLine: boolean, report: Report): void {
  const problem = intOutsideRange(s, 'weight', -253, 253);
  if (!problem) return;
  // keepalived 2.2.7 clamps ±254 on a track_script line ("cannot be +/-254. Setting to +/-253") and drops anything else.
  const n = intOf(s);
  const consequence = onTrackLine && (n === 254 || n === -254) ? `keepalived uses ${n > 0 ? 253 : -253} instead` : 'keepalived rejects it';
  report(s!.statement.file, s!.word, `${problem}: ${consequence}`);
}

export const rule: KeepalivedRule = {
  id: 'weight-out-of-range',
  scope: 'keepalived',
  severity: 'error',
  summary: 'A track weight outside -253..253.',
  docs: 'keepalived limits script and track weights to -253..253 so the effective priority stays within 1..254. It rejects other values (a track_script line with ±254 is clamped to ±253).',
  mirrors: 'keepalived',
  check(model, report) {
    for (const script of model.scripts.values()) check(script.weight, false, report);
    for (const inst of model.instances) for (const t of inst.trackScripts) check(t.weight, true, report);
  },
};
