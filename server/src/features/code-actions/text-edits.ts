/**
 * Line-level edits the quick fixes are made of: replace a value, delete a statement's lines, insert lines before a
 * statement or at the end of a block. Each keeps the file's line ending and indentation, and refuses (returns
 * undefined) where a line edit would be unsafe: a statement that shares its line with another.
 */
import type { KStatement, KWord } from '../../syntax/keepalived/ast.js';
import { KWORD_QUOTED } from '../../syntax/keepalived/lexer.js';
import type { SourceFile, Span } from '../../syntax/text.js';
import { eolOf, indentAt, indentUnitOf, lineStartAt, nextLineStart, type FileEdits, type TextEdit } from '../edits.js';

/** A value written over a keepalived word, quoted again when it was quoted. */
export function replaceWord(w: KWord, value: string): TextEdit {
  return { start: w.start, end: w.end, newText: w.flags & KWORD_QUOTED ? `"${value}"` : value };
}

/** True when nothing but blanks precedes the span on its line and nothing but blanks or a comment follows it. */
export function ownsLines(text: string, span: Span): boolean {
  const before = text.slice(lineStartAt(text, span.start), span.start);
  const lineEnd = nextLineStart(text, span.end);
  const after = text.slice(span.end, lineEnd);
  return /^[ \t]*$/.test(before) && /^[ \t]*([#!].*)?(\r?\n)?$/.test(after);
}

/** Removes the whole lines of a statement, its line ending included. */
export function deleteLines(text: string, span: Span): TextEdit | undefined {
  if (!ownsLines(text, span)) return undefined;
  return { start: lineStartAt(text, span.start), end: nextLineStart(text, span.end), newText: '' };
}

/** Lines of text (without endings) inserted above the line of `offset`, each prefixed with `indent`. */
export function insertAbove(text: string, offset: number, lines: readonly string[], indent = indentAt(text, offset)): TextEdit {
  const eol = eolOf(text);
  const at = lineStartAt(text, offset);
  return { start: at, end: at, newText: lines.map((l) => (l ? indent + l : l) + eol).join('') };
}

/** Lines inserted below the line of `offset` (after its line ending; one is added when the file ends there). */
export function insertBelow(text: string, offset: number, lines: readonly string[], indent: string): TextEdit {
  const eol = eolOf(text);
  const at = nextLineStart(text, offset);
  const lead = at === text.length && !text.endsWith('\n') ? eol : '';
  return { start: at, end: at, newText: lead + lines.map((l) => (l ? indent + l : l) + eol).join('') };
}

/** How a block's lines are indented: like its first statement, else one level more than its keyword. */
export function childIndent(text: string, st: KStatement): string {
  const first = st.block?.statements.find((s) => s.file === st.file);
  if (first && st.block && lineStartAt(text, first.start) > st.block.open.start) return indentAt(text, first.start);
  return indentAt(text, st.start) + indentUnitOf(text);
}

/**
 * Lines appended at the end of a block, above its closing brace; `lines` may be nested (their own indentation
 * relative to the block's). Undefined when the brace shares its line with other text.
 */
export function appendToBlock(st: KStatement, lines: readonly string[]): TextEdit | undefined {
  const text = st.file.text;
  const close = st.block?.close;
  if (!close || !/^[ \t]*$/.test(text.slice(lineStartAt(text, close.start), close.start)) || lineStartAt(text, close.start) <= st.block!.open.start) return undefined;
  return insertAbove(text, close.start, lines, childIndent(text, st));
}

/** A keepalived block's text for new lines: `keyword {`, the entries one level in, `}`. */
export function blockLines(text: string, keyword: string, entries: readonly string[]): string[] {
  const unit = indentUnitOf(text);
  return [`${keyword} {`, ...entries.map((e) => unit + e), '}'];
}

/** Edits for one file, or nothing when an edit could not be made. */
export function fileEdits(file: SourceFile, edits: ReadonlyArray<TextEdit | undefined>): FileEdits | undefined {
  return edits.every((e): e is TextEdit => e !== undefined) && edits.length > 0 ? { file, edits } : undefined;
}
