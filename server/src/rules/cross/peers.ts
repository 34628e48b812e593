/** Shared vocabulary of the peer rules: how to name a peer and compare it with the others. */
import type { Setting } from '../../model/keepalived.js';
import type { PeerMember } from '../../workspace/types.js';
import type { Related, Report } from '../rule.js';
import type { Span } from '../../syntax/text.js';
import { MembersByKey, type SomeMembers } from './members-by-key.js';

/** "lb2 (VI_1)": every peer has a name (workspace/peers.ts leaves out instances without one). */
export function peerName(m: PeerMember): string {
  return `${m.node.name} (${m.instance.name})`;
}

/** Where to point when a member lacks a setting: the setting, else the instance name. */
export function anchorOf(m: PeerMember, s: Setting | undefined): { file: PeerMember['model']['file']; span: Span } {
  if (s) return { file: s.statement.file, span: s.word };
  const st = m.instance.statement;
  return { file: st.file, span: st.args[0] ?? st.keyword };
}

/** Where a peer's priority is written, else its state line, else its name: where priority findings point. */
export const priorityAnchor = (m: PeerMember): ReturnType<typeof anchorOf> => anchorOf(m, m.instance.priority ?? m.instance.state);

/**
 * A finding names at most this many peers or addresses (the first, in group order) and counts the others, so that
 * its message and related locations stay the same size in a group of hundreds; this many or fewer are all named.
 */
export const NAMED = 4;

/**
 * `names` (the first `limit` of `count` things, or all) joined by `separator`, the others counted:
 * "a, b, c and 7 more peers". Never "and 1 more": with `limit` or fewer, all are named.
 */
export function someOf(names: readonly string[], count: number, noun: string, separator = ', ', limit = NAMED): string {
  if (count <= limit) return names.join(separator);
  return `${names.slice(0, limit - 1).join(separator)} and ${count - (limit - 1)} more ${noun}`;
}

/** The peers a finding names out of `some` and their list ("lb2 (VI_1), lb3 (VI_1), lb4 (VI_1) and 7 more peers"). */
export function namedPeers(some: SomeMembers, name: (m: PeerMember) => string = peerName, separator = ', '): { named: readonly PeerMember[]; text: string } {
  const named = some.first.slice(0, some.count <= NAMED ? NAMED : NAMED - 1);
  return { named, text: someOf(named.map(name), some.count, 'peers', separator) };
}

/**
 * For every member, finds the members on other nodes whose value differs and reports once, naming the first of
 * them. `valueOf` returns undefined when the value cannot be known (template, variable): such members are
 * skipped. Values are compared by `keyOf`.
 */
export function reportDifferences<T>(
  members: readonly PeerMember[],
  valueOf: (m: PeerMember) => T | undefined,
  settingOf: (m: PeerMember) => Setting | undefined,
  keyOf: (value: T) => string | number,
  /** Describes a value; `comparedWith` is the value of the member being reported, for relative wording. */
  describe: (value: T, comparedWith?: T) => string,
  consequence: string,
  report: Report,
): void {
  const values = new Map<PeerMember, T>();
  let firstKey: string | number | undefined;
  let differ = false;
  for (const m of members) {
    const v = valueOf(m);
    if (v === undefined) continue;
    values.set(m, v);
    const key = keyOf(v);
    if (firstKey === undefined) firstKey = key;
    else if (key !== firstKey) differ = true;
  }
  // Nearly every group agrees: no index for it (a pair of nodes with hundreds of instances checks each group again
  // whenever one of the files changes).
  if (!differ) return;
  const index = new MembersByKey(members, (m) => (values.has(m) ? [keyOf(values.get(m)!)] : undefined));
  for (const [m, mine] of values) {
    const differing = index.withoutKey(m, keyOf(mine), NAMED);
    if (differing.count === 0) continue;
    const { named, text } = namedPeers(differing, (o) => `${peerName(o)} has ${describe(values.get(o)!, mine)}`, '; ');
    const here = anchorOf(m, settingOf(m));
    const related: Related[] = named.map((o) => {
      const there = anchorOf(o, settingOf(o));
      return { file: there.file, span: there.span, message: `${peerName(o)}: ${describe(values.get(o)!, mine)}` };
    });
    report(here.file, here.span, `${describe(mine)} here, but peer ${text}: ${consequence}`, related);
  }
}
