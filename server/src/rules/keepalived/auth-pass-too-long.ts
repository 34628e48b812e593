import type { KeepalivedRule } from '../rule.js';
import { vrrpAuthPass } from './auth.js';

export const rule: KeepalivedRule = {
  id: 'auth-pass-too-long',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: 'auth_pass longer than 8 characters: keepalived silently keeps only the first 8.',
  docs: 'The VRRPv2 authentication field holds 8 bytes. keepalived truncates longer passwords (and `keepalived --config-test` exits 5 because of it). Two peers whose passwords share the first 8 characters still work together, which hides the problem until someone edits one side. Shorten it to 8 characters on every peer.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      const pass = inst.authPass;
      // An escaped `\#` cuts the password short instead (see escaped-comment-char).
      const text = vrrpAuthPass(pass);
      if (!pass || text === undefined) continue;
      const bytes = new TextEncoder().encode(text).length;
      if (bytes > 8) report(pass.statement.file, pass.word, `auth_pass has ${bytes} characters: keepalived uses only the first 8 and ignores the rest`);
    }
  },
};
