import type { Setting } from '../../model/keepalived.js';
import type { KeepalivedRule, Report } from '../rule.js';
import { intOutsideRange } from './range.js';

function check(s: Setting | undefined, report: Report): void {
  const problem = intOutsideRange(s, 'weight', -253, 253);
  if (problem) report(s!.statement.file, s!.word, `${problem}: keepalived rejects it`);
}

export const rule: KeepalivedRule = {
  id: 'weight-out-of-range',
  scope: 'keepalived',
  severity: 'error',
  summary: 'A track weight outside -253..253.',
  docs: 'keepalived limits script and track weights to -253..253 so the effective priority stays within 1..254.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const script of model.scripts.values()) check(script.weight, report);
    for (const inst of model.instances) for (const t of inst.trackScripts) check(t.weight, report);
  },
};
