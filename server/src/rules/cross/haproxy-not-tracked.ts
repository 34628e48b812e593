import type { IpAddress } from '../../model/address.js';
import type { BindAddress, HaproxyModel, Proxy } from '../../model/haproxy.js';
import type { KeepalivedModel, VrrpInstance, VrrpScript } from '../../model/keepalived.js';
import type { NodeRule, Related } from '../rule.js';

interface Serving {
  readonly hap: HaproxyModel;
  readonly proxy: Proxy;
  readonly bind: BindAddress;
}

/** Whether a bind accepts connections to `vip`: bound to it, or to every address (`*` and `::` of both families, `0.0.0.0` of IPv4). */
function accepts(bind: BindAddress, vip: IpAddress): boolean {
  if (bind.kind === 'ip') return bind.ip!.key === vip.key;
  if (bind.kind !== 'any') return false;
  return !bind.ip || bind.ip.family === 6 || vip.family === 4;
}

/** The first bind of the node's HAProxy files that serves one of the instance's VIPs, with that VIP. */
function servedVip(inst: VrrpInstance, haproxy: readonly HaproxyModel[]): { vip: string; by: Serving } | undefined {
  for (const vip of inst.vips) {
    if (!vip.ip) continue;
    for (const hap of haproxy) {
      for (const proxy of hap.proxies) {
        const bind = proxy.binds.find((b) => accepts(b, vip.ip!));
        if (bind) return { vip: vip.text.replace(/\/\d+$/, ''), by: { hap, proxy, bind } };
      }
    }
  }
  return undefined;
}

/** Whether the instance follows some check of this node: its own track_script/process/file, or its sync group's. */
function tracksSomething(inst: VrrpInstance, model: KeepalivedModel): boolean {
  if (inst.healthTracks.length > 0) return true;
  return model.syncGroups.some((g) => g.healthTracks.length > 0 && g.members.some((m) => m.opaque || m.text === inst.name));
}

/** vrrp_script blocks that no instance or sync group tracks: most likely the check an untracked instance was meant to use. */
export function untrackedScripts(model: KeepalivedModel): VrrpScript[] {
  const tracked = new Set(model.instances.flatMap((i) => i.trackScripts.map((t) => t.name.text)));
  for (const g of model.syncGroups) for (const t of g.healthTracks) tracked.add(t.keyword.value);
  return [...model.scripts.values()].filter((s) => !tracked.has(s.name));
}

export const rule: NodeRule = {
  id: 'haproxy-not-tracked',
  scope: 'node',
  severity: 'warning',
  summary: 'A VRRP instance whose VIP HAProxy serves tracks no script, process or file: when HAProxy stops, the VIP stays on the node.',
  docs: "keepalived moves the VIP when a node stops sending adverts, or when something the instance tracks fails. An instance with no `track_script`, `track_process` or `track_file` (of its own or of its `vrrp_sync_group`) keeps the VIP on a node whose HAProxy has died or failed to reload, and every connection to the VIP fails until someone steps in. Track a check of HAProxy, such as a `vrrp_script` running `killall -0 haproxy` or a `track_process` on haproxy. Only instances with a VIP that one of the node's HAProxy binds accepts are reported (a bind on that address, `*`, `0.0.0.0` or `::`); not reported when an include of the keepalived file cannot be read.",
  check(node, report) {
    const model = node.keepalived;
    if (!model || node.haproxy.length === 0) return;
    // An include keepalived would read but we cannot may hold the tracking.
    if (model.includes.some((u) => u.problem)) return;
    let hints: Related[] | undefined;
    for (const inst of model.instances) {
      if (!inst.name || tracksSomething(inst, model)) continue;
      const served = servedVip(inst, node.haproxy);
      if (!served) continue;
      const { hap, proxy, bind } = served.by;
      hints ??= untrackedScripts(model).map((x) => ({ file: x.statement.file, span: x.statement.args[0] ?? x.statement.keyword, message: `vrrp_script '${x.name}' is defined, but nothing tracks it` }));
      report(inst.statement.file, inst.statement.args[0]!, `'${inst.name}' tracks no script, process or file, yet HAProxy serves its VIP ${served.vip}: if HAProxy stops on ${node.name}, the VIP stays there and connections to it fail`, [
        { file: hap.syntax.file, span: { start: bind.start, end: bind.end }, message: `${proxy.kind} '${proxy.name}' binds ${bind.text}` },
        ...hints,
      ]);
    }
  },
};
