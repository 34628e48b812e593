/**
 * Pieces shared by the TextMate grammar generators (scripts/gen-grammars.ts): the grammar types, regex helpers
 * and the Jinja patterns both grammars embed (configs are often Ansible templates: `{{ }}`, `{% %}`, `{# #}`
 * may appear anywhere, even inside strings and braces).
 */

export interface Captures {
  [group: string]: { name?: string; patterns?: Pattern[] };
}

export interface Pattern {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Captures;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  patterns?: Pattern[];
  include?: string;
  comment?: string;
}

export interface Grammar {
  $schema: string;
  name: string;
  scopeName: string;
  fileTypes: string[];
  comment: string;
  patterns: Pattern[];
  repository: Record<string, Pattern>;
}

export const SCHEMA = 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json';

/** Escapes a literal for use in an Oniguruma regex. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * A non-capturing alternation of literals, longest first: Oniguruma takes the first alternative that
 * matches, so `option` must not win over `option-foo` when both are listed.
 */
export function alternation(words: Iterable<string>): string {
  const unique = [...new Set(words)].filter((w) => w !== '');
  unique.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return `(?:${unique.map(escapeRegex).join('|')})`;
}

export const include = (name: string): Pattern => ({ include: `#${name}` });

/** Jinja patterns (`#jinja` plus its helpers), scoped with `.jinja` like the languages that embed it. */
export function jinjaRepository(): Record<string, Pattern> {
  const inner: Pattern[] = [
    { name: 'string.quoted.double.jinja', begin: '"', end: '"', patterns: [{ name: 'constant.character.escape.jinja', match: '\\\\.' }] },
    { name: 'string.quoted.single.jinja', begin: "'", end: "'", patterns: [{ name: 'constant.character.escape.jinja', match: '\\\\.' }] },
    { name: 'constant.numeric.jinja', match: '(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w.])' },
    { name: 'constant.language.jinja', match: '\\b(?:true|false|none|True|False|None)\\b' },
    {
      name: 'keyword.control.jinja',
      match:
        '\\b(?:if|elif|else|endif|for|endfor|in|is|not|and|or|set|endset|macro|endmacro|call|endcall|filter|endfilter|block|endblock|extends|include|import|from|as|with|endwith|without|context|raw|endraw|recursive|ignore|missing|do|break|continue|trans|endtrans|pluralize|autoescape|endautoescape)\\b',
    },
    { match: '(\\|)\\s*([A-Za-z_]\\w*)', captures: { '1': { name: 'keyword.operator.filter.jinja' }, '2': { name: 'support.function.filter.jinja' } } },
    { name: 'keyword.operator.jinja', match: '==|!=|<=|>=|<|>|\\+|-|\\*\\*?|//?|%|~|=' },
    { name: 'punctuation.separator.jinja', match: '[,:.]' },
    { name: 'variable.other.jinja', match: '[A-Za-z_]\\w*' },
  ];
  return {
    jinja: { patterns: [include('jinja-comment'), include('jinja-statement'), include('jinja-expression')] },
    'jinja-comment': {
      name: 'comment.block.jinja',
      begin: '\\{#',
      end: '#\\}',
      beginCaptures: { '0': { name: 'punctuation.definition.comment.begin.jinja' } },
      endCaptures: { '0': { name: 'punctuation.definition.comment.end.jinja' } },
    },
    'jinja-statement': {
      name: 'meta.embedded.block.jinja',
      begin: '\\{%[-+]?',
      end: '[-+]?%\\}',
      beginCaptures: { '0': { name: 'punctuation.section.embedded.begin.jinja' } },
      endCaptures: { '0': { name: 'punctuation.section.embedded.end.jinja' } },
      patterns: [include('jinja-inner')],
    },
    'jinja-expression': {
      name: 'meta.embedded.expression.jinja',
      begin: '\\{\\{[-+]?',
      end: '[-+]?\\}\\}',
      beginCaptures: { '0': { name: 'punctuation.section.embedded.begin.jinja' } },
      endCaptures: { '0': { name: 'punctuation.section.embedded.end.jinja' } },
      patterns: [include('jinja-inner')],
    },
    'jinja-inner': {
      patterns: [
        // Brackets and parentheses nest, so a `}` inside a dict literal does not end the expression.
        { begin: '\\(', end: '\\)', patterns: [include('jinja-inner')] },
        { begin: '\\[', end: '\\]', patterns: [include('jinja-inner')] },
        ...inner,
      ],
    },
  };
}

/** IPv4 address with optional prefix length, as capture groups (address, `/`, prefix). */
export const IPV4 = '(\\d{1,3}(?:\\.\\d{1,3}){3})(?:(/)(\\d{1,2}))?';

/** IPv6 address (at least two colons, so `a:b` words and `host:port` are not taken) with optional prefix. */
export const IPV6 = '((?:[0-9A-Fa-f]{1,4}|(?=:))(?::[0-9A-Fa-f]{0,4}){2,7}(?:\\d{1,3}(?:\\.\\d{1,3}){3})?)(?:(/)(\\d{1,3}))?';
