/** Finds the VRRP instances a peer finding is about, from the latest analysis's peer groups. */
import type { Finding } from '../../rules/rule.js';
import type { SourceFile, Span } from '../../syntax/text.js';
import type { PeerGroup, PeerMember } from '../../workspace/types.js';
import type { FeatureContext } from '../context.js';

export type Anchor = (m: PeerMember) => { file: SourceFile; span: Span };

const sameSpot = (a: { file: SourceFile; span: Span }, file: SourceFile, span: Span) => a.file.uri === file.uri && a.span.start === span.start && a.span.end === span.end;

/** The member whose anchor (where the rule reports it) is the finding's span, and its group. */
export function memberAt(ctx: FeatureContext, finding: Finding, anchor: Anchor): { group: PeerGroup; member: PeerMember } | undefined {
  for (const group of ctx.analysis.peerGroups) {
    for (const member of group.members) if (sameSpot(anchor(member), finding.file, finding.span)) return { group, member };
  }
  return undefined;
}

/** The members of the group the finding's related locations point at (the peers it disagrees with). */
export function relatedMembers(group: PeerGroup, finding: Finding, anchor: Anchor, except: PeerMember): PeerMember[] {
  return group.members.filter((m) => m.node !== except.node && (finding.related ?? []).some((r) => sameSpot(anchor(m), r.file, r.span)));
}
