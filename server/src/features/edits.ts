/**
 * Text edits as the editor features produce them: offsets into one file's text, never LSP positions (the LSP
 * layer converts with positions.ts). Also the small text facts every edit needs to fit into a file: its line
 * ending and its indentation.
 */
import type { SourceFile, Span } from '../syntax/text.js';

/** Replace [start, end) with newText. Edits of one file never overlap. */
export interface TextEdit extends Span {
  readonly newText: string;
}

/** Edits for one file, converted against that file's text. */
export interface FileEdits {
  readonly file: SourceFile;
  readonly edits: readonly TextEdit[];
}

/** The file's line ending: CRLF when its first line ends with one, else LF. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line's terminator (or the text's end). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** The blanks that start the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStartAt(text, offset), offset + 1))![0];
}

/**
 * One level of indentation as the file writes it: the first indented line's leading tab, else its spaces
 * (4 when the file indents nothing yet).
 */
export function indentUnitOf(text: string): string {
  const m = /^([ \t]+)\S/m.exec(text);
  if (!m) return '    ';
  return m[1]!.startsWith('\t') ? '\t' : m[1]!;
}
