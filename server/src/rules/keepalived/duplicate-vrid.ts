import type { VrrpInstance } from '../../model/keepalived.js';
import { intOf } from '../../model/keepalived.js';
import type { KeepalivedRule } from '../rule.js';

/** keepalived's conflict key: instances clash when they share VRID, interface, family and transport. */
function conflictKey(inst: VrrpInstance): string | undefined {
  const vrid = intOf(inst.vrid);
  if (vrid === undefined || inst.interface?.opaque) return undefined;
  const family = inst.vips.some((v) => v.ip?.family === 6) ? 6 : 4;
  const transport = inst.unicastPeers.length > 0 ? `unicast ${inst.unicastSrcIp?.text ?? ''} ${inst.unicastPeers.map((p) => p.text).sort().join(',')}` : 'multicast';
  return `${vrid}|${inst.interface?.text ?? ''}|${family}|${transport}`;
}

export const rule: KeepalivedRule = {
  id: 'duplicate-vrid',
  scope: 'keepalived',
  severity: 'error',
  summary: 'Two instances of one node use the same virtual_router_id on the same interface and address family.',
  docs: 'VRRP tells routers apart by VRID on a link. keepalived refuses to start its VRRP process when two multicast instances share VRID, interface and family ("both use VRID"), and flags unicast instances with the same source and overlapping peers. Give each instance its own VRID.',
  mirrors: 'keepalived',
  check(model, report) {
    const seen = new Map<string, VrrpInstance>();
    for (const inst of model.instances) {
      const key = conflictKey(inst);
      if (!key) continue;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, inst);
        continue;
      }
      const where = inst.interface ? ` on interface ${inst.interface.text}` : '';
      report(inst.vrid!.statement.file, inst.vrid!.word, `'${inst.name}' and '${first.name}' both use VRID ${intOf(inst.vrid)}${where}`, [
        { file: first.vrid!.statement.file, span: first.vrid!.word, message: `'${first.name}' uses VRID ${intOf(first.vrid)} here` },
      ]);
    }
  },
};
