import type { KeepalivedRule } from '../rule.js';
import { linesGoTogether } from './together.js';
import { strictRelated } from './strict.js';
import { ignoredAuth } from './auth.js';

const MESSAGES = {
  'version-3': 'VRRP version 3 has no authentication: keepalived ignores this block; remove it, or use version 2 on every peer',
  'no-password': 'auth_type without auth_pass: keepalived ignores the authentication ("no password given")',
  'no-type': "auth_pass without auth_type: keepalived sends no authentication; add 'auth_type PASS'",
} as const;

export const rule: KeepalivedRule = {
  id: 'auth-ignored',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: 'An authentication block keepalived does not use: in strict mode, under VRRPv3, or with auth_type or auth_pass missing.',
  docs:
    'keepalived drops authentication in strict mode ("Strict mode does not support authentication") and under VRRP version 3 ("VRRP version 3 does not support authentication"), ' +
    'and an `auth_type` without `auth_pass` ("no password given"); an `auth_pass` without `auth_type` is never sent either. The instance then runs with no authentication at all, ' +
    'which is not what the block says, and a peer that does authenticate rejects its adverts: both become MASTER. Remove the block, or make it complete on VRRPv2 peers outside strict mode.',
  mirrors: 'keepalived',
  check(model, report, context) {
    if (!linesGoTogether(model)) return;
    for (const inst of model.instances) {
      const ignored = ignoredAuth(inst, model.globalDefs, context.versions.keepalived);
      if (!ignored) continue;
      const { file, keyword } = inst.authBlock!;
      if (ignored.why === 'strict') report(file, keyword, `strict mode allows no authentication: keepalived ignores this block ("Strict mode does not support authentication")`, strictRelated(ignored.line));
      else report(file, keyword, MESSAGES[ignored.why]);
    }
  },
};
