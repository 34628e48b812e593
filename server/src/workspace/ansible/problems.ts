/**
 * Files of an Ansible layout that hapair could not use (an inventory line it cannot read, a YAML error, a
 * vault-encrypted vars file). Each is a workspace problem placed in that file, so the editor shows it there and
 * the CLI prints it with its line. They are warnings: the layout is still rendered, without what the file says.
 */
import { sourceFile } from '../../syntax/text.js';
import type { WorkspaceProblem } from '../types.js';

/** A problem with `path` (whose content is `text`) on its 0-based `line`, from the line's first word to its end. */
export function layoutProblem(path: string, text: string, message: string, line = 0): WorkspaceProblem {
  const file = sourceFile(path, text);
  const lines = file.lines();
  const start = lines.lineStart(line);
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  const indent = /^[ \t]*/.exec(text.slice(start, end))![0].length;
  return { path, at: { file, span: { start: Math.min(start + indent, end), end } }, severity: 'warning', message };
}
