import { compareVersions } from '../../knowledge/versions.js';
import { keepalivedBool } from '../../model/keepalived.js';
import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'vrrp-strict-argument',
  scope: 'keepalived',
  // Not per block: every block's part of the file sees global_defs, and each would report this line again. The
  // whole-file check is one look at global_defs.
  severity: 'warning',
  summary: "'vrrp_strict off' (or any argument) on keepalived before 2.3: the argument is ignored and strict mode is on.",
  docs:
    'Before 2.3.0 keepalived takes `vrrp_strict` as a bare switch: whatever follows is ignored, so `vrrp_strict off` or `vrrp_strict false` turns strict mode ON, with all it changes ' +
    '(VIP traffic dropped without accept mode, authentication ignored, MASTER only at priority 255). Delete the line to turn strict mode off. ' +
    'From 2.3.0 on the argument is honoured; set the keepalived version your nodes run with `hapair.versions`.',
  check(model, report, context) {
    const target = context.versions.keepalived;
    const strict = model.globalDefs.vrrpStrict;
    if (!strict || strict.text === undefined || compareVersions(target, '2.3') >= 0) return;
    if (!strict.opaque && keepalivedBool(strict.text) === true) return;
    report(strict.statement.file, strict.word, `keepalived ${target} ignores '${strict.word.text}' after vrrp_strict: strict mode is on; delete the line to turn it off`);
  },
};
