/**
 * script-security-missing: `enable_script_security` in global_defs (a new global_defs block at the top of the
 * file, below its leading comments, when there is none).
 */
import type { KeepalivedModel } from '../../model/keepalived.js';
import type { KStatement } from '../../syntax/keepalived/ast.js';
import { fixOf, type Fixer } from './quick-fix.js';
import { appendToBlock, blockLines, fileEdits, insertAbove } from './text-edits.js';

export const addScriptSecurity: Fixer = (ctx, finding) => {
  // The script may be in an included file: global_defs belongs to the file that includes it.
  const reads = (m: KeepalivedModel) => m.file.uri === finding.file.uri || m.includes.some((i) => i.targets.some((t) => t.uri === finding.file.uri));
  const model = [...ctx.analysis.keepalived.values()].flat().find(reads);
  if (!model) return [];
  const globals = model.tree.find((st): st is KStatement & { block: NonNullable<KStatement['block']> } => st.keyword.value === 'global_defs' && st.block !== undefined);
  const title = 'Add enable_script_security to global_defs';
  if (globals) return fixOf(title, [fileEdits(globals.file, [appendToBlock(globals, ['enable_script_security'])])], true);
  const first = model.tree.find((st) => st.file === model.file);
  if (!first) return [];
  return fixOf(title, [{ file: model.file, edits: [insertAbove(model.file.text, first.start, [...blockLines(model.file.text, 'global_defs', ['enable_script_security']), ''], '')] }], true);
};
