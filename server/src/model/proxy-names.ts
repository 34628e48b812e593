/**
 * Proxies by name. HAProxy keeps two name spaces: frontends (frontend, listen) and backends (backend, listen). One
 * index serves both, and the rule that looks for repeated names: it lists, per name, the places in the file's proxy
 * list of every frontend, backend and listen with that name.
 *
 * Places rather than proxies, so that the index outlives an edit: an edit that adds or removes no proxy and changes
 * no proxy's kind, name or mode leaves every place as it was, and the next version of the model shares the index
 * (model/haproxy.ts). Rules that compare sections read nothing else of other sections, so the analysis keeps what
 * they found in the sections an edit did not touch while the index is the same object (analysis/sections.ts).
 */
import type { Proxy } from './haproxy.js';

export class NameIndex {
  /** A name's one place, or its places in file order when several proxies have it. */
  private readonly places = new Map<string, number | number[]>();

  constructor(proxies: readonly Proxy[]) {
    for (let i = 0; i < proxies.length; i++) {
      const proxy = proxies[i]!;
      if (proxy.kind === 'defaults') continue;
      const seen = this.places.get(proxy.name);
      if (seen === undefined) this.places.set(proxy.name, i);
      else if (typeof seen === 'number') this.places.set(proxy.name, [seen, i]);
      else seen.push(i);
    }
  }

  /** The places of the proxies named `name`, in file order. */
  at(name: string): number | readonly number[] | undefined {
    return this.places.get(name);
  }
}

/** Whether a proxy of this kind is in a name space: listen sections are in both. */
const inSpace = (proxy: Proxy, space: 'frontend' | 'backend'): boolean => proxy.kind !== 'defaults' && proxy.kind !== (space === 'frontend' ? 'backend' : 'frontend');

/** One name space of one version of a file, read like a map from name to the first proxy of that name. */
export class ProxyTable implements Iterable<[string, Proxy]> {
  constructor(
    private readonly proxies: readonly Proxy[],
    private readonly index: NameIndex,
    private readonly space: 'frontend' | 'backend',
  ) {}

  get(name: string): Proxy | undefined {
    const at = this.index.at(name);
    if (at === undefined) return undefined;
    if (typeof at === 'number') return inSpace(this.proxies[at]!, this.space) ? this.proxies[at] : undefined;
    for (const i of at) if (inSpace(this.proxies[i]!, this.space)) return this.proxies[i];
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Each name with its first proxy, in the order of those proxies in the file. */
  *[Symbol.iterator](): IterableIterator<[string, Proxy]> {
    for (const proxy of this.proxies) if (inSpace(proxy, this.space) && this.get(proxy.name) === proxy) yield [proxy.name, proxy];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this) yield name;
  }
}

/** Every frontend, backend and listen of a version of a file named `name`, in file order. */
export function proxiesNamed(proxies: readonly Proxy[], index: NameIndex, name: string): readonly Proxy[] {
  const at = index.at(name);
  if (at === undefined) return [];
  return typeof at === 'number' ? [proxies[at]!] : at.map((i) => proxies[i]!);
}
