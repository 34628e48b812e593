/**
 * Groups HAProxy lines into sections. HAProxy's format has no nesting beyond "a section header starts a
 * section", so after chevrotain's lexer the structure is a single linear pass; a grammar engine would only
 * add cost.
 */
import type { SourceFile, Span } from '../text.js';
import type { SyntaxIssue } from '../issue.js';
import { haproxyLexer, Line, WORD_QUOTED, WORD_TEMPLATED, WORD_UNTERMINATED, type LinePayload } from './lexer.js';
import { SECTION_KEYWORDS, type HaproxySyntax, type Section, type SectionKind, type Statement, type Word } from './ast.js';

const sectionKinds: ReadonlySet<string> = new Set(SECTION_KEYWORDS);

/** Resolves quotes and backslash escapes the way HAProxy's parse_line() does. */
export function unquoteHaproxy(text: string): string {
  let out = '';
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 39) {
      if (c === 39) quote = 0;
      else out += text[i];
      continue;
    }
    if (c === 92 && i + 1 < text.length) {
      const next = text[++i]!;
      if (next === 'n') out += '\n';
      else if (next === 'r') out += '\r';
      else if (next === 't') out += '\t';
      else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
        out += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else out += next;
      continue;
    }
    if (c === 34 && quote === 0) quote = 34;
    else if (c === 34 && quote === 34) quote = 0;
    else if (c === 39 && quote === 0) quote = 39;
    else out += text[i];
  }
  return out;
}

/**
 * Keywords and common arguments (`server`, `check`, `2s`) repeat on thousands of lines; keeping one copy of each
 * short word makes the slices short-lived garbage instead of retained strings.
 */
function interned(pool: Map<string, string>, raw: string): string {
  if (raw.length > 24) return raw;
  const known = pool.get(raw);
  if (known !== undefined) return known;
  pool.set(raw, raw);
  return raw;
}

function toWord(text: string, start: number, end: number, flags: number, pool: Map<string, string>): Word {
  const raw = interned(pool, text.slice(start, end));
  return { start, end, text: raw, value: flags & WORD_QUOTED ? unquoteHaproxy(raw) : raw, flags };
}

/** Lexing in slices of about this many characters keeps token objects short-lived (see forEachLine). */
const SLICE = 1 << 16;

type LexError = { offset: number; length: number; message: string };

/**
 * Lexes a large file slice by slice, each slice ending at a line end, and calls `visit` for every token with
 * offsets into the whole text. HAProxy tokens never span lines, so the result is the same as one pass, but
 * each slice's tokens die before the next is lexed: the garbage collector reclaims them young instead of
 * promoting a whole file's worth. Templates lex in one pass, since a Jinja tag may span lines.
 */
function forEachLine(text: string, errors: LexError[], visit: (payload: LinePayload | undefined, base: number) => void): void {
  const whole = text.length <= SLICE || text.includes('{{') || text.includes('{%') || text.includes('{#');
  for (let base = 0; base < text.length; ) {
    let end = whole ? text.length : text.indexOf('\n', base + SLICE);
    end = end === -1 ? text.length : end + 1;
    const lexed = haproxyLexer.tokenize(base === 0 && end === text.length ? text : text.slice(base, end));
    for (const e of lexed.errors) errors.push({ offset: e.offset + base, length: e.length, message: e.message });
    for (const token of lexed.tokens) visit(token.tokenType === Line ? (token.payload as LinePayload) : undefined, base);
    base = end;
  }
}

interface CondFrame {
  id: number;
  branch: number;
  sawElse: boolean;
  opener: Statement;
}

export function parseHaproxy(file: SourceFile): HaproxySyntax {
  const text = file.text;
  const lexErrors: LexError[] = [];
  const comments: Span[] = [];
  const pool = new Map<string, string>();
  const issues: SyntaxIssue[] = [];
  const orphans: Statement[] = [];
  const sections: Section[] = [];
  const directives: Statement[] = [];
  const conds: CondFrame[] = [];
  let condCounter = 0;
  let current: { kind: SectionKind; header: Statement; name?: Word; statements: Statement[] } | undefined;
  let templated = false;

  const closeSection = () => {
    if (!current) return;
    const last = current.statements[current.statements.length - 1] ?? current.header;
    sections.push({ ...current, start: current.header.start, end: last.end });
    current = undefined;
  };

  const branchPath = () => (conds.length === 0 ? undefined : conds.map((f) => `${f.id}.${f.branch}`).join('/'));

  const handleDirective = (st: Statement) => {
    directives.push(st);
    const name = st.words[0]!.value;
    const top = conds[conds.length - 1];
    if (name === '.if') {
      conds.push({ id: condCounter++, branch: 0, sawElse: false, opener: st });
    } else if (name === '.elif' || name === '.else') {
      if (!top) issues.push({ code: 'parse-error', start: st.start, end: st.end, message: `'${name}' without a matching '.if'` });
      else if (top.sawElse) issues.push({ code: 'parse-error', start: st.start, end: st.end, message: `'${name}' after '.else'` });
      else {
        top.branch++;
        top.sawElse = name === '.else';
      }
    } else if (name === '.endif') {
      if (!top) issues.push({ code: 'parse-error', start: st.start, end: st.end, message: `'.endif' without a matching '.if'` });
      else conds.pop();
    }
  };

  // Words of the current line gather here; each statement gets an exact-size copy (an array grown by push
  // keeps spare capacity, which on a large file is a good part of the syntax tree's memory).
  const words: Word[] = [];
  let line = 0;
  const flush = () => {
    if (words.length === 0) return;
    const first = words[0]!;
    const st: Statement = { line, words: words.slice(), start: first.start, end: words[words.length - 1]!.end, branch: branchPath() };
    words.length = 0;
    for (const w of st.words) {
      if (w.flags & WORD_UNTERMINATED) {
        issues.push({ code: 'parse-error', start: w.start, end: w.end, message: 'Unmatched quote: the quote is not closed before the end of the line' });
      }
      if (w.flags & WORD_TEMPLATED) templated = true;
    }
    if (first.value.startsWith('.') && /^\.(if|elif|else|endif|notice|warning|alert|diag)$/.test(first.value)) {
      handleDirective(st);
      return;
    }
    if (sectionKinds.has(first.value)) {
      closeSection();
      current = { kind: first.value as SectionKind, header: st, name: st.words[1], statements: [] };
      if (first.value === 'defaults' && st.words[1]?.value === 'from') current.name = undefined;
      return;
    }
    (current ? current.statements : orphans).push(st);
  };

  forEachLine(text, lexErrors, (payload, base) => {
    if (!payload) {
      flush();
      line++;
      return;
    }
    const w = payload.words;
    for (let i = 0; i < w.length; i += 3) words.push(toWord(text, w[i]! + base, w[i + 1]! + base, w[i + 2]!, pool));
    if (payload.comment.length > 0) comments.push({ start: payload.comment[0]! + base, end: payload.comment[1]! + base });
  });
  flush();
  closeSection();

  for (const frame of conds) {
    issues.push({ code: 'parse-error', start: frame.opener.start, end: frame.opener.end, message: "'.if' block is not closed by '.endif'" });
  }
  for (const err of lexErrors) {
    issues.push({ code: 'parse-error', start: err.offset, end: err.offset + Math.max(1, err.length), message: `Unreadable character(s): ${err.message}` });
  }
  // `{% … %}` anywhere (a standalone tag or inside a word) means control flow; `{# … #}` comments do not.
  const controlFlow = text.includes('{%');
  return { file, orphans, sections, directives, issues, comments, templated: templated || controlFlow, controlFlow };
}
