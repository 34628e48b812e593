/**
 * keepalived's block structure, read from chevrotain's tokens by a small loop with an explicit stack of open
 * blocks. The grammar is tiny (a statement is `[@id] [~SEQ…] keyword args… [{ statements }]`, arguments never
 * cross a line), so a grammar engine bought nothing but a concrete syntax tree to build and throw away; the loop
 * recovers the way keepalived reads a file: a `}` that closes nothing and a `{` that no keyword opens are
 * reported and skipped, and a block still open at the end is reported at the keyword that opened it.
 */
import type { IToken } from 'chevrotain';
import type { SourceFile, Span } from '../text.js';
import type { SyntaxIssue } from '../issue.js';
import { Conditional, keepalivedLexer, KWORD_ESCAPED, KWORD_QUOTED, KWORD_TEMPLATED, KWORD_UNTERMINATED, kwordFlags, LBrace, RBrace, Repeat, Word } from './lexer.js';
import type { Condition, Definition, KBlock, KeepalivedSyntax, KStatement, KWord } from './ast.js';
import { firstBranchOnly } from '../jinja-branches.js';

function unquote(text: string, flags: number): string {
  if (flags & KWORD_QUOTED) return text.slice(1, flags & KWORD_UNTERMINATED ? undefined : -1);
  if (flags & KWORD_ESCAPED) return text.replace(/\\([#!])/g, '$1');
  return text;
}

function toWord(token: IToken): KWord {
  const flags = kwordFlags(token);
  return { start: token.startOffset, end: token.startOffset + token.image.length, text: token.image, value: unquote(token.image, flags), flags };
}

function toCondition(token: IToken): Condition {
  const negate = token.image.startsWith('@^');
  return { start: token.startOffset, end: token.startOffset + token.image.length, id: token.image.slice(negate ? 2 : 1), negate };
}

/**
 * Deeper than any real config (keepalived's deepest keyword path is a handful of blocks), and far below the
 * depth at which the recursive-descent parser would overflow the stack (about 300 levels).
 */
export const MAX_BLOCK_DEPTH = 64;

/** Leaves out every block that opens deeper than MAX_BLOCK_DEPTH, contents and closing brace included. */
function limitDepth(tokens: IToken[], issues: SyntaxIssue[]): IToken[] {
  let depth = 0;
  let skipping = 0;
  const out: IToken[] = [];
  for (const t of tokens) {
    if (skipping > 0) {
      if (t.tokenType === LBrace) skipping++;
      else if (t.tokenType === RBrace) skipping--;
      continue;
    }
    if (t.tokenType === LBrace) {
      if (depth === MAX_BLOCK_DEPTH) {
        if (!issues.some((i) => i.message.startsWith('Blocks nested more than'))) {
          issues.push({ code: 'parse-error', start: t.startOffset, end: t.startOffset + 1, message: `Blocks nested more than ${MAX_BLOCK_DEPTH} levels deep: this block and the ones like it are not read` });
        }
        skipping = 1;
        continue;
      }
      depth++;
    } else if (t.tokenType === RBrace && depth > 0) depth--;
    out.push(t);
  }
  return out;
}

export function parseKeepalived(file: SourceFile): KeepalivedSyntax {
  const lexed = keepalivedLexer.tokenize(file.text);
  const issues: SyntaxIssue[] = [];
  const tokens = limitDepth(firstBranchOnly(lexed.tokens, lexed.groups['trivia'] ?? []), issues);
  const statements = readStatements(file, tokens, issues);
  let templated = (lexed.groups['trivia'] ?? []).length > 0;
  const visit = (list: readonly KStatement[]) => {
    for (const st of list) {
      for (const w of [st.keyword, ...st.args]) {
        if (w.flags & KWORD_UNTERMINATED) issues.push({ code: 'parse-error', start: w.start, end: w.end, message: `Unmatched quote: '${w.text}'` });
        if (w.flags & KWORD_TEMPLATED) templated = true;
      }
      if (st.block) visit(st.block.statements);
    }
  };
  visit(statements);
  reportUnclosedBlocks(statements, issues);
  for (const error of lexed.errors) {
    issues.push({ code: 'parse-error', start: error.offset, end: error.offset + Math.max(1, error.length), message: `Unreadable character(s) at offset ${error.offset}` });
  }

  const definitions = (lexed.groups['definitions'] ?? []).map(toDefinition);
  const comments = (lexed.groups['comments'] ?? []).map((t) => ({ start: t.startOffset, end: t.startOffset + t.image.length }));
  const controlFlow = file.text.includes('{%');
  return { file, statements, definitions, issues, comments, templated: templated || controlFlow, controlFlow };
}

function toDefinition(token: IToken): Definition {
  const image = token.image;
  const dollar = image.indexOf('$');
  const eq = image.indexOf('=', dollar);
  const value = image
    .slice(eq + 1)
    .replace(/\\\r?\n/g, '\n')
    .trim();
  const start = token.startOffset;
  // `@lb1 $NAME=…` defines NAME only on the host whose config-id is lb1.
  const prefix = dollar > 0 ? image.slice(0, dollar).trimEnd() : '';
  const negate = prefix.startsWith('@^');
  const condition = prefix ? { start, end: start + prefix.length, id: prefix.slice(negate ? 2 : 1), negate } : undefined;
  return { start, end: start + image.length, name: image.slice(dollar + 1, eq), value, ...(condition ? { condition } : {}) };
}

/** A block the file never closes is reported at the keyword that opened it, where the fix belongs. */
function reportUnclosedBlocks(statements: KStatement[], issues: SyntaxIssue[]): void {
  for (const st of statements) {
    if (!st.block) continue;
    if (!st.block.close) {
      issues.push({ code: 'unbalanced-braces', start: st.keyword.start, end: st.block.open.end, message: `Missing '}': the '${st.keyword.value}' block opened here is never closed` });
    }
    reportUnclosedBlocks(st.block.statements, issues);
  }
}

/** A statement whose block is still open: it becomes a KStatement when its `}` (or the end of the file) comes. */
interface OpenBlock {
  readonly parent: KStatement[];
  /** Where the statement goes in its parent's list (a placeholder until the block closes). */
  readonly index: number;
  readonly head: Omit<KStatement, 'block' | 'end'>;
  readonly open: Span;
  readonly statements: KStatement[];
}

const spanOf = (t: IToken): Span => ({ start: t.startOffset, end: t.startOffset + t.image.length });

/** Every statement is made here, with one property order: rules read these objects millions of times, and
 * objects of one shape keep those reads fast (a spread would build them in varying ways). */
function statement(head: OpenBlock['head'], block: KBlock | undefined, end: number): KStatement {
  return { file: head.file, keyword: head.keyword, args: head.args, block, condition: head.condition, repeated: head.repeated, start: head.start, end };
}

/** Reads the statement tree from the tokens (comments, blanks and definitions are in other token groups). */
function readStatements(file: SourceFile, tokens: readonly IToken[], issues: SyntaxIssue[]): KStatement[] {
  const text = file.text;
  const root: KStatement[] = [];
  const stack: OpenBlock[] = [];
  const current = () => (stack.length > 0 ? stack[stack.length - 1]!.statements : root);
  // Arguments never cross a line: the next token belongs to the statement only when no line feed comes first.
  // Tokens come in order, so the next line feed is looked up once per line (searching from every token of a
  // line with thousands of words went over the rest of the line each time).
  let feed = -1;
  const sameLine = (before: IToken, next: IToken) => {
    const from = before.startOffset + before.image.length;
    if (feed < from) {
      feed = text.indexOf('\n', from);
      if (feed === -1) feed = text.length;
    }
    return feed >= next.startOffset;
  };
  const close = (frame: OpenBlock, closer: IToken | undefined) => {
    const statements = frame.statements;
    const block: KBlock = { open: frame.open, close: closer ? spanOf(closer) : undefined, statements };
    const end = block.close?.end ?? statements[statements.length - 1]?.end ?? frame.open.end;
    frame.parent[frame.index] = statement(frame.head, block, end);
  };

  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (t.tokenType === RBrace) {
      const frame = stack.pop();
      if (frame) close(frame, t);
      else issues.push({ code: 'unbalanced-braces', ...spanOf(t), message: "Extra '}' found: it closes no block" });
      i++;
      continue;
    }
    if (t.tokenType === LBrace) {
      issues.push({ code: 'unbalanced-braces', ...spanOf(t), message: "Unexpected '{': no keyword opens a block here" });
      i++;
      continue;
    }
    const conditionToken = t.tokenType === Conditional ? t : undefined;
    let at = conditionToken ? i + 1 : i;
    let repeated = false;
    while (tokens[at]?.tokenType === Repeat) {
      repeated = true;
      at++;
    }
    const keywordToken = tokens[at];
    if (keywordToken?.tokenType !== Word) {
      // An `@id` or `~SEQ(…)` prefix with no keyword after it.
      issues.push({ code: 'parse-error', ...spanOf(t), message: `'${t.image}' is not followed by a keyword` });
      i = at > i ? at : i + 1;
      continue;
    }
    const keyword = toWord(keywordToken);
    const args: KWord[] = [];
    let last = keywordToken;
    at++;
    while (tokens[at]?.tokenType === Word && sameLine(last, tokens[at]!)) {
      last = tokens[at]!;
      args.push(toWord(last));
      at++;
    }
    const head = {
      file,
      keyword,
      args,
      condition: conditionToken ? toCondition(conditionToken) : undefined,
      repeated: repeated || undefined,
      start: conditionToken ? conditionToken.startOffset : keyword.start,
    };
    const list = current();
    if (tokens[at]?.tokenType === LBrace) {
      // The block opens here, on this line or a later one; the statement is complete when it closes.
      stack.push({ parent: list, index: list.length, head, open: spanOf(tokens[at]!), statements: [] });
      list.push(undefined as unknown as KStatement);
      at++;
    } else {
      list.push(statement(head, undefined, (args[args.length - 1] ?? keyword).end));
    }
    i = at;
  }
  // Blocks the file never closes end with their last statement.
  while (stack.length > 0) close(stack.pop()!, undefined);
  return root;
}
