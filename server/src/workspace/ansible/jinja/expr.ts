/**
 * Jinja expressions: tokens and a recursive-descent parser with Jinja's operator precedence (from loosest:
 * `x if c else y`, or, and, not, comparisons and `in`, + -, ~, * / // %, **, unary minus, then postfix
 * `.attr` `[i]` `(call)` and `|filter` / `is test`). Offsets are absolute template offsets, so every node
 * can be pointed at. Anything outside the subset is a RenderFailure with its offset.
 */
import type { Span } from '../../../syntax/text.js';
import { RenderFailure, type Value } from './values.js';

type TokenType = 'name' | 'num' | 'str' | 'op' | 'end';
interface Token {
  readonly type: TokenType;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** The literal value of a string or number token. */
  readonly literal?: string | number;
}

export type Args = { readonly args: Expr[]; readonly kwargs: ReadonlyArray<readonly [string, Expr]> };

export type Expr = Span &
  (
    | { readonly t: 'lit'; readonly value: Value }
    | { readonly t: 'name'; readonly name: string }
    | { readonly t: 'attr'; readonly obj: Expr; readonly name: string }
    | { readonly t: 'item'; readonly obj: Expr; readonly index: Expr }
    | { readonly t: 'slice'; readonly obj: Expr; readonly from?: Expr; readonly to?: Expr }
    | ({ readonly t: 'call'; readonly callee: Expr } & Args)
    | ({ readonly t: 'filter'; readonly value: Expr; readonly name: string } & Args)
    | ({ readonly t: 'test'; readonly value: Expr; readonly name: string; readonly negate: boolean } & Args)
    | { readonly t: 'unary'; readonly op: 'not' | '-' | '+'; readonly value: Expr }
    | { readonly t: 'bin'; readonly op: string; readonly left: Expr; readonly right: Expr }
    | { readonly t: 'cond'; readonly test: Expr; readonly then: Expr; readonly else?: Expr }
    | { readonly t: 'list' | 'tuple'; readonly items: Expr[] }
    | { readonly t: 'dict'; readonly entries: ReadonlyArray<readonly [Expr, Expr]> }
  );

const OPERATORS = ['**', '//', '==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '~', '<', '>', '=', '|', '.', ',', ':', '(', ')', '[', ']', '{', '}'];
const ESCAPES = new Map(Object.entries({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' }));

function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < to && /\w/.test(text[i]!)) i++;
      tokens.push({ type: 'name', value: text.slice(start, i), start, end: i });
    } else if (/\d/.test(c)) {
      const m = /^\d[\d_]*(\.\d[\d_]*)?([eE][-+]?\d+)?/.exec(text.slice(i, to))!;
      i += m[0].length;
      tokens.push({ type: 'num', value: m[0], start, end: i, literal: Number(m[0].replace(/_/g, '')) });
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      while (i < to && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < to) {
          const e = text[i + 1]!;
          value += ESCAPES.get(e) ?? `\\${e}`;
          i += 2;
        } else value += text[i++];
      }
      if (i >= to) throw new RenderFailure('a string is never closed', start);
      i++;
      tokens.push({ type: 'str', value: text.slice(start, i), start, end: i, literal: value });
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw new RenderFailure(`unexpected character '${c}'`, i);
      i += op.length;
      tokens.push({ type: 'op', value: op, start, end: i });
    }
  }
  tokens.push({ type: 'end', value: '', start: to, end: to });
  return tokens;
}

const COMPARE = new Set(['==', '!=', '<', '>', '<=', '>=']);
const CONSTANTS = new Map<string, Value>(Object.entries({ true: true, false: false, none: null, True: true, False: false, None: null }));

/** A token stream over one tag or `{{ … }}` body. */
export class ExprParser {
  private readonly tokens: Token[];
  private at = 0;

  constructor(text: string, from: number, to: number) {
    this.tokens = tokenize(text, from, to);
  }

  private get current(): Token {
    return this.tokens[this.at]!;
  }

  private is(type: TokenType, value?: string): boolean {
    const t = this.current;
    return t.type === type && (value === undefined || t.value === value);
  }

  private skip(type: TokenType, value?: string): boolean {
    if (!this.is(type, value)) return false;
    this.at++;
    return true;
  }

  private expect(type: TokenType, value?: string): Token {
    const t = this.current;
    if (!this.is(type, value)) throw new RenderFailure(`expected ${value ? `'${value}'` : type === 'name' ? 'a name' : type} but found ${t.type === 'end' ? 'the end of the tag' : `'${t.value}'`}`, t.start);
    this.at++;
    return t;
  }

