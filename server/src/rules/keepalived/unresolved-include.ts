import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'unresolved-include',
  scope: 'keepalived',
  severity: 'warning',
  summary: 'An include that names a missing file, loops back to a file being read, or leads outside the checked folders.',
  docs: 'keepalived only logs "Config files missing" for a plain `include` of a missing file and goes on without it, so whatever it should have configured silently disappears. Include cycles and paths outside the checked folders are not followed by hapair, so their contents are not checked.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inc of model.includes) {
      if (inc.problem) report(inc.statement.file, inc.statement.args[0] ?? inc.statement.keyword, inc.problem);
    }
  },
};
