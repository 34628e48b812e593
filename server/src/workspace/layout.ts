/**
 * Which files form one load-balancer node, and which nodes form one cluster (the scope in which VRRP peers are
 * searched). Layouts recognised with no configuration:
 *  - node folders side by side (`lb1/`, `lb2/`, each with keepalived.conf and usually haproxy.cfg): each folder is
 *    a node; sibling node folders are one cluster. A folder named `keepalived` (as in `lb1/etc/keepalived/`) stands
 *    for its parent, whose `haproxy/` folder holds the node's HAProxy config, and a folder named `etc` for the host
 *    folder holding it (`lb1`).
 *  - several keepalived files in one folder (`keepalived-master.conf`, `keepalived-backup.conf`): one node each,
 *    one cluster; a HAProxy file in that folder belongs to all of them.
 * A `hapair.json` manifest (manifest.ts) can state nodes explicitly; its files are taken out of the guesswork.
 */
import { basename, dirname, join } from './paths.js';
import { defaultNodeName, type Manifest } from './manifest.js';

export interface NodeSpec {
  readonly name: string;
  readonly keepalived: string;
  readonly haproxy: readonly string[];
  /** Nodes with equal scope are searched for VRRP peers together. */
  readonly scope: string;
  /** Config-id chosen by a manifest for `@id` lines; otherwise every id in the file becomes a node. */
  readonly configId?: string;
}

export function layoutNodes(keepalivedMains: readonly string[], haproxyFiles: readonly string[], display: (path: string) => string, manifests: readonly Manifest[] = []): NodeSpec[] {
  const nodes: NodeSpec[] = [];
  const claimed = new Set<string>();
  for (const m of manifests) {
    m.clusters.forEach((cluster, ci) => {
      for (const n of cluster.nodes) {
        const keepalived = join(m.dir, n.keepalived);
        const haproxy = (n.haproxy ?? []).map((h) => join(m.dir, h));
        claimed.add(keepalived);
        haproxy.forEach((h) => claimed.add(h));
        nodes.push({ name: n.name ?? defaultNodeName(display(keepalived), n.configId), keepalived, haproxy, scope: `manifest:${m.dir}#${cluster.name ?? ci}`, configId: n.configId });
      }
    });
  }

  const haproxyByDir = new Map<string, string[]>();
  for (const h of haproxyFiles) {
    if (claimed.has(h)) continue;
    const dir = dirname(h);
    haproxyByDir.set(dir, [...(haproxyByDir.get(dir) ?? []), h]);
  }
  const byDir = new Map<string, string[]>();
  for (const k of keepalivedMains) {
    if (claimed.has(k)) continue;
    const dir = dirname(k);
    byDir.set(dir, [...(byDir.get(dir) ?? []), k]);
  }
  for (const [dir, files] of byDir) {
    if (files.length === 1) {
      const root = basename(dir) === 'keepalived' ? dirname(dir) : dir;
      const haproxy = [...new Set([...(haproxyByDir.get(dir) ?? []), ...(haproxyByDir.get(root) ?? []), ...(haproxyByDir.get(join(root, 'haproxy')) ?? [])])];
      // A copy of a host's /etc (lb1/etc/keepalived/) stands for the host folder above it; the host's own /etc has
      // no folder above it to name the node, so its file does.
      const host = basename(root) === 'etc' ? dirname(root) : root;
      const name = host === '/' || host === '.' ? display(files[0]!) : basename(host);
      // Within a cluster the folder name identifies the node (lb1, lb2); clusters never mix in one message.
      nodes.push({ name, keepalived: files[0]!, haproxy, scope: `siblings:${dirname(host)}` });
    } else {
      for (const file of files) nodes.push({ name: basename(file), keepalived: file, haproxy: haproxyByDir.get(dir) ?? [], scope: `folder:${dir}` });
    }
  }
  return distinctNames(nodes, display);
}

/**
 * Node names are unique within a cluster: messages name peers by them, and the analysis keeps each node's findings
 * under its name. Guessed names can clash (`lb1/keepalived.conf` beside `lb1/keepalived/keepalived.conf` both
 * stand for `lb1`); such nodes are named by their keepalived file instead.
 */
function distinctNames(nodes: NodeSpec[], display: (path: string) => string): NodeSpec[] {
  const counts = new Map<string, number>();
  const id = (n: NodeSpec) => `${n.scope}\n${n.name}`;
  for (const n of nodes) counts.set(id(n), (counts.get(id(n)) ?? 0) + 1);
  return nodes.map((n) => (counts.get(id(n))! > 1 ? { ...n, name: display(n.keepalived) } : n));
}