  /** The tag name or keyword at the front (`if`, `for`, `endfor`…), consumed. */
  word(): Token {
    return this.expect('name');
  }

  peekName(value: string): boolean {
    return this.is('name', value);
  }

  skipName(value: string): boolean {
    return this.skip('name', value);
  }

  skipOp(value: string): boolean {
    return this.skip('op', value);
  }

  expectOp(value: string): void {
    this.expect('op', value);
  }

  atEnd(): boolean {
    return this.is('end');
  }

  end(): void {
    if (!this.atEnd()) throw new RenderFailure(`unexpected '${this.current.value}'`, this.current.start);
  }

  /** Names separated by commas (`for k, v in …`, `set a = …`), optionally parenthesised. */
  targets(): string[] {
    const paren = this.skip('op', '(');
    const names = [this.expect('name').value];
    while (this.skip('op', ',')) names.push(this.expect('name').value);
    if (paren) this.expect('op', ')');
    return names;
  }

  /** A full expression, with `x if c else y`. */
  expression(): Expr {
    const start = this.current.start;
    const then = this.or();
    if (!this.is('name', 'if')) return then;
    this.at++;
    const test = this.or();
    const otherwise = this.skip('name', 'else') ? this.expression() : undefined;
    return { t: 'cond', test, then, else: otherwise, start, end: this.prevEnd() };
  }

  /** An expression without the conditional form (a `for` loop's `if` filter follows its iterable). */
  or(): Expr {
    return this.binary(() => this.and(), ['or'], 'name');
  }

  private prevEnd(): number {
    return this.tokens[this.at - 1]!.end;
  }

