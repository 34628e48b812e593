/**
 * Files of an Ansible layout that hapair could not use (an inventory line it cannot read, a YAML error, a
 * vault-encrypted vars file). Each is a workspace problem placed in that file, so the editor shows it there and
 * the CLI prints it with its line. They are warnings: the layout is still rendered, without what the file says.
 */
import { restOfLine, sourceFile, type SourceFile } from '../../syntax/text.js';
import type { WorkspaceProblem } from '../types.js';

/**
 * The problems of one file, added to `into`. The file (and its line index) is made once, for the first problem:
 * an inventory reports its bad lines one by one, and one file per problem made thousands of bad lines take seconds.
 */
export class FileProblems {
  private file: SourceFile | undefined;

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly into: WorkspaceProblem[],
  ) {}

  /** A problem on the 0-based `line`, placed from the line's first word to its end. */
  add(message: string, line = 0): void {
    const file = (this.file ??= sourceFile(this.path, this.text));
    const { start, end } = restOfLine(this.text, file.lines().lineStart(line));
    const indent = /^[ \t]*/.exec(this.text.slice(start, end))![0].length;
    this.into.push({ path: this.path, at: { file, span: { start: start + indent, end } }, severity: 'warning', message });
  }
}
