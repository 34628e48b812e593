import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'invalid-state',
  scope: 'keepalived',
  perBlock: true,
  severity: 'error',
  summary: 'state is not exactly MASTER or BACKUP.',
  docs: 'keepalived compares the value case-sensitively: `Master` or `master` is unknown and the instance starts as BACKUP.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      const s = inst.state;
      if (!s || s.opaque || s.text === undefined || s.text === 'MASTER' || s.text === 'BACKUP') continue;
      const fixed = /^(master|backup)$/i.test(s.text) ? s.text.toUpperCase() : undefined;
      report(s.statement.file, s.word, `unknown state '${s.text}': keepalived starts the instance as BACKUP${fixed ? ` (did you mean ${fixed}?)` : ''}`, undefined, fixed);
    }
  },
};
