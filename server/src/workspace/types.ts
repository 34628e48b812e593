import type { HaproxyModel } from '../model/haproxy.js';
import type { KeepalivedModel, VrrpInstance } from '../model/keepalived.js';

export type Language = 'haproxy' | 'keepalived';

/** One load balancer: its keepalived config (for one config-id) and the HAProxy configs it serves. */
export interface NodeView {
  /** Display name: the node folder, or file@id for `@id` variants. */
  readonly name: string;
  readonly keepalived?: KeepalivedModel;
  readonly haproxy: readonly HaproxyModel[];
  /** Every node that serves these HAProxy files, this one included (several keepalived files in one folder share one haproxy.cfg). */
  readonly sharedVipNodes: readonly NodeView[];
  /** The cluster the node belongs to: nodes with equal scope are searched for VRRP peers together. */
  readonly scope: string;
}

/** One VRRP instance placed on its node. */
export interface PeerMember {
  readonly node: NodeView;
  readonly model: KeepalivedModel;
  readonly instance: VrrpInstance;
}

/** Instances on different nodes that serve the same virtual router (same VIPs, or same VRID and name). */
export interface PeerGroup {
  readonly members: readonly PeerMember[];
}

