import { effectiveVersion, strictModeLine } from '../../model/keepalived.js';
import type { KeepalivedRule } from '../rule.js';
import { linesGoTogether } from './together.js';
import { strictRelated } from './strict.js';

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
      const block = inst.authBlock;
      if (!block) continue;
      const file = block.file;
      // In keepalived's own order: the first reason it meets is the one it logs.
      const strict = strictModeLine(inst, model.globalDefs, context.versions.keepalived);
      if (strict) {
        report(file, block.keyword, `strict mode allows no authentication: keepalived ignores this block ("Strict mode does not support authentication")`, strictRelated(strict));
      } else if (effectiveVersion(inst, model.globalDefs) === 3) {
        report(file, block.keyword, `VRRP version 3 has no authentication: keepalived ignores this block; remove it, or use version 2 on every peer`);
      } else if (inst.authType?.text !== undefined && !inst.authPass) {
        report(file, block.keyword, `auth_type without auth_pass: keepalived ignores the authentication ("no password given")`);
      } else if (!inst.authType && inst.authPass) {
        report(file, block.keyword, `auth_pass without auth_type: keepalived sends no authentication; add 'auth_type PASS'`);
      }
    }
  },
};
