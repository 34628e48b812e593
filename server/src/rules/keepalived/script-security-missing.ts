import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { KeepalivedRule } from '../rule.js';

const SCRIPT_KEYWORDS = /^(script|notify|notify_master|notify_backup|notify_fault|notify_stop|notify_deleted|notify_master_rx_lower_pri|misc_path)$/;

function firstScript(tree: readonly KStatement[]): KStatement | undefined {
  for (const st of tree) {
    if (SCRIPT_KEYWORDS.test(st.keyword.value) && st.args.length > 0) return st;
    const inner = st.block && firstScript(st.block.statements);
    if (inner) return inner;
  }
  return undefined;
}

export const rule: KeepalivedRule = {
  id: 'script-security-missing',
  scope: 'keepalived',
  severity: 'warning',
  summary: 'Scripts are configured but global_defs has no enable_script_security.',
  docs: 'keepalived runs check and notify scripts as root unless told otherwise; without `enable_script_security` it logs "SECURITY VIOLATION" and `keepalived --config-test` exits 6. Add `enable_script_security` (and `script_user`) to global_defs.',
  mirrors: 'keepalived',
  check(model, report) {
    if (model.globalDefs.enableScriptSecurity) return;
    const st = firstScript(model.tree);
    if (st) report(st.file, st.keyword, `'${st.keyword.value}' runs a script but global_defs has no enable_script_security: keepalived reports a security violation`);
  },
};
