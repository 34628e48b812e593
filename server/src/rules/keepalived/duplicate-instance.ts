import type { VrrpInstance } from '../../model/keepalived.js';
import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'duplicate-instance',
  scope: 'keepalived',
  severity: 'error',
  summary: 'Two vrrp_instance blocks with the same name.',
  docs: 'keepalived rejects the second definition ("vrrp instance … already defined"), so everything in it is lost.',
  mirrors: 'keepalived',
  check(model, report) {
    const seen = new Map<string, VrrpInstance>();
    for (const inst of model.instances) {
      if (!inst.name || inst.name.includes('{{') || inst.name.includes('$')) continue;
      const first = seen.get(inst.name);
      const nameWord = inst.statement.args[0]!;
      if (!first) seen.set(inst.name, inst);
      else report(inst.statement.file, nameWord, `vrrp_instance '${inst.name}' is already defined`, [{ file: first.statement.file, span: first.statement.args[0]!, message: 'first definition' }]);
    }
  },
};
