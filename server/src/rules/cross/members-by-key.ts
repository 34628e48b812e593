/**
 * A peer group's members indexed by keys of theirs (a priority, an auth, each of their VIPs), for the peer rules'
 * "which other peers share my value" and "which differ". A finding names only the first few of them and counts the
 * rest (peers.ts), so each answer here costs about that many steps instead of a walk over the group: a folder of
 * hundreds of sample configs that all keep `VI_1` and VRID 51 is one group of hundreds, and comparing every member
 * with every other took time (and printed findings) growing with its square.
 */
import type { NodeView, PeerMember } from '../../workspace/types.js';

/** Some of the members a finding is about, in group order, and how many there are in all. */
export interface SomeMembers {
  readonly first: readonly PeerMember[];
  readonly count: number;
}

export class MembersByKey<K> {
  /** The members whose keys are known (in group order), each with its distinct keys. */
  private readonly keysOf = new Map<PeerMember, ReadonlySet<K>>();
  private readonly holders = new Map<K, PeerMember[]>();
  private readonly knownOnNode = new Map<NodeView, PeerMember[]>();
  /** Per key, members without it in group order, collected as far as a caller needed; `at` is where to resume. */
  private readonly lacking = new Map<K, { found: PeerMember[]; at: number }>();
  private readonly known: PeerMember[] = [];

  /** `keysOf` gives a member's keys, or undefined when they cannot be known (such members are left out). */
  constructor(members: readonly PeerMember[], keysOf: (m: PeerMember) => Iterable<K> | undefined) {
    for (const m of members) {
      const keys = keysOf(m);
      if (keys === undefined) continue;
      const set = new Set(keys);
      this.keysOf.set(m, set);
      this.known.push(m);
      for (const k of set) (this.holders.get(k) ?? this.holders.set(k, []).get(k)!).push(m);
      (this.knownOnNode.get(m.node) ?? this.knownOnNode.set(m.node, []).get(m.node)!).push(m);
    }
  }

  /** Members with known keys on other nodes than m's: its peers for these rules. */
  peerCount(m: PeerMember): number {
    return this.known.length - (this.knownOnNode.get(m.node)?.length ?? 0);
  }

  /** Members on other nodes than m's that have `key`. */
  withKey(m: PeerMember, key: K, wanted: number): SomeMembers {
    const all = this.holders.get(key) ?? [];
    const here = this.knownOnNode.get(m.node) ?? [];
    const sameNode = here.reduce((n, o) => n + (this.keysOf.get(o)!.has(key) ? 1 : 0), 0);
    const first: PeerMember[] = [];
    for (const o of all) {
      if (first.length === wanted) break;
      if (o.node !== m.node) first.push(o);
    }
    return { first, count: all.length - sameNode };
  }

  /** Members with known keys on other nodes than m's that lack `key`. */
  withoutKey(m: PeerMember, key: K, wanted: number): SomeMembers {
    const here = this.knownOnNode.get(m.node) ?? [];
    const sameNode = here.reduce((n, o) => n + (this.keysOf.get(o)!.has(key) ? 0 : 1), 0);
    const count = this.known.length - (this.holders.get(key)?.length ?? 0) - sameNode;
    const first: PeerMember[] = [];
    const scan = this.lacking.get(key) ?? this.lacking.set(key, { found: [], at: 0 }).get(key)!;
    for (let i = 0; first.length < Math.min(wanted, count); i++) {
      // Extend the key's list only as far as this caller needs: skipping the key's holders is paid once per key.
      while (i >= scan.found.length && scan.at < this.known.length) {
        const o = this.known[scan.at++]!;
        if (!this.keysOf.get(o)!.has(key)) scan.found.push(o);
      }
      if (i >= scan.found.length) break;
      const o = scan.found[i]!;
      if (o.node !== m.node) first.push(o);
    }
    return { first, count };
  }

  /** Keys that members on other nodes than m's have and m lacks: the first `wanted`, in order of first appearance. */
  missingKeys(m: PeerMember, wanted: number): { first: readonly K[]; count: number } {
    const mine = this.keysOf.get(m) ?? new Set<K>();
    let ownedHere = 0;
    for (const k of mine) if (this.onlyOnNodeOf(m, k)) ownedHere++;
    // Keys held on m's node alone are no peer's; those m holds itself are subtracted once, with `mine`.
    const count = this.holders.size - mine.size - (this.keysOnlyOn().get(m.node) ?? 0) + ownedHere;
    const first: K[] = [];
    for (const k of this.holders.keys()) {
      if (first.length >= Math.min(wanted, count)) break;
      if (!mine.has(k) && !this.onlyOnNodeOf(m, k)) first.push(k);
    }
    return { first, count };
  }

  private onlyOn: Map<NodeView, number> | undefined;
  /** Per node, how many keys are held by its members alone. */
  private keysOnlyOn(): Map<NodeView, number> {
    if (this.onlyOn) return this.onlyOn;
    this.onlyOn = new Map();
    for (const holders of this.holders.values()) {
      const node = holders[0]!.node;
      if (holders.every((o) => o.node === node)) this.onlyOn.set(node, (this.onlyOn.get(node) ?? 0) + 1);
    }
    return this.onlyOn;
  }

  private onlyOnNodeOf(m: PeerMember, key: K): boolean {
    return (this.holders.get(key) ?? []).every((o) => o.node === m.node);
  }
}
