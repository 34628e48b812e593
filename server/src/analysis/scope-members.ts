/**
 * What the analyzer's peer step (Analyzer.scopeGroups) reads of a scope's nodes, made so that a keystroke in one
 * node of a large pair costs little beyond that node: each node's members are listed once per model, and a peer
 * group's memo inputs are compared where they lie instead of being listed again for every group at every run.
 */
import type { Finding } from '../rules/rule.js';
import type { KeepalivedModel } from '../model/keepalived.js';
import type { KStatement } from '../syntax/keepalived/ast.js';
import type { SourceFile } from '../syntax/text.js';
import { groupingSignature } from '../workspace/peers.js';
import type { NodeView, PeerMember } from '../workspace/types.js';

/** How a group's key names a member: node, instance, and for a name its model repeats (duplicate-instance), which one. */
export type MemberLabel = readonly [node: string, instance: string, rank: number];

/** One node's instances as peer members, with what the grouping reads of each. */
export interface NodeMembers {
  readonly model: KeepalivedModel | undefined;
  readonly members: readonly PeerMember[];
  readonly signatures: readonly string[];
  /** Made when a group key needs them: most runs find every key made already. */
  labels(): readonly MemberLabel[];
}

const listed = new WeakMap<NodeView, NodeMembers>();

/**
 * The members of `node` with `model`, the same object while the node keeps that model. A patch keeps its nodes
 * and gives only the edited node a new model: the other nodes of the scope are not listed again.
 */
export function membersOf(node: NodeView, model: KeepalivedModel | undefined): NodeMembers {
  const known = listed.get(node);
  if (known && known.model === model) return known;
  const instances = model?.instances ?? [];
  const members = instances.map((instance): PeerMember => ({ node, model: model!, instance }));
  let labels: MemberLabel[] | undefined;
  const made: NodeMembers = {
    model,
    members,
    signatures: instances.map(groupingSignature),
    labels: () => {
      if (labels) return labels;
      const seen = new Map<string, number>();
      labels = instances.map((instance): MemberLabel => {
        const rank = seen.get(instance.name) ?? 0;
        seen.set(instance.name, rank + 1);
        return [node.name, instance.name, rank];
      });
      return labels;
    },
  };
  listed.set(node, made);
  return made;
}

/** The statements a member's model gives peer rules besides its instances: global_defs blocks and vrrp_scripts. */
const peerContexts = new WeakMap<KeepalivedModel, readonly KStatement[]>();

export function peerContextOf(model: KeepalivedModel): readonly KStatement[] {
  let statements = peerContexts.get(model);
  if (!statements) {
    statements = model.tree.filter((st) => st.keyword.value === 'global_defs' || st.keyword.value === 'vrrp_script');
    peerContexts.set(model, statements);
  }
  return statements;
}

/**
 * Hands `visit` what a peer group's findings depend on, in order: per member its node's name, its model's
 * global_defs and scripts, and its instance. Stops, with false, when `visit` does.
 */
function eachGroupInput(members: readonly PeerMember[], visit: (input: unknown) => boolean): boolean {
  for (const m of members) {
    if (!visit(m.node.name)) return false;
    for (const st of peerContextOf(m.model)) if (!visit(st)) return false;
    if (!visit(m.instance)) return false;
  }
  return true;
}

/** A peer group's memo inputs (see eachGroupInput). */
export function groupInputs(members: readonly PeerMember[]): unknown[] {
  const inputs: unknown[] = [];
  eachGroupInput(members, (input) => {
    inputs.push(input);
    return true;
  });
  return inputs;
}

/** Whether `inputs` are what groupInputs would list for `members`, without listing them. */
export function sameGroupInputs(inputs: readonly unknown[], members: readonly PeerMember[]): boolean {
  let at = 0;
  return eachGroupInput(members, (input) => inputs[at++] === input) && at === inputs.length;
}

/**
 * A peer group's findings kept from an earlier run, in the files as they are now. Their places are words and
 * statements of the members' instances, global_defs and scripts, which a reparse keeps and moves in place, so only
 * the file they name may be an older version: the members' statements name the current one. Findings whose files
 * are current stay the same objects (the language server skips a file whose findings are all the same).
 */
export function refiled(findings: readonly Finding[], members: readonly PeerMember[]): readonly Finding[] {
  if (findings.length === 0) return findings;
  const files = new Map<string, SourceFile>();
  for (const m of members) for (const st of [m.instance.statement, ...peerContextOf(m.model)]) files.set(st.file.uri, st.file);
  const current = (file: SourceFile) => files.get(file.uri) ?? file;
  const stale = (f: Finding) => current(f.file) !== f.file || f.related?.some((r) => current(r.file) !== r.file);
  if (!findings.some(stale)) return findings;
  return findings.map((f) => (stale(f) ? { ...f, file: current(f.file), ...(f.related ? { related: f.related.map((r) => ({ ...r, file: current(r.file) })) } : {}) } : f));
}
