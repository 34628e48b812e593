/**
 * The HAProxy TextMate grammar (source.haproxy), built from the keyword inventory in
 * server/src/knowledge/haproxy/keywords.json. Lines are read the way HAProxy reads them: a section header or a
 * keyword first, then arguments, with `if`/`unless` conditions at the end. Sample fetches are recognised by
 * name where a sample is expected (ACL criteria, anonymous ACLs `{ }`, log-format `%[ ]`) and elsewhere when
 * their name cannot be an ordinary word (it has `.`/`_` or is followed by `(`).
 */
import { readFileSync } from 'node:fs';
import { IPV4, IPV6, SCHEMA, alternation, include, jinjaRepository, type Grammar, type Pattern } from './common.js';

/** The parts of knowledge/haproxy/keywords.json that list names (the fuzzer's vocabulary reads them too). */
export interface KeywordInventory {
  sectionHeaders: Record<string, unknown>;
  conditionalDirectives: string[];
  sections: Record<string, { keywords: Record<string, unknown> }>;
  proxy: Record<string, unknown>;
  options: Record<string, unknown>;
  timeouts: Record<string, unknown>;
  bindParams: Record<string, unknown>;
  serverParams: Record<string, unknown>;
  actions: Record<string, Record<string, unknown>>;
  predefinedAcls: string[];
  fetches: Record<string, unknown>;
  converters: Record<string, unknown>;
}

