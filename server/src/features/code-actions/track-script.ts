/**
 * undefined-track-script: keepalived looks a vrrp_script up when it reads the track_script line. A script
 * defined further down moves above the instance (with the comment lines right above it); a missing one gets a
 * stub above the instance, whose check always succeeds until the real command is filled in.
 */
import type { TrackedScript } from '../../model/keepalived.js';
import type { KStatement } from '../../syntax/keepalived/ast.js';
import { eolOf, lineStartAt, nextLineStart, type TextEdit } from '../edits.js';
import { findInstance, isAt } from './instance-edits.js';
import { fixOf, type Fixer } from './quick-fix.js';
import { blockLines, deleteLines, insertAbove } from './text-edits.js';

/** A check for the stub: the usual HAProxy liveness test when the name says HAProxy, else one that always succeeds. */
const stubScript = (name: string) => (/haproxy/i.test(name) ? '"/usr/bin/killall -0 haproxy"' : '"/usr/bin/true"   # replace with the real check: exit status 0 means healthy');

/** The comment lines directly above a statement (its description), as the start offset of the first. */
function withLeadingComments(text: string, st: KStatement): number {
  let start = lineStartAt(text, st.start);
  while (start > 0) {
    const above = lineStartAt(text, start - 1);
    if (!/^[ \t]*[#!]/.test(text.slice(above, start))) break;
    start = above;
  }
  return start;
}

/** Moves a top-level statement's lines (its comments and one blank line after it included) above `before`. */
function moveAbove(text: string, st: KStatement, before: KStatement): TextEdit[] | undefined {
  if (!deleteLines(text, st)) return undefined;
  const from = withLeadingComments(text, st);
  const eol = eolOf(text);
  let to = nextLineStart(text, st.end);
  const blankEnd = nextLineStart(text, to);
  const blankAfter = /^[ \t]*\r?\n$/.test(text.slice(to, blankEnd));
  if (blankAfter) to = blankEnd;
  // A blank line separates the moved block from the instance, as one separated it from what followed.
  const moved = text.slice(from, to) + (text.slice(from, to).endsWith('\n') ? '' : eol) + (blankAfter ? '' : eol);
  const at = withLeadingComments(text, before);
  return [
    { start: at, end: at, newText: moved },
    { start: from, end: to, newText: '' },
  ];
}

export const defineTrackScript: Fixer = (ctx, finding) => {
  const onTrack = (t: TrackedScript) => isAt(finding, t.statement.file, t.name.word);
  const found = findInstance(ctx, (i) => i.trackScripts.some(onTrack));
  const name = found?.inst.trackScripts.find(onTrack)?.name.text;
  if (!found || !name) return [];
  const { model, inst } = found;
  const file = inst.statement.file;
  const text = file.text;
  if (!/^[ \t]*$/.test(text.slice(lineStartAt(text, inst.statement.start), inst.statement.start))) return [];
  const script = model.scripts.get(name);
  if (!script) {
    const lines = [...blockLines(text, `vrrp_script ${name}`, [`script ${stubScript(name)}`, 'interval 2']), ''];
    return fixOf(`Define vrrp_script '${name}' above '${inst.name}'`, [{ file, edits: [insertAbove(text, withLeadingComments(text, inst.statement), lines)] }]);
  }
  if (script.statement.file !== file || script.statement.start < inst.statement.start) return [];
  const edits = moveAbove(text, script.statement, inst.statement);
  return edits ? fixOf(`Move vrrp_script '${name}' above '${inst.name}'`, [{ file, edits }], true) : [];
};
