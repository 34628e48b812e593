/**
 * Files of an Ansible layout that hapair could not use (an inventory line it cannot read, a YAML error, a
 * vault-encrypted vars file). Each is a workspace problem placed in that file, so the editor shows it there and
 * the CLI prints it with its line. They are warnings: the layout is still rendered, without what the file says.
 */
import { restOfLine, sourceFile, type SourceFile } from '../../syntax/text.js';
import type { WorkspaceProblem } from '../types.js';

/**
 * The file of the last problem made. An inventory reports its bad lines one by one; each problem making its own
 * file (and line index) made a file of thousands of bad lines take seconds.
 */
let lastFile: SourceFile | undefined;

/** A problem with `path` (whose content is `text`) on its 0-based `line`, from the line's first word to its end. */
export function layoutProblem(path: string, text: string, message: string, line = 0): WorkspaceProblem {
  if (lastFile?.uri !== path || lastFile.text !== text) lastFile = sourceFile(path, text);
  const file = lastFile;
  const { start, end } = restOfLine(text, file.lines().lineStart(line));
  const indent = /^[ \t]*/.exec(text.slice(start, end))![0].length;
  return { path, at: { file, span: { start: start + indent, end } }, severity: 'warning', message };
}
