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

type Space = 'frontend' | 'backend';

/** Whether a proxy of this kind is in a name space: listen sections are in both. */
const inSpace = (kind: Proxy['kind'], space: Space): boolean => kind !== 'defaults' && kind !== (space === 'frontend' ? 'backend' : 'frontend');

/** A name several proxies have: their places in file order, and the first place in each name space. */
interface SharedName {
  readonly places: number[];
  frontend?: number;
  backend?: number;
}

export class NameIndex {
  /** A name's one place, or what the index knows of a name several proxies have. */
  private readonly places = new Map<string, number | SharedName>();

  constructor(proxies: readonly Proxy[]) {
    for (let i = 0; i < proxies.length; i++) {
      const proxy = proxies[i]!;
      if (proxy.kind === 'defaults') continue;
      const seen = this.places.get(proxy.name);
      if (seen === undefined) {
        this.places.set(proxy.name, i);
        continue;
      }
      if (typeof seen === 'number') {
        const shared: SharedName = { places: [] };
        this.places.set(proxy.name, shared);
        addPlace(shared, seen, proxies[seen]!.kind);
        addPlace(shared, i, proxy.kind);
      } else addPlace(seen, i, proxy.kind);
    }
  }

  /** The places of the proxies named `name`, in file order. */
  at(name: string): number | readonly number[] | undefined {
    const at = this.places.get(name);
    return typeof at === 'object' ? at.places : at;
  }

  /**
   * The place of the first proxy named `name` in a name space, when several proxies have the name (else undefined:
   * the one place `at` gives is that proxy's, whatever its kind). Kept at hand, so that a name shared by thousands of
   * frontends costs no walk over them for each reference to a backend of that name.
   */
  firstOfShared(name: string, space: Space): number | undefined {
    const at = this.places.get(name);
    return typeof at === 'object' ? at[space] : undefined;
  }
}

function addPlace(shared: SharedName, place: number, kind: Proxy['kind']): void {
  shared.places.push(place);
  if (shared.frontend === undefined && inSpace(kind, 'frontend')) shared.frontend = place;
  if (shared.backend === undefined && inSpace(kind, 'backend')) shared.backend = place;
}

/** One name space of one version of a file, read like a map from name to the first proxy of that name. */
export class ProxyTable implements Iterable<[string, Proxy]> {
  constructor(
    private readonly proxies: readonly Proxy[],
    private readonly index: NameIndex,
    private readonly space: Space,
  ) {}

  get(name: string): Proxy | undefined {
    const at = this.index.at(name);
    if (at === undefined) return undefined;
    if (typeof at === 'number') return inSpace(this.proxies[at]!.kind, this.space) ? this.proxies[at] : undefined;
    const first = this.index.firstOfShared(name, this.space);
    return first === undefined ? undefined : this.proxies[first];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Each name with its first proxy, in the order of those proxies in the file. */
  *[Symbol.iterator](): IterableIterator<[string, Proxy]> {
    for (const proxy of this.proxies) if (inSpace(proxy.kind, this.space) && this.get(proxy.name) === proxy) yield [proxy.name, proxy];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this) yield name;
  }
}

/**
 * Every frontend, backend and listen of a version of a file named `name`, in file order, made one at a time: a
 * rule that stops at a proxy's own place then costs no list of all the others that share its name.
 */
export function* proxiesNamed(proxies: readonly Proxy[], index: NameIndex, name: string): IterableIterator<Proxy> {
  const at = index.at(name);
  if (at === undefined) return;
  if (typeof at === 'number') yield proxies[at]!;
  else for (const i of at) yield proxies[i]!;
}
