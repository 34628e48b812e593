import type { HaproxyModel } from '../model/haproxy.js';
import type { KeepalivedModel, VrrpInstance } from '../model/keepalived.js';
import type { SourceFile, Span } from '../syntax/text.js';

export type Language = 'haproxy' | 'keepalived';

/** Something wrong with a file of the workspace that is no config (hapair.json, an Ansible inventory or vars file), or with a folder. */
export interface WorkspaceProblem {
  /** The file or folder. */
  readonly path: string;
  /** Where in the file, when the problem has a place. */
  readonly at?: { readonly file: SourceFile; readonly span: Span };
  /** An error: the file is not used. A warning: it is used, without what the problem is about. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

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
