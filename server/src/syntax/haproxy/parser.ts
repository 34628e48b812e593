/**
 * Groups HAProxy tokens into lines and sections. HAProxy's format has no nesting beyond "a section header
 * starts a section", so after chevrotain's lexer the structure is a single linear pass; a grammar engine
 * would only add cost.
 */
import type { IToken } from 'chevrotain';
import type { SourceFile } from '../text.js';
import type { SyntaxIssue } from '../issue.js';
import { haproxyLexer, Newline, Word as WordToken, WORD_QUOTED, WORD_TEMPLATED, WORD_UNTERMINATED, wordFlags } from './lexer.js';
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

function toWord(token: IToken): Word {
  const flags = wordFlags(token);
  const text = token.image;
  return {
    start: token.startOffset,
    end: token.startOffset + text.length,
    text,
    value: flags & WORD_QUOTED ? unquoteHaproxy(text) : text,
    flags,
  };
}

interface CondFrame {
  id: number;
  branch: number;
  sawElse: boolean;
  opener: Statement;
}

export function parseHaproxy(file: SourceFile): HaproxySyntax {
  const lexed = haproxyLexer.tokenize(file.text);
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

  let words: Word[] = [];
  let line = 0;
  const flush = () => {
    if (words.length === 0) return;
    const first = words[0]!;
    const st: Statement = { line, words, start: first.start, end: words[words.length - 1]!.end, branch: branchPath() };
    words = [];
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

  for (const token of lexed.tokens) {
    if (token.tokenType === Newline) {
      flush();
      line++;
    } else if (token.tokenType === WordToken) {
      words.push(toWord(token));
    }
  }
  flush();
  closeSection();

  for (const frame of conds) {
    issues.push({ code: 'parse-error', start: frame.opener.start, end: frame.opener.end, message: "'.if' block is not closed by '.endif'" });
  }
  for (const err of lexed.errors) {
    issues.push({ code: 'parse-error', start: err.offset, end: err.offset + Math.max(1, err.length), message: `Unreadable character(s): ${err.message}` });
  }
  const comments = (lexed.groups['comments'] ?? []).map((t) => ({ start: t.startOffset, end: t.startOffset + t.image.length }));
  const controlFlow = (lexed.groups['trivia'] ?? []).some((t) => t.image.startsWith('{%')) || /\{%/.test(file.text);
  return { file, orphans, sections, directives, issues, comments, templated: templated || controlFlow, controlFlow };
}