export function inventory(): KeywordInventory {
  const url = new URL('../../server/src/knowledge/haproxy/keywords.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as KeywordInventory;
}

/** Characters that continue a HAProxy word: a keyword or name ends where none of them follows. */
const WORD = '[\\w.+-]';
const before = `(?<!${WORD})`;
const after = `(?!${WORD})`;
const LINE_START = '^\\s*';
/** A name argument, unless a Jinja construct starts there (it is tokenized as Jinja instead). */
const NAME = '((?!\\{[{%#]|%\\[)[^\\s#"\']+)';

export function haproxyGrammar(): Grammar {
  const kw = inventory();
  const sections = Object.keys(kw.sectionHeaders);
  const keywords = new Set<string>(Object.keys(kw.proxy));
  for (const s of Object.values(kw.sections)) for (const k of Object.keys(s.keywords)) keywords.add(k);
  const fetches = Object.keys(kw.fetches);
  // Names such as `src`, `path` or `status` are common words; outside a sample context only names that
  // cannot be (with `.` or `_`) are taken for fetches without parentheses.
  const distinctive = fetches.filter((f) => /[._]/.test(f));
  const actions = new Set<string>();
  for (const list of Object.values(kw.actions)) for (const a of Object.keys(list)) actions.add(a.replace(/\*$/, ''));
  const params = new Set([...Object.keys(kw.bindParams), ...Object.keys(kw.serverParams)]);
  const action = `${alternation(actions)}|lua\\.[\\w.-]+`;
  const directives = kw.conditionalDirectives.filter((d) => !['.if', '.elif', '.else', '.endif'].includes(d));

  const args: Pattern = {
    patterns: [
      include('jinja'),
      include('comment'),
      include('condition'),
      include('strings'),
      include('environment'),
      include('log-format-sample'),
      include('address'),
      include('sample-distinctive'),
      include('converter'),
      include('number'),
    ],
  };

  const repository: Record<string, Pattern> = {
    ...jinjaRepository(),
    comment: {
      name: 'comment.line.number-sign.haproxy',
      match: '(?<!\\\\)(#).*$',
      captures: { '1': { name: 'punctuation.definition.comment.haproxy' } },
    },
    'preprocessor-conditional': {
      patterns: [
        {
          name: 'meta.preprocessor.conditional.haproxy',
          begin: `${LINE_START}(\\.(?:if|elif))${after}`,
          end: '$',
          beginCaptures: { '1': { name: 'keyword.control.conditional.preprocessor.haproxy' } },
          patterns: [
            include('jinja'),
            include('comment'),
            { name: 'support.function.predicate.haproxy', match: '\\b(?:defined|feature|streq|strneq|strstr|version_atleast|version_before|enabled)(?=\\()' },
            { name: 'keyword.operator.logical.haproxy', match: '&&|\\|\\||!' },
            include('strings'),
            include('environment'),
            include('number'),
          ],
        },
        { match: `${LINE_START}(\\.(?:else|endif))${after}`, captures: { '1': { name: 'keyword.control.conditional.preprocessor.haproxy' } } },
        {
          begin: `${LINE_START}(${alternation(directives)})${after}`,
          end: '$',
          beginCaptures: { '1': { name: 'keyword.other.directive.preprocessor.haproxy' } },
          patterns: [include('jinja'), include('comment'), include('strings'), include('environment')],
        },
      ],
    },
    section: {
      name: 'meta.section.header.haproxy',
      begin: `${LINE_START}(${alternation(sections)})(?=\\s|$)(?:\\s+${NAME})?`,
      end: '$',
      beginCaptures: { '1': { name: 'keyword.control.section.haproxy' }, '2': { name: 'entity.name.section.haproxy' } },
      patterns: [{ match: `${before}from${after}`, name: 'keyword.other.haproxy' }, include('args')],
    },
    'acl-line': {
      name: 'meta.acl.haproxy',
      begin: `${LINE_START}(acl)\\s+${NAME}`,
      end: '$',
      beginCaptures: { '1': { name: 'keyword.other.haproxy' }, '2': { name: 'entity.name.variable.acl.haproxy' } },
      patterns: [include('sample-context')],
    },
    'option-line': {
      begin: `${LINE_START}(?:(no|default)\\s+)?(option)\\s+(${alternation(Object.keys(kw.options))})${after}`,
      end: '$',
      beginCaptures: { '1': { name: 'storage.modifier.haproxy' }, '2': { name: 'keyword.other.haproxy' }, '3': { name: 'support.constant.option.haproxy' } },
      patterns: [include('args')],
    },
    'timeout-line': {
      begin: `${LINE_START}(timeout)\\s+(${alternation(Object.keys(kw.timeouts))})${after}`,
      end: '$',
      beginCaptures: { '1': { name: 'keyword.other.haproxy' }, '2': { name: 'support.constant.timeout.haproxy' } },
      patterns: [include('args')],
    },
    'server-line': {
      patterns: [
        {
          name: 'meta.server.haproxy',
          begin: `${LINE_START}(server|server-template|peer|nameserver|mailer)(?:\\s+${NAME})?(?=\\s|$)`,
          end: '$',
          beginCaptures: { '1': { name: 'keyword.other.haproxy' }, '2': { name: 'entity.name.server.haproxy' } },
          patterns: [include('params'), include('args')],
        },
        {
          name: 'meta.server.haproxy',
          begin: `${LINE_START}(bind|default-server|default-bind)${after}`,
          end: '$',
          beginCaptures: { '1': { name: 'keyword.other.haproxy' } },
          patterns: [include('params'), include('args')],
        },
      ],
    },
    'backend-reference': {
      begin: `${LINE_START}(use_backend|default_backend|use-server)\\s+${NAME}`,
      end: '$',
      beginCaptures: { '1': { name: 'keyword.other.haproxy' }, '2': { name: 'variable.other.backend.haproxy' } },
      patterns: [include('args')],
    },
    'rule-line': {
      patterns: [
        {
          begin: `${LINE_START}(tcp-request|tcp-response)\\s+(connection|session|content|inspect-delay)${after}(?:\\s+(${action})(?=[\\s(]|$))?`,
          end: '$',
          beginCaptures: { '1': { name: 'keyword.other.haproxy' }, '2': { name: 'keyword.other.haproxy' }, '3': { name: 'support.function.action.haproxy' } },
          patterns: [include('action-arguments'), include('args')],
        },
        {
          begin: `${LINE_START}(http-request|http-response|http-after-response)\\s+(${action})(?=[\\s(]|$)`,
          end: '$',
          beginCaptures: { '1': { name: 'keyword.other.haproxy' }, '2': { name: 'support.function.action.haproxy' } },
          patterns: [include('action-arguments'), include('args')],
        },
        {
          // Health-check rules have their own verbs (expect, send, connect...), not in the action inventory.
          begin: `${LINE_START}(http-check|tcp-check)\\s+([a-z][\\w-]*)(?=[\\s(]|$)`,
          end: '$',
          beginCaptures: { '1': { name: 'keyword.other.haproxy' }, '2': { name: 'support.function.action.haproxy' } },
          patterns: [include('action-arguments'), include('args')],
        },
      ],
    },
    // `set-var(txn.name)`: the parenthesised part right after an action.
    'action-arguments': {
      match: '\\G(\\()([^)]*)(\\))',
      captures: { '1': { name: 'punctuation.section.parens.begin.haproxy' }, '2': { name: 'variable.other.haproxy' }, '3': { name: 'punctuation.section.parens.end.haproxy' } },
    },
    directive: {
      begin: `${LINE_START}(?:(no|default)\\s+)?(${alternation(keywords)})(?=\\s|$)`,
      end: '$',
      beginCaptures: { '1': { name: 'storage.modifier.haproxy' }, '2': { name: 'keyword.other.haproxy' } },
      patterns: [include('args')],
    },
    args,
    params: { name: 'entity.other.attribute-name.haproxy', match: `${before}${alternation(params)}${after}` },
    condition: {
      name: 'meta.condition.haproxy',
      begin: `${before}(if|unless)${after}`,
      end: '$',
      beginCaptures: { '1': { name: 'keyword.control.conditional.haproxy' } },
      patterns: [
        include('jinja'),
        include('comment'),
        include('anonymous-acl'),
        { name: 'keyword.operator.logical.haproxy', match: `!|\\|\\||${before}or${after}` },
        { name: 'support.constant.acl.haproxy', match: `${before}${alternation(kw.predefinedAcls)}${after}` },
        { name: 'variable.other.acl.haproxy', match: '[A-Za-z0-9_.:-]+' },
      ],
    },
    'anonymous-acl': {
      name: 'meta.acl.anonymous.haproxy',
      begin: '\\{(?![{%#])',
      end: '\\}',
      beginCaptures: { '0': { name: 'punctuation.section.braces.begin.haproxy' } },
      endCaptures: { '0': { name: 'punctuation.section.braces.end.haproxy' } },
      patterns: [include('sample-context')],
    },
    // Where a sample is expected every fetch name counts, and `-i`, `-m str`... are matching flags.
    'sample-context': {
      patterns: [
        include('jinja'),
        include('comment'),
        include('strings'),
        include('environment'),
        include('address'),
        include('sample-any'),
        include('converter'),
        { name: 'constant.language.flag.haproxy', match: '(?<=\\s)-(?:[a-zA-Z]+|-)(?=\\s|$)' },
        include('number'),
      ],
    },
    'log-format-sample': {
      name: 'meta.sample.log-format.haproxy',
      begin: '%\\[',
      end: '\\]',
      beginCaptures: { '0': { name: 'punctuation.section.sample.begin.haproxy' } },
      endCaptures: { '0': { name: 'punctuation.section.sample.end.haproxy' } },
      patterns: [include('jinja'), include('sample-any'), include('converter'), include('strings'), include('number')],
    },
    'sample-any': fetchPattern(alternation(fetches), after),
    'sample-distinctive': {
      patterns: [fetchPattern(alternation(distinctive), after), fetchPattern(alternation(fetches), '(?=\\()')],
    },
    'sample-arguments': {
      patterns: [include('jinja'), include('strings'), include('environment'), include('number'), { name: 'punctuation.separator.arguments.haproxy', match: ',' }],
    },
    converter: {
      match: `(,)(${alternation(Object.keys(kw.converters))})${after}(?:(\\()([^()]*)(\\)))?`,
      captures: {
        '1': { name: 'punctuation.separator.converter.haproxy' },
        '2': { name: 'support.function.converter.haproxy' },
        '3': { name: 'punctuation.section.parens.begin.haproxy' },
        '4': { name: 'meta.arguments.haproxy', patterns: [include('sample-arguments')] },
        '5': { name: 'punctuation.section.parens.end.haproxy' },
      },
    },
    strings: {
      patterns: [
        {
          name: 'string.quoted.double.haproxy',
          begin: '"',
          end: '"|$',
          beginCaptures: { '0': { name: 'punctuation.definition.string.begin.haproxy' } },
          endCaptures: { '0': { name: 'punctuation.definition.string.end.haproxy' } },
          patterns: [include('jinja'), { name: 'constant.character.escape.haproxy', match: '\\\\.' }, include('environment')],
        },
        {
          name: 'string.quoted.single.haproxy',
          begin: "'",
          end: "'|$",
          beginCaptures: { '0': { name: 'punctuation.definition.string.begin.haproxy' } },
          endCaptures: { '0': { name: 'punctuation.definition.string.end.haproxy' } },
          patterns: [include('jinja')],
        },
      ],
    },
    // `"${NAME}"`, `"${NAME-default}"`, `"${NAME[*]}"`: expanded from the environment inside double quotes.
    environment: {
      name: 'variable.other.environment.haproxy',
      match: '(\\$\\{)([A-Za-z_][A-Za-z0-9_]*)(?:\\[\\*\\]|-[^}"]*)?(\\})',
      captures: { '1': { name: 'punctuation.definition.variable.begin.haproxy' }, '3': { name: 'punctuation.definition.variable.end.haproxy' } },
    },
    address: {
      patterns: [
        {
          name: 'meta.address.ipv4.haproxy',
          match: `(?<![\\w.:-])((?:[a-z0-9]+@)?)${IPV4}(?:(:)(\\d+(?:-\\d+)?))?(?![\\w.])`,
          captures: addressCaptures('ipv4'),
        },
        {
          name: 'meta.address.ipv6.haproxy',
          match: `(?<![\\w.:-])((?:[a-z0-9]+@)?)\\[${IPV6}\\](?:(:)(\\d+(?:-\\d+)?))?(?![\\w.])`,
          captures: addressCaptures('ipv6'),
        },
        {
          name: 'meta.address.ipv6.haproxy',
          match: `(?<![\\w.:-])((?:[a-z0-9]+@)?)${IPV6}(?![\\w.:-])`,
          captures: addressCaptures('ipv6'),
        },
        {
          // `*:80`, `:443`, `ipv4@:80`: every address, one port (or a range).
          name: 'meta.address.wildcard.haproxy',
          match: '(?<![\\w.:-])((?:[a-z0-9]+@)?)(\\*)?(:)(\\d+(?:-\\d+)?)(?![\\w.:])',
          captures: {
            '1': { name: 'storage.modifier.address-family.haproxy' },
            '2': { name: 'constant.language.wildcard.haproxy' },
            '3': { name: 'punctuation.separator.port.haproxy' },
            '4': { name: 'constant.numeric.port.haproxy' },
          },
        },
      ],
    },
    number: {
      name: 'constant.numeric.haproxy',
      match: '(?<![\\w.:-])-?\\d+(?:\\.\\d+)?(us|ms|s|m|h|d|k|K|M|g|G)?(?![\\w.:-])',
      captures: { '1': { name: 'keyword.other.unit.haproxy' } },
    },
  };

  return {
    $schema: SCHEMA,
    name: 'HAProxy',
    scopeName: 'source.haproxy',
    fileTypes: ['cfg'],
    comment: 'Generated by scripts/gen-grammars.ts from server/src/knowledge/haproxy/keywords.json; do not edit.',
    patterns: [
      include('jinja'),
      include('comment'),
      include('preprocessor-conditional'),
      include('section'),
      include('acl-line'),
      include('option-line'),
      include('timeout-line'),
      include('server-line'),
      include('backend-reference'),
      include('rule-line'),
      include('directive'),
      include('args'),
    ],
    repository,
  };
}

/** A fetch name with optional `(arguments)`. */
function fetchPattern(names: string, tail: string): Pattern {
  return {
    match: `(?<![\\w.+-])(${names})${tail}(?:(\\()([^()]*)(\\)))?`,
    captures: {
      '1': { name: 'support.function.fetch.haproxy' },
      '2': { name: 'punctuation.section.parens.begin.haproxy' },
      '3': { name: 'meta.arguments.haproxy', patterns: [include('sample-arguments')] },
      '4': { name: 'punctuation.section.parens.end.haproxy' },
    },
  };
}

function addressCaptures(family: 'ipv4' | 'ipv6'): NonNullable<Pattern['captures']> {
  return {
    '1': { name: 'storage.modifier.address-family.haproxy' },
    '2': { name: `constant.numeric.${family}.haproxy` },
    '3': { name: 'punctuation.separator.prefix.haproxy' },
    '4': { name: 'constant.numeric.prefix.haproxy' },
    '5': { name: 'punctuation.separator.port.haproxy' },
    '6': { name: 'constant.numeric.port.haproxy' },
  };
}
