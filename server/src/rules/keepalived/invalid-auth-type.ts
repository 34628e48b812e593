import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'invalid-auth-type',
  scope: 'keepalived',
  perBlock: true,
  severity: 'error',
  summary: 'auth_type is not exactly PASS or AH.',
  docs: 'keepalived compares the value case-sensitively and rejects anything else ("unknown authentication type"); the instance then runs without the authentication its peer expects.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      const t = inst.authType;
      if (!t || t.opaque || t.text === undefined || t.text === 'PASS' || t.text === 'AH') continue;
      const fixed = /^(pass|ah)$/i.test(t.text) ? t.text.toUpperCase() : undefined;
      report(t.statement.file, t.word, `unknown auth_type '${t.text}': keepalived accepts only PASS or AH${fixed ? ` (did you mean ${fixed}?)` : ''}`, undefined, fixed);
    }
  },
};
