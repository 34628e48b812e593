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
import { Conditional, tokenizeKeepalived, KWORD_ESCAPED, KWORD_QUOTED, KWORD_TEMPLATED, KWORD_UNTERMINATED, kwordFlags, LBrace, RBrace, Repeat, Word } from './lexer.js';
import type { Condition, Definition, KBlock, KeepalivedSyntax, KStatement, KWord } from './ast.js';
import { firstBranchOnly } from '../jinja-branches.js';

function unquote(text: string, flags: number): string {
  if (flags & KWORD_QUOTED) return text.slice(1, flags & KWORD_UNTERMINATED ? undefined : -1);
  if (flags & KWORD_ESCAPED) return text.replace(/\\([#!])/g, '$1');
  return text;
}

// Tokens are lexed from a stretch of the file that starts at `base` (0 for a whole file, incremental.ts parses the
// lines an edit touched): these turn them into objects at offsets in the file.

function toWord(token: IToken, base: number): KWord {
  const flags = kwordFlags(token);
  const start = token.startOffset + base;
  return { start, end: start + token.image.length, text: token.image, value: unquote(token.image, flags), flags };
}

function toCondition(token: IToken, base: number): Condition {
  const negate = token.image.startsWith('@^');
  const start = token.startOffset + base;
  return { start, end: start + token.image.length, id: token.image.slice(negate ? 2 : 1), negate };
}

/**
 * Deeper than any real config (keepalived's deepest keyword path is a handful of blocks), and far below the
 * depth at which the recursive-descent parser would overflow the stack (about 300 levels).
 */
export const MAX_BLOCK_DEPTH = 64;

/**
 * Leaves out every block that opens deeper than MAX_BLOCK_DEPTH, contents and closing brace included. Real files
 * never nest that deep: a first pass looks for such a block, and only a file with one has its list copied.
 */
function limitDepth(tokens: IToken[], issues: SyntaxIssue[], base: number): IToken[] {
  let depth = 0;
  let first = 0;
  for (; first < tokens.length; first++) {
    const type = tokens[first]!.tokenType;
    if (type === LBrace && depth++ === MAX_BLOCK_DEPTH) break;
    if (type === RBrace && depth > 0) depth--;
  }
  if (first === tokens.length) return tokens;
  depth = 0;
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
          issues.push({ code: 'parse-error', start: t.startOffset + base, end: t.startOffset + base + 1, message: `Blocks nested more than ${MAX_BLOCK_DEPTH} levels deep: this block and the ones like it are not read` });
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

/**
 * A parse's problems by kind. A KeepalivedSyntax lists them kind after kind in this order, each kind in file order,
 * so the problems of a stretch of the file are found by offset within each kind (incremental.ts).
 */
export interface IssuesByKind {
  /** The one report that blocks nest too deep, if they do. */
  readonly depth: SyntaxIssue[];
  /** A `}` that closes nothing, a `{` that no keyword opens, an `@id`/`~SEQ` prefix with no keyword: in token order. */
  readonly structure: SyntaxIssue[];
  /** Unmatched quotes. */
  readonly quotes: SyntaxIssue[];
  /** Blocks never closed. */
  readonly unclosed: SyntaxIssue[];
  /** Characters the lexer could not read. */
  readonly lexer: SyntaxIssue[];
}

/** The parse of a stretch of a file (all of it, or the lines an edit touched), at offsets in the file. */
export interface KeepalivedParts {
  readonly statements: KStatement[];
  readonly definitions: Definition[];
  readonly comments: Span[];
  readonly issues: IssuesByKind;
  /** Where the Jinja-templated words and the `{# … #}` / `{% … %}` tags start: the file is templated when there is one. */
  readonly templating: number[];
  /** How many of the structure issues are a `{` that no keyword opens, and a prefix with no keyword. */
  readonly strayOpens: number;
  readonly danglingPrefixes: number;
  /** The stretch's last token is an `@id`/`~SEQ` prefix, which would take a keyword that comes after the stretch. */
  readonly prefixAtEnd: boolean;
}

/** The parts of each syntax made here or by a reparse, which the next reparse starts from. */
const partsOfSyntax = new WeakMap<KeepalivedSyntax, KeepalivedParts>();

export function partsOf(syntax: KeepalivedSyntax): KeepalivedParts | undefined {
  return partsOfSyntax.get(syntax);
}

export function parseKeepalived(file: SourceFile): KeepalivedSyntax {
  return keepalivedSyntax(file, parseStretch(file, 0, file.text.length), file.text.includes('{%'));
}

/** The syntax of `file` from the parts of all its text. */
export function keepalivedSyntax(file: SourceFile, parts: KeepalivedParts, controlFlow: boolean): KeepalivedSyntax {
  const { statements, definitions, comments, issues: byKind } = parts;
  const issues = [...byKind.depth, ...byKind.structure, ...byKind.quotes, ...byKind.unclosed, ...byKind.lexer];
  const templated = parts.templating.length > 0 || controlFlow;
  const syntax: KeepalivedSyntax = { file, statements, definitions, issues, comments, templated, controlFlow };
  partsOfSyntax.set(syntax, parts);
  return syntax;
}

/**
 * Parses the text of `file` in [from, to). Tokens never cross a line but for a definition continued with `\`, so a
 * stretch of whole lines with no such definition across its ends lexes as it does within the file.
 */
export function parseStretch(file: SourceFile, from: number, to: number): KeepalivedParts {
  const text = from === 0 && to === file.text.length ? file.text : file.text.slice(from, to);
  const lexed = tokenizeKeepalived(text);
  const trivia = lexed.groups['trivia'] ?? [];
  const depth: SyntaxIssue[] = [];
  const tokens = limitDepth(firstBranchOnly(lexed.tokens, trivia), depth, from);
  const read = readStatements(file, text, from, tokens);
  const statements = read.statements;
  const quotes: SyntaxIssue[] = [];
  const templating = trivia.map((t) => t.startOffset + from);
  const unclosed: SyntaxIssue[] = [];
  wordAndBlockIssues(statements, { quotes, templating, unclosed });
  const lexer: SyntaxIssue[] = [];
  for (const error of lexed.errors) {
    const start = error.offset + from;
    lexer.push({ code: 'parse-error', start, end: start + Math.max(1, error.length), message: `Unreadable character(s) at offset ${start}` });
  }
  const definitions = (lexed.groups['definitions'] ?? []).map((t) => toDefinition(t, from));
  const comments = (lexed.groups['comments'] ?? []).map((t) => ({ start: t.startOffset + from, end: t.startOffset + from + t.image.length }));
  const lastType = tokens[tokens.length - 1]?.tokenType;
  return {
    statements,
    definitions,
    comments,
    issues: { depth, structure: read.issues, quotes, unclosed, lexer },
    templating: templating.sort((a, b) => a - b),
    strayOpens: read.strayOpens,
    danglingPrefixes: read.danglingPrefixes,
    prefixAtEnd: lastType === Conditional || lastType === Repeat,
  };
}

function toDefinition(token: IToken, base: number): Definition {
  const image = token.image;
  const dollar = image.indexOf('$');
  const eq = image.indexOf('=', dollar);
  const value = image
    .slice(eq + 1)
    .replace(/\\\r?\n/g, '\n')
    .trim();
  const start = token.startOffset + base;
  // `@lb1 $NAME=…` defines NAME only on the host whose config-id is lb1.
  const prefix = dollar > 0 ? image.slice(0, dollar).trimEnd() : '';
  const negate = prefix.startsWith('@^');
  const condition = prefix ? { start, end: start + prefix.length, id: prefix.slice(negate ? 2 : 1), negate } : undefined;
  return { start, end: start + image.length, name: image.slice(dollar + 1, eq), value, ...(condition ? { condition } : {}) };
}

/**
 * What the words and blocks of a tree tell, in one walk: unmatched quotes, where templated words start, and blocks
 * the file never closes (reported at the keyword that opened one, where the fix belongs).
 */
function wordAndBlockIssues(statements: readonly KStatement[], into: { quotes: SyntaxIssue[]; templating: number[]; unclosed: SyntaxIssue[] }): void {
  const word = (w: KWord) => {
    if (w.flags & KWORD_UNTERMINATED) into.quotes.push({ code: 'parse-error', start: w.start, end: w.end, message: `Unmatched quote: '${w.text}'` });
    if (w.flags & KWORD_TEMPLATED) into.templating.push(w.start);
  };
  // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i]!;
    word(st.keyword);
    for (let j = 0; j < st.args.length; j++) word(st.args[j]!);
    if (!st.block) continue;
    if (!st.block.close) {
      into.unclosed.push({ code: 'unbalanced-braces', start: st.keyword.start, end: st.block.open.end, message: `Missing '}': the '${st.keyword.value}' block opened here is never closed` });
    }
    wordAndBlockIssues(st.block.statements, into);
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

const spanOf = (t: IToken, base: number): Span => ({ start: t.startOffset + base, end: t.startOffset + base + t.image.length });

/** Every statement is made here, with one property order: rules read these objects millions of times, and
 * objects of one shape keep those reads fast (a spread would build them in varying ways). */
function statement(head: OpenBlock['head'], block: KBlock | undefined, end: number): KStatement {
  return { file: head.file, keyword: head.keyword, args: head.args, block, condition: head.condition, repeated: head.repeated, start: head.start, end };
}

/**
 * Reads the statement tree from the tokens (comments, blanks and definitions are in other token groups), lexed from
 * `text`, the stretch of `file` at `base`.
 */
function readStatements(file: SourceFile, text: string, base: number, tokens: readonly IToken[]): { statements: KStatement[]; issues: SyntaxIssue[]; strayOpens: number; danglingPrefixes: number } {
  const issues: SyntaxIssue[] = [];
  let strayOpens = 0;
  let danglingPrefixes = 0;
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
    // Copied to its exact length: a list grown by push keeps room for more, and on a large file that spare room was a
    // quarter of the whole tree's memory. Every block inside this one is closed, so nothing refers to the old list.
    const statements = frame.statements.slice();
    const block: KBlock = { open: frame.open, close: closer ? spanOf(closer, base) : undefined, statements };
    const end = block.close?.end ?? statements[statements.length - 1]?.end ?? frame.open.end;
    frame.parent[frame.index] = statement(frame.head, block, end);
  };

  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (t.tokenType === RBrace) {
      const frame = stack.pop();
      if (frame) close(frame, t);
      else issues.push({ code: 'unbalanced-braces', ...spanOf(t, base), message: "Extra '}' found: it closes no block" });
      i++;
      continue;
    }
    if (t.tokenType === LBrace) {
      issues.push({ code: 'unbalanced-braces', ...spanOf(t, base), message: "Unexpected '{': no keyword opens a block here" });
      strayOpens++;
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
      issues.push({ code: 'parse-error', ...spanOf(t, base), message: `'${t.image}' is not followed by a keyword` });
      danglingPrefixes++;
      i = at > i ? at : i + 1;
      continue;
    }
    const keyword = toWord(keywordToken, base);
    const first = ++at;
    let last = keywordToken;
    while (tokens[at]?.tokenType === Word && sameLine(last, tokens[at]!)) last = tokens[at++]!;
    // Made at its exact length, for the reason `close` gives.
    const args: KWord[] = tokens.slice(first, at).map((t) => toWord(t, base));
    const head = {
      file,
      keyword,
      args,
      condition: conditionToken ? toCondition(conditionToken, base) : undefined,
      repeated: repeated || undefined,
      start: conditionToken ? conditionToken.startOffset + base : keyword.start,
    };
    const list = current();
    if (tokens[at]?.tokenType === LBrace) {
      // The block opens here, on this line or a later one; the statement is complete when it closes.
      stack.push({ parent: list, index: list.length, head, open: spanOf(tokens[at]!, base), statements: [] });
      list.push(undefined as unknown as KStatement);
      at++;
    } else {
      list.push(statement(head, undefined, (args[args.length - 1] ?? keyword).end));
    }
    i = at;
  }
  // Blocks the file never closes end with their last statement.
  while (stack.length > 0) close(stack.pop()!, undefined);
  return { statements: root.slice(), issues, strayOpens, danglingPrefixes };
}
