/**
 * Where an offset falls in a keepalived file: the blocks around it (followed through the keyword tree, the
 * way keepalived reads them), the statement on the cursor's line and which of its words. Each level is a
 * binary search over the statements of one block.
 */
import { ROOT, type BlockSpec } from '../knowledge/keepalived/keywords.js';
import { resolveKeyword, uniqueOpenedBlock } from '../knowledge/keepalived/lookup.js';
import type { KeepalivedVersion } from '../knowledge/versions.js';
import type { KeepalivedSyntax, KStatement, KWord } from '../syntax/keepalived/ast.js';
import { inSpans, lastAtOrBefore } from './haproxy-cursor.js';

export interface KeepalivedCursor {
  readonly offset: number;
  /** The statements whose blocks enclose the cursor, outermost first. */
  readonly path: readonly KStatement[];
  /** The kind of block the cursor is in (ROOT at the top level); undefined below a keyword we cannot place. */
  readonly block?: BlockSpec;
  /** The statement whose keyword is on the cursor's line. */
  readonly statement?: KStatement;
  /** Index of the word at the cursor among the keyword (0) and its arguments. */
  readonly index: number;
  readonly word?: KWord;
  /** Text before the cursor on the line that is not a statement's words (a closing brace, a definition). */
  readonly foreign: boolean;
  readonly inComment: boolean;
}

/** The block a keyword's `{ }` holds inside `block`, as keepalived would read it. */
export function openedBlock(block: BlockSpec | undefined, keyword: string, version: KeepalivedVersion): BlockSpec | undefined {
  if (!block || block.content !== 'keywords') return undefined;
  const r = resolveKeyword(block, keyword, version);
  if (r.status === 'known') return r.opens;
  // Too new, removed or misplaced: still the block the keyword would open where it is valid.
  return uniqueOpenedBlock(keyword, version);
}

export function keepalivedCursor(syntax: KeepalivedSyntax, offset: number, version: KeepalivedVersion): KeepalivedCursor {
  const file = syntax.file;
  const at = Math.max(0, Math.min(offset, file.text.length));
  const lines = file.lines();
  const line = lines.lineOf(at);
  const path: KStatement[] = [];
  let block: BlockSpec | undefined = ROOT;
  let list = syntax.statements;
  for (;;) {
    const i = lastAtOrBefore(list, (st) => st.keyword.start, at);
    const st = i >= 0 ? list[i] : undefined;
    const b = st?.block;
    if (!st || !b || at < b.open.end || (b.close && at > b.close.start)) break;
    path.push(st);
    block = openedBlock(block, st.keyword.value, version);
    list = b.statements;
  }
  const i = lastAtOrBefore(list, (st) => st.keyword.start, at);
  const candidate = i >= 0 ? list[i] : undefined;
  const statement = candidate && lines.lineOf(candidate.keyword.start) === line ? candidate : undefined;
  let index = 0;
  let word: KWord | undefined;
  if (statement) {
    const words = [statement.keyword, ...statement.args];
    for (let w = 0; w < words.length; w++) {
      if (words[w]!.start > at) break;
      if (at <= words[w]!.end) {
        word = words[w];
        index = w;
        break;
      }
      index = w + 1;
    }
  }
  const inComment = inSpans(syntax.comments, at);
  const before = file.text.slice(lines.lineStart(line), statement ? statement.keyword.start : at);
  // A `@lb1` condition before the keyword is part of the statement.
  const foreign = !inComment && before.replace(/@\^?\S+/, '').trim() !== '';
  return { offset: at, path, block, statement, index, word, foreign, inComment };
}
