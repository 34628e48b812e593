/** Shared vocabulary of the peer rules: how to name a peer and compare it with the others. */
import type { Setting } from '../../model/keepalived.js';
import type { PeerMember } from '../../workspace/types.js';
import type { Related, Report } from '../rule.js';
import type { Span } from '../../syntax/text.js';

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
 * For every member, finds the other members whose value differs and reports once, naming them.
 * `valueOf` returns undefined when the value cannot be known (template, variable): such members are skipped.
 */
export function reportDifferences<T>(
  members: readonly PeerMember[],
  valueOf: (m: PeerMember) => T | undefined,
  settingOf: (m: PeerMember) => Setting | undefined,
  equal: (a: T, b: T) => boolean,
  /** Describes a value; `comparedWith` is the value of the member being reported, for relative wording. */
  describe: (value: T, comparedWith?: T) => string,
  consequence: string,
  report: Report,
): void {
  for (const m of members) {
    const mine = valueOf(m);
    if (mine === undefined) continue;
    const others = members.filter((o) => o !== m && o.node !== m.node);
    const differing = others.filter((o) => {
      const theirs = valueOf(o);
      return theirs !== undefined && !equal(mine, theirs);
    });
    if (differing.length === 0) continue;
    const here = anchorOf(m, settingOf(m));
    const related: Related[] = differing.map((o) => {
      const there = anchorOf(o, settingOf(o));
      return { file: there.file, span: there.span, message: `${peerName(o)}: ${describe(valueOf(o)!, mine)}` };
    });
    const list = differing.map((o) => `${peerName(o)} has ${describe(valueOf(o)!, mine)}`).join('; ');
    report(here.file, here.span, `${describe(mine)} here, but peer ${list}: ${consequence}`, related);
  }
}
