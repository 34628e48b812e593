import type { IpAddress } from '../../model/address.js';
import type { BindAddress, HaproxyModel, Proxy } from '../../model/haproxy.js';
import type { KeepalivedModel, VrrpInstance, VrrpScript } from '../../model/keepalived.js';
import type { NodeRule, Related } from '../rule.js';

interface Serving {
  readonly hap: HaproxyModel;
  readonly proxy: Proxy;
  readonly bind: BindAddress;
}

/** A bind with its place among all binds of the node's HAProxy files, so that the first of several candidates wins. */
interface Placed extends Serving {
  readonly order: number;
}

/**
 * The node's binds by what they accept: a bind on an address serves that VIP only; `*` and `::` serve every
 * address of both families, `0.0.0.0` only IPv4. Only the first bind of each kind can be the first to serve a VIP,
 * so looking up each VIP of thousands of instances does not walk every bind again.
 */
interface BindIndex {
  readonly byAddress: Map<string, Placed>;
  readonly anyFamily?: Placed;
  readonly anyIpv4?: Placed;
}

/** Indexes the binds of the node's HAProxy files, numbered in file, proxy and bind order. */
function indexBinds(haproxy: readonly HaproxyModel[]): BindIndex {
  const byAddress = new Map<string, Placed>();
  let anyFamily: Placed | undefined;
  let anyIpv4: Placed | undefined;
  let order = 0;
  for (const hap of haproxy) {
    for (const proxy of hap.proxies) {
      for (const bind of proxy.binds) {
        const placed = { hap, proxy, bind, order: order++ };
        if (bind.kind === 'ip' && !byAddress.has(bind.ip!.key)) byAddress.set(bind.ip!.key, placed);
        if (bind.kind !== 'any') continue;
        anyIpv4 ??= placed;
        if (!bind.ip || bind.ip.family === 6) anyFamily ??= placed;
      }
    }
  }
  return { byAddress, anyFamily, anyIpv4 };
}

/** The first bind of the node's HAProxy files that accepts connections to `vip`. */
function firstAccepting(vip: IpAddress, binds: BindIndex): Placed | undefined {
  const exact = binds.byAddress.get(vip.key);
  const any = vip.family === 4 ? binds.anyIpv4 : binds.anyFamily;
  if (!exact || !any) return exact ?? any;
  return exact.order < any.order ? exact : any;
}

/** The first bind of the node's HAProxy files that serves one of the instance's VIPs, with that VIP. */
function servedVip(inst: VrrpInstance, binds: BindIndex): { vip: string; by: Serving } | undefined {
  for (const vip of inst.vips) {
    if (!vip.ip) continue;
    const by = firstAccepting(vip.ip, binds);
    if (by) return { vip: vip.text.replace(/\/\d+$/, ''), by };
  }
  return undefined;
}

/**
 * Whether a sync group that tracks something covers the instance named `name`. Built once per model: thousands of
 * instances in thousands of groups (or in one large group) would otherwise each walk every member list.
 */
function syncGroupTracking(model: KeepalivedModel): (name: string) => boolean {
  const members = new Set<string>();
  for (const g of model.syncGroups) {
    if (g.healthTracks.length === 0) continue;
    for (const m of g.members) {
      // A member known only at deployment may be any instance.
      if (m.opaque) return () => true;
      if (m.text !== undefined) members.add(m.text);
    }
  }
  return (name) => members.has(name);
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
    // The instance's own track_script/process/file, or its sync group's.
    const groupTracks = syncGroupTracking(model);
    let binds: BindIndex | undefined;
    let hints: Related[] | undefined;
    for (const inst of model.instances) {
      if (!inst.name || inst.healthTracks.length > 0 || groupTracks(inst.name)) continue;
      binds ??= indexBinds(node.haproxy);
      const served = servedVip(inst, binds);
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
