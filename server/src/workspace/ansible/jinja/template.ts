/**
 * A Jinja template compiled into a tree of text runs, outputs and control tags, with Ansible's whitespace
 * rules: `trim_blocks` on (the newline after a tag or comment is dropped), `lstrip_blocks` off, both
 * overridable by a `#jinja2: trim_blocks: …, lstrip_blocks: …` first line as Ansible reads it; `-` strips
 * the whitespace beside a tag, `+` keeps it. Text runs keep their template offsets: the renderer copies them
 * through a source map.
 */
import type { Span } from '../../../syntax/text.js';
import { ExprParser, type Expr } from './expr.js';
import { RenderFailure } from './values.js';

export type Node =
  | { readonly t: 'text'; readonly start: number; readonly end: number }
  /** `{{ … }}`: `span` covers the delimiters, `expr` the expression inside. */
  | { readonly t: 'out'; readonly span: Span; readonly expr: Expr }
  | { readonly t: 'if'; readonly branches: ReadonlyArray<{ readonly test: Expr; readonly body: Node[] }>; readonly otherwise?: Node[] }
  | { readonly t: 'for'; readonly targets: string[]; readonly iter: Expr; readonly filter?: Expr; readonly body: Node[]; readonly otherwise?: Node[]; readonly span: Span }
  /** `{% set x = … %}`, or `{% set ns.attr = … %}` on a namespace. */
  | { readonly t: 'set'; readonly targets: string[]; readonly attr?: string; readonly value: Expr };

export interface Compiled {
  readonly nodes: Node[];
}

interface Piece {
  readonly kind: 'text' | 'out' | 'tag';
  readonly start: number;
  readonly end: number;
  /** The body between the delimiters and their `-`/`+` markers. */
  readonly inner: Span;
}

interface Options {
  trimBlocks: boolean;
  lstripBlocks: boolean;
}