  private binary(next: () => Expr, ops: readonly string[], type: TokenType): Expr {
    let left = next();
    while (this.current.type === type && ops.includes(this.current.value)) {
      const op = this.current.value;
      this.at++;
      const right = next();
      left = { t: 'bin', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private and(): Expr {
    return this.binary(() => this.not(), ['and'], 'name');
  }

  private not(): Expr {
    const t = this.current;
    if (this.skip('name', 'not')) {
      const value = this.not();
      return { t: 'unary', op: 'not', value, start: t.start, end: value.end };
    }
    return this.compare();
  }

  private compare(): Expr {
    let left = this.math1();
    for (;;) {
      let op: string;
      if (this.current.type === 'op' && COMPARE.has(this.current.value)) op = this.current.value;
      else if (this.is('name', 'in')) op = 'in';
      else if (this.is('name', 'not') && this.tokens[this.at + 1]?.type === 'name' && this.tokens[this.at + 1]!.value === 'in') {
        this.at++;
        op = 'not in';
      } else return left;
      this.at++;
      const right = this.math1();
      left = { t: 'bin', op, left, right, start: left.start, end: right.end };
    }
  }

  private math1(): Expr {
    return this.binary(() => this.concat(), ['+', '-'], 'op');
  }

  private concat(): Expr {
    return this.binary(() => this.math2(), ['~'], 'op');
  }

  private math2(): Expr {
    return this.binary(() => this.pow(), ['*', '/', '//', '%'], 'op');
  }

  private pow(): Expr {
    return this.binary(() => this.unary(true), ['**'], 'op');
  }

  private unary(withFilter: boolean): Expr {
    const t = this.current;
    let node: Expr;
    if (this.is('op', '-') || this.is('op', '+')) {
      this.at++;
      const value = this.unary(false);
      node = { t: 'unary', op: t.value as '-' | '+', value, start: t.start, end: value.end };
    } else node = this.primary();
    node = this.postfix(node);
    return withFilter ? this.filters(node) : node;
  }

  private primary(): Expr {
    const t = this.current;
    if (t.type === 'name') {
      this.at++;
      if (CONSTANTS.has(t.value)) return { t: 'lit', value: CONSTANTS.get(t.value)!, start: t.start, end: t.end };
      return { t: 'name', name: t.value, start: t.start, end: t.end };
    }
    if (t.type === 'str') {
      // Adjacent string literals join, as in Python.
      let value = '';
      while (this.is('str')) value += this.tokens[this.at++]!.literal as string;
      return { t: 'lit', value, start: t.start, end: this.prevEnd() };
    }
    if (t.type === 'num') {
      this.at++;
      return { t: 'lit', value: t.literal as number, start: t.start, end: t.end };
    }
    if (this.skip('op', '(')) {
      if (this.skip('op', ')')) return { t: 'tuple', items: [], start: t.start, end: this.prevEnd() };
      const first = this.expression();
      // The parentheses belong to the expression's span, so messages quote balanced text.
      if (this.skip('op', ')')) return { ...first, start: t.start, end: this.prevEnd() };
      const items = [first];
      while (this.skip('op', ',') && !this.is('op', ')')) items.push(this.expression());
      this.expect('op', ')');
      return { t: 'tuple', items, start: t.start, end: this.prevEnd() };
    }
    if (this.skip('op', '[')) {
      const items: Expr[] = [];
      while (!this.is('op', ']')) {
        items.push(this.expression());
        if (!this.skip('op', ',')) break;
      }
      this.expect('op', ']');
      return { t: 'list', items, start: t.start, end: this.prevEnd() };
    }
    if (this.skip('op', '{')) {
      const entries: Array<readonly [Expr, Expr]> = [];
      while (!this.is('op', '}')) {
        const key = this.expression();
        this.expect('op', ':');
        entries.push([key, this.expression()]);
        if (!this.skip('op', ',')) break;
      }
      this.expect('op', '}');
      return { t: 'dict', entries, start: t.start, end: this.prevEnd() };
    }
    throw new RenderFailure(t.type === 'end' ? 'an expression is missing' : `unexpected '${t.value}'`, t.start);
  }

  private postfix(node: Expr): Expr {
    for (;;) {
      if (this.skip('op', '.')) {
        const t = this.current;
        if (t.type !== 'name' && t.type !== 'num') throw new RenderFailure(`expected an attribute name after '.'`, t.start);
        this.at++;
        node = { t: 'attr', obj: node, name: t.value, start: node.start, end: t.end };
      } else if (this.skip('op', '[')) {
        node = this.subscript(node);
      } else if (this.is('op', '(')) {
        node = { t: 'call', callee: node, ...this.callArgs(), start: node.start, end: this.prevEnd() };
      } else return node;
    }
  }

  private subscript(obj: Expr): Expr {
    const from = this.is('op', ':') ? undefined : this.expression();
    if (!this.skip('op', ':')) {
      this.expect('op', ']');
      return { t: 'item', obj, index: from!, start: obj.start, end: this.prevEnd() };
    }
    const to = this.is('op', ']') || this.is('op', ':') ? undefined : this.expression();
    if (this.is('op', ':')) throw new RenderFailure('slices with a step are not supported', this.current.start);
    this.expect('op', ']');
    return { t: 'slice', obj, from, to, start: obj.start, end: this.prevEnd() };
  }

  private callArgs(): Args {
    this.expect('op', '(');
    const args: Expr[] = [];
    const kwargs: Array<readonly [string, Expr]> = [];
    while (!this.is('op', ')')) {
      if (this.is('op', '*') || this.is('op', '**')) throw new RenderFailure('*args and **kwargs are not supported', this.current.start);
      if (this.current.type === 'name' && this.tokens[this.at + 1]?.value === '=' && this.tokens[this.at + 1]?.type === 'op') {
        const name = this.current.value;
        this.at += 2;
        kwargs.push([name, this.expression()]);
      } else args.push(this.expression());
      if (!this.skip('op', ',')) break;
    }
    this.expect('op', ')');
    return { args, kwargs };
  }

  private dottedName(): string {
    let name = this.expect('name').value;
    while (this.is('op', '.') && this.tokens[this.at + 1]?.type === 'name') {
      this.at++;
      name += `.${this.expect('name').value}`;
    }
    return name;
  }

  private filters(node: Expr): Expr {
    for (;;) {
      if (this.skip('op', '|')) {
        const name = this.dottedName();
        const args = this.is('op', '(') ? this.callArgs() : { args: [], kwargs: [] };
        node = { t: 'filter', value: node, name, ...args, start: node.start, end: this.prevEnd() };
      } else if (this.skip('name', 'is')) {
        const negate = this.skip('name', 'not');
        const name = this.dottedName();
        let args: Args = { args: [], kwargs: [] };
        if (this.is('op', '(')) args = this.callArgs();
        else if (['num', 'str'].includes(this.current.type) || (this.current.type === 'name' && !['else', 'or', 'and', 'if', 'is', 'in', 'not'].includes(this.current.value))) {
          args = { args: [this.postfix(this.primary())], kwargs: [] };
        }
        node = { t: 'test', value: node, name, negate, ...args, start: node.start, end: this.prevEnd() };
      } else return node;
    }
  }
}
