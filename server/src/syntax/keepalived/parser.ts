/**
 * keepalived's block structure as a chevrotain CstParser with error recovery, so a missing or extra brace
 * is reported where it happens and the rest of the file is still read. The CST is turned into the small
 * typed AST of ast.ts right away; nothing outside this folder sees chevrotain types.
 */
import { CstParser, type CstNode, type IRecognitionException, type IToken } from 'chevrotain';
import type { SourceFile } from '../text.js';
import type { SyntaxIssue } from '../issue.js';
import { Conditional, keepalivedLexer, keepalivedTokens, KWORD_ESCAPED, KWORD_QUOTED, KWORD_TEMPLATED, KWORD_UNTERMINATED, kwordFlags, LBrace, RBrace, Repeat, Word } from './lexer.js';
import type { Condition, Definition, KBlock, KeepalivedSyntax, KStatement, KWord } from './ast.js';
import { firstBranchOnly } from '../jinja-branches.js';

class KeepalivedCstParser extends CstParser {
  constructor(recoveryEnabled = true) {
    super(keepalivedTokens, { recoveryEnabled, maxLookahead: 2, skipValidations: true });
    this.performSelfAnalysis();
  }

  /** True when the next token is on the line of the last consumed one: arguments never cross lines. */
  private sameLine(): boolean {
    return this.LA(1).startLine === this.LA(0).endLine;
  }

  public config = this.RULE('config', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.statement) }, { ALT: () => this.CONSUME(RBrace, { LABEL: 'stray' }) }]);
    });
  });

  public statement = this.RULE('statement', () => {
    this.OPTION(() => this.CONSUME(Conditional));
    this.MANY(() => this.CONSUME(Repeat));
    this.CONSUME(Word, { LABEL: 'keyword' });
    this.MANY2({ GATE: () => this.sameLine(), DEF: () => this.CONSUME2(Word, { LABEL: 'args' }) });
    this.OPTION2(() => this.SUBRULE(this.block));
  });

  public block = this.RULE('block', () => {
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(RBrace);
  });
}

const parser = new KeepalivedCstParser();
/**
 * The same grammar without error recovery. chevrotain recovers from an error inside a repetition by re-entering it,
 * one stack level per error in a row, so a couple of thousand consecutive errors overflow the stack; such a file is
 * read again with this parser, which stops at the first error. (Stray `{`, the common case, never get that far.)
 */
let strictParser: KeepalivedCstParser | undefined;

function parseTokens(tokens: IToken[], issues: SyntaxIssue[]): { cst: CstNode | undefined; errors: IRecognitionException[] } {
  // A `{` that no word precedes opens no block. chevrotain would drop it too, but its recovery costs a fraction of a
  // millisecond per error and a stack level per error in a row (`}{}{}{…` is superlinear, then overflows): drop it here.
  const kept: IToken[] = [];
  for (const t of tokens) {
    if (t.tokenType === LBrace && kept[kept.length - 1]?.tokenType !== Word) {
      issues.push({ code: 'unbalanced-braces', start: t.startOffset, end: t.startOffset + 1, message: "Unexpected '{': no keyword opens a block here" });
    } else kept.push(t);
  }
  parser.input = kept;
  try {
    return { cst: parser.config(), errors: parser.errors };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  strictParser ??= new KeepalivedCstParser(false);
  strictParser.input = kept;
  const cst = strictParser.config() as CstNode | undefined;
  const first = strictParser.errors[0]?.token;
  const at = first && !isRecovered(first) ? first.startOffset : 0;
  issues.push({ code: 'parse-error', start: at, end: at + Math.max(1, first?.image.length ?? 1), message: 'Too many syntax errors in a row to recover from: the file is read only up to here' });
  return { cst, errors: [] };
}

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

/** Tokens that recovery invented have no real position. */
const isRecovered = (t: IToken | undefined): boolean => !t || Number.isNaN(t.startOffset) || t.startOffset < 0 || t.isInsertedInRecovery === true;

function tokensOf(node: CstNode, name: string): IToken[] {
  return (node.children[name] as IToken[] | undefined) ?? [];
}

function nodesOf(node: CstNode, name: string): CstNode[] {
  return (node.children[name] as CstNode[] | undefined) ?? [];
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
  const { cst: parsed, errors } = parseTokens(limitDepth(firstBranchOnly(lexed.tokens, lexed.groups['trivia'] ?? []), issues), issues);
  let templated = (lexed.groups['trivia'] ?? []).length > 0;

  const buildStatement = (node: CstNode): KStatement | undefined => {
    const keywordToken = tokensOf(node, 'keyword')[0];
    if (isRecovered(keywordToken)) return undefined;
    const keyword = toWord(keywordToken!);
    const args = tokensOf(node, 'args').filter((t) => !isRecovered(t)).map(toWord);
    for (const w of [keyword, ...args]) {
      if (w.flags & KWORD_UNTERMINATED) issues.push({ code: 'parse-error', start: w.start, end: w.end, message: `Unmatched quote: '${w.text}'` });
      if (w.flags & KWORD_TEMPLATED) templated = true;
    }
    const condToken = tokensOf(node, 'Conditional')[0];
    const blockNode = nodesOf(node, 'block')[0];
    const block = blockNode ? buildBlock(blockNode) : undefined;
    const last = args[args.length - 1] ?? keyword;
    const end = block ? (block.close?.end ?? block.statements[block.statements.length - 1]?.end ?? block.open.end) : last.end;
    const start = condToken && !isRecovered(condToken) ? condToken.startOffset : keyword.start;
    return {
      file,
      keyword,
      args,
      block,
      condition: condToken && !isRecovered(condToken) ? toCondition(condToken) : undefined,
      repeated: tokensOf(node, 'Repeat').length > 0 || undefined,
      start,
      end,
    };
  };

  const buildBlock = (node: CstNode): KBlock => {
    const open = tokensOf(node, 'LBrace')[0]!;
    const close = tokensOf(node, 'RBrace')[0];
    const statements = nodesOf(node, 'statement').map(buildStatement).filter((s): s is KStatement => s !== undefined);
    return {
      open: { start: open.startOffset, end: open.startOffset + 1 },
      close: isRecovered(close) ? undefined : { start: close!.startOffset, end: close!.startOffset + 1 },
      statements,
    };
  };

  const cst: CstNode = parsed ?? { name: 'config', children: {} };
  const statements = nodesOf(cst, 'statement').map(buildStatement).filter((s): s is KStatement => s !== undefined);
  for (const stray of tokensOf(cst, 'stray')) {
    issues.push({ code: 'unbalanced-braces', start: stray.startOffset, end: stray.startOffset + 1, message: "Extra '}' found: it closes no block" });
  }
  reportUnclosedBlocks(statements, issues);
  for (const error of errors) {
    const issue = describeError(error);
    if (issue) issues.push(issue);
  }
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

/** Turns chevrotain's recognition errors into keepalived-style messages. End-of-file errors are covered by
 * reportUnclosedBlocks, which knows which block is open. */
function describeError(error: IRecognitionException): SyntaxIssue | undefined {
  const token = error.token;
  if (isRecovered(token) || token.tokenType?.name === 'EOF') return undefined;
  const start = token.startOffset;
  const end = token.startOffset + token.image.length;
  if (token.tokenType === LBrace) return { code: 'unbalanced-braces', start, end, message: "Unexpected '{': no keyword opens a block here" };
  if (token.tokenType === RBrace) return { code: 'unbalanced-braces', start, end, message: "Extra '}' found: it closes no block" };
  return { code: 'parse-error', start, end, message: `Unexpected '${token.image}'` };
}