const OPENERS = /\{[{%#]/g;

/** Offset of `closer` after `from`, skipping quoted strings; -1 when missing. */
function findCloser(text: string, from: number, closer: string): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (text.startsWith(closer, i)) return i;
  }
  return -1;
}

/** Ansible's `#jinja2:` header line: options, and where the template proper starts. */
function header(text: string): { options: Options; body: number } {
  const options: Options = { trimBlocks: true, lstripBlocks: false };
  const m = /^#jinja2:([^\n]*)\n?/.exec(text);
  if (!m) return { options, body: 0 };
  for (const part of m[1]!.split(',')) {
    const [key, value] = part.split(':').map((s) => s.trim());
    const on = value === 'True' || value === 'true';
    if (key === 'trim_blocks') options.trimBlocks = on;
    else if (key === 'lstrip_blocks') options.lstripBlocks = on;
    else if (key && key !== 'newline_sequence' && key !== 'keep_trailing_newline') throw new RenderFailure(`the template header sets '${key}', which hapair does not support`, 0);
  }
  return { options, body: m[0].length };
}

/** Splits a template into text, `{{ }}` and `{% %}` pieces with whitespace control applied (comments vanish). */
function pieces(text: string): Piece[] {
  const { options, body } = header(text);
  const out: Piece[] = [];
  let pos = body;
  /** Whether the text at `pos` begins a line (for lstrip_blocks). */
  let lineStart = true;
  const pushText = (start: number, end: number) => {
    if (end > start) out.push({ kind: 'text', start, end, inner: { start, end } });
  };
  while (pos <= text.length) {
    OPENERS.lastIndex = pos;
    const m = OPENERS.exec(text);
    if (!m) {
      pushText(pos, text.length);
      break;
    }
    const open = m.index;
    const type = text[open + 1]!;
    const kind = type === '{' ? 'out' : type === '%' ? 'tag' : 'comment';
    const closer = type === '{' ? '}}' : type === '%' ? '%}' : '#}';
    const modifier = text[open + 2];
    const innerStart = open + 2 + (modifier === '-' || modifier === '+' ? 1 : 0);
    const close = kind === 'comment' ? text.indexOf('#}', innerStart) : findCloser(text, innerStart, closer);
    if (close === -1) throw new RenderFailure(`this ${kind === 'out' ? '{{' : kind === 'tag' ? '{%' : '{#'} is never closed`, open);
    const closeModifier = close > innerStart ? text[close - 1] : undefined;
    const innerEnd = closeModifier === '-' || closeModifier === '+' ? close - 1 : close;

    let textEnd = open;
    const block = kind !== 'out';
    if (modifier === '-') {
      while (textEnd > pos && /\s/.test(text[textEnd - 1]!)) textEnd--;
    } else if (options.lstripBlocks && block && modifier !== '+') {
      const newline = text.lastIndexOf('\n', open - 1);
      const from = newline >= pos ? newline + 1 : lineStart ? pos : -1;
      if (from !== -1 && /^[ \t]*$/.test(text.slice(from, open))) textEnd = from;
    }
    pushText(pos, textEnd);

    pos = close + 2;
    if (closeModifier === '-') {
      while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    } else if (options.trimBlocks && block && closeModifier !== '+') {
      if (text[pos] === '\n') pos++;
      else if (text.startsWith('\r\n', pos)) pos += 2;
    }
    lineStart = pos === 0 || text[pos - 1] === '\n';
    if (kind === 'comment') continue;
    if (kind === 'tag' && /^\s*raw\s*$/.test(text.slice(innerStart, innerEnd))) {
      // The body of {% raw %} is text, whatever it contains.
      const endRaw = /\{%(-?)\s*endraw\s*(-?)%\}/g;
      endRaw.lastIndex = pos;
      const e = endRaw.exec(text);
      if (!e) throw new RenderFailure('{% raw %} is never closed by {% endraw %}', open);
      let rawEnd = e.index;
      if (e[1] === '-') while (rawEnd > pos && /\s/.test(text[rawEnd - 1]!)) rawEnd--;
      pushText(pos, rawEnd);
      pos = e.index + e[0].length;
      if (e[2] === '-') while (pos < text.length && /\s/.test(text[pos]!)) pos++;
      else if (options.trimBlocks && text[pos] === '\n') pos++;
      lineStart = text[pos - 1] === '\n';
      continue;
    }
    out.push({ kind, start: open, end: close + 2, inner: { start: innerStart, end: innerEnd } });
  }
  return out;
}

/** Tags outside the subset, with what they are. */
const UNSUPPORTED = new Map(Object.entries({
  macro: 'macros are',
  call: 'call blocks are',
  include: 'includes of other templates are',
  import: 'imports are',
  from: 'imports are',
  extends: 'template inheritance is',
  block: 'template inheritance is',
  filter: 'filter blocks are',
  with: 'with blocks are',
  autoescape: 'autoescape blocks are',
  do: 'the do extension is',
  break: 'loop controls are',
  continue: 'loop controls are',
}));

/** Builds the tree from the pieces; `stop` lists the tags that end the current body. */
class TreeBuilder {
  private at = 0;
  constructor(
    private readonly text: string,
    private readonly list: Piece[],
  ) {}

  body(stop: readonly string[]): { nodes: Node[]; ended?: { word: string; parser: ExprParser; piece: Piece } } {
    const nodes: Node[] = [];
    while (this.at < this.list.length) {
      const p = this.list[this.at++]!;
      if (p.kind === 'text') {
        nodes.push({ t: 'text', start: p.start, end: p.end });
        continue;
      }
      const parser = new ExprParser(this.text, p.inner.start, p.inner.end);
      if (p.kind === 'out') {
        const expr = parser.expression();
        parser.end();
        nodes.push({ t: 'out', span: { start: p.start, end: p.end }, expr });
        continue;
      }
      const word = parser.word();
      if (stop.includes(word.value)) return { nodes, ended: { word: word.value, parser, piece: p } };
      nodes.push(this.statement(word.value, word.start, parser, p));
    }
    if (stop.length > 0) throw new RenderFailure(`a block is never closed: expected {% ${stop[stop.length - 1]} %}`, this.text.length);
    return { nodes };
  }

  private statement(word: string, at: number, parser: ExprParser, piece: Piece): Node {
    if (word === 'if') {
      const branches: Array<{ test: Expr; body: Node[] }> = [];
      let test = parser.expression();
      parser.end();
      for (;;) {
        const { nodes, ended } = this.body(['elif', 'else', 'endif']);
        branches.push({ test, body: nodes });
        if (ended!.word === 'elif') {
          test = ended!.parser.expression();
          ended!.parser.end();
          continue;
        }
        if (ended!.word === 'else') {
          ended!.parser.end();
          const rest = this.body(['endif']);
          rest.ended!.parser.end();
          return { t: 'if', branches, otherwise: rest.nodes };
        }
        ended!.parser.end();
        return { t: 'if', branches };
      }
    }
    if (word === 'for') {
      const targets = parser.targets();
      if (!parser.skipName('in')) throw new RenderFailure("expected 'in' in the for tag", piece.start);
      const iter = parser.or();
      const filter = parser.skipName('if') ? parser.or() : undefined;
      if (parser.skipName('recursive')) throw new RenderFailure('recursive loops are not supported', piece.start);
      parser.end();
      const first = this.body(['else', 'endfor']);
      first.ended!.parser.end();
      let otherwise: Node[] | undefined;
      if (first.ended!.word === 'else') {
        const rest = this.body(['endfor']);
        rest.ended!.parser.end();
        otherwise = rest.nodes;
      }
      return { t: 'for', targets, iter, filter, body: first.nodes, otherwise, span: { start: piece.start, end: piece.end } };
    }
    if (word === 'set') {
      const targets = parser.targets();
      let attr: string | undefined;
      if (targets.length === 1 && parser.skipOp('.')) attr = parser.word().value;
      if (!parser.skipOp('=')) throw new RenderFailure('block assignments ({% set x %}…{% endset %}) are not supported', piece.start);
      const value = parser.expression();
      parser.end();
      if (targets.length > 1) throw new RenderFailure('assigning several names at once is not supported', piece.start);
      return { t: 'set', targets, attr, value };
    }
    const what = UNSUPPORTED.get(word);
    throw new RenderFailure(what ? `{% ${word} %}: ${what} not supported` : `unexpected tag {% ${word} %}`, at);
  }
}

/** Compiles a template once; rendering it for each host reuses the tree. Throws RenderFailure. */
export function compileTemplate(text: string): Compiled {
  return { nodes: new TreeBuilder(text, pieces(text)).body([]).nodes };
}
