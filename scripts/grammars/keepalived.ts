/**
 * The keepalived TextMate grammar (source.keepalived), built from the keyword tree in
 * server/src/knowledge/keepalived/keywords.ts. keepalived reads a keyword at the start of a line or right after a
 * brace (`virtual_ipaddress { 192.0.2.10 }`, `} vrrp_instance B {`), and before that a line may carry an
 * `@id`/`@^id` config-id condition. `#` and `!` start comments anywhere outside double quotes.
 */
import { BLOCKS, type KeywordSpec } from '../../server/src/knowledge/keepalived/keywords.js';
import { IPV4, IPV6, SCHEMA, alternation, include, jinjaRepository, type Grammar, type Pattern } from './common.js';

const WORD = '[\\w.-]';
const before = `(?<!${WORD})`;
const after = `(?!${WORD})`;
/** Where keepalived looks for a keyword: line start, after an `@id ` condition (`\G`), or after a brace. */
const KEYWORD_START = '(?:^|\\G|(?<=[{}]))\\s*';
const KEYWORD_END = '(?=[\\s{}#!]|$)';
/** A block name, unless a Jinja construct starts there. */
const NAME = '((?!\\{[{%#])[^\\s{}#!"]+)';

interface Vocabulary {
  /** Keywords opening a block named on the same line (vrrp_instance NAME {). */
  namedBlocks: Set<string>;
  /** Other keywords opening a block (authentication {, virtual_server IP PORT {). */
  blocks: Set<string>;
  keywords: Set<string>;
  /** Option words of list entries (`dev`, `label`, `weight`...), found anywhere on a line. */
  options: Set<string>;
  /** Values of enumerated arguments (MASTER, PASS, NAT...). */
  values: Set<string>;
}

function vocabulary(): Vocabulary {
  const v: Vocabulary = { namedBlocks: new Set(), blocks: new Set(), keywords: new Set(), options: new Set(), values: new Set() };
  const add = (k: KeywordSpec, inList: boolean): void => {
    if (k.opens) (BLOCKS[k.opens]?.headerArg === 'name' ? v.namedBlocks : v.blocks).add(k.name);
    else if (inList) v.options.add(k.name);
    else v.keywords.add(k.name);
    for (const value of k.arg.values ?? []) v.values.add(value);
  };
  for (const block of Object.values(BLOCKS)) for (const k of block.keywords) add(k, block.content === 'list');
  // A keyword that opens a block somewhere is highlighted as a block keyword everywhere.
  for (const b of [...v.namedBlocks, ...v.blocks]) v.keywords.delete(b);
  v.blocks = new Set([...v.blocks].filter((b) => !v.namedBlocks.has(b)));
  // include handling is the lexer's, and gets its own scope.
  for (const inc of ['include', 'includer', 'includem', 'includew', 'includeb', 'includea']) v.keywords.delete(inc);
  return v;
}

export function keepalivedGrammar(): Grammar {
  const v = vocabulary();
  const line: Pattern[] = [
    include('jinja'),
    include('comment'),
    include('strings'),
    include('definition'),
    include('include'),
    include('sequence'),
    include('block-keyword'),
    include('keyword'),
    include('braces'),
    include('variable'),
    include('address'),
    include('number'),
    include('value'),
    include('option'),
  ];
  const repository: Record<string, Pattern> = {
    ...jinjaRepository(),
    comment: {
      patterns: [
        { name: 'comment.line.number-sign.keepalived', match: '(?<!\\\\)(#).*$', captures: { '1': { name: 'punctuation.definition.comment.keepalived' } } },
        { name: 'comment.line.exclamation.keepalived', match: '(?<!\\\\)(!).*$', captures: { '1': { name: 'punctuation.definition.comment.keepalived' } } },
      ],
    },
    'config-id': {
      name: 'meta.conditional.config-id.keepalived',
      begin: '^\\s*(@\\^?)([^\\s{}#!]+)\\s*',
      end: '$',
      beginCaptures: { '1': { name: 'keyword.control.conditional.keepalived' }, '2': { name: 'entity.name.tag.config-id.keepalived' } },
      patterns: line,
    },
    definition: {
      name: 'meta.definition.keepalived',
      match: '(?:^|\\G)\\s*(\\$)([A-Za-z_][A-Za-z0-9_]*)(=)(.*)$',
      captures: {
        '1': { name: 'punctuation.definition.variable.keepalived' },
        '2': { name: 'variable.other.definition.keepalived' },
        '3': { name: 'keyword.operator.assignment.keepalived' },
        '4': { patterns: [include('definition-value')] },
      },
    },
    'definition-value': { patterns: line.filter((p) => p.include !== '#definition') },
    variable: {
      patterns: [
        {
          name: 'variable.other.keepalived',
          match: '(\\$\\{)([A-Za-z_][A-Za-z0-9_]*)(\\})',
          captures: { '1': { name: 'punctuation.definition.variable.begin.keepalived' }, '3': { name: 'punctuation.definition.variable.end.keepalived' } },
        },
        // Without braces keepalived substitutes only before a space, tab, `,`, `)` or the line end.
        { name: 'variable.other.keepalived', match: '(\\$)[A-Za-z_][A-Za-z0-9_]*(?=[\\s,)]|$)', captures: { '1': { name: 'punctuation.definition.variable.keepalived' } } },
      ],
    },
    include: {
      match: `${KEYWORD_START}(include[rmwba]?)${KEYWORD_END}(?:\\s+((?:"[^"]*"|[^\\s#!])+))?`,
      captures: { '1': { name: 'keyword.control.import.keepalived' }, '2': { name: 'string.unquoted.path.keepalived' } },
    },
    sequence: {
      name: 'meta.sequence.keepalived',
      begin: '(~(?:SEQx?|LST))(\\()',
      end: '\\)',
      beginCaptures: { '1': { name: 'support.function.sequence.keepalived' }, '2': { name: 'punctuation.section.parens.begin.keepalived' } },
      endCaptures: { '0': { name: 'punctuation.section.parens.end.keepalived' } },
      patterns: [include('jinja'), include('variable'), include('number'), { name: 'punctuation.separator.keepalived', match: ',' }, { match: '\\{|\\}', name: 'punctuation.section.braces.keepalived' }],
    },
    'block-keyword': {
      patterns: [
        {
          match: `${KEYWORD_START}(${alternation(v.namedBlocks)})${KEYWORD_END}(?:\\s+${NAME})?`,
          captures: { '1': { name: 'keyword.control.block.keepalived' }, '2': { name: 'entity.name.section.keepalived' } },
        },
        { match: `${KEYWORD_START}(${alternation(v.blocks)})${KEYWORD_END}`, captures: { '1': { name: 'keyword.control.block.keepalived' } } },
      ],
    },
    keyword: { match: `${KEYWORD_START}(${alternation(v.keywords)})${KEYWORD_END}`, captures: { '1': { name: 'keyword.other.keepalived' } } },
    option: { name: 'keyword.other.option.keepalived', match: `${before}${alternation(v.options)}${after}` },
    value: { name: 'constant.language.keepalived', match: `${before}${alternation(v.values)}${after}` },
    braces: {
      patterns: [
        { name: 'punctuation.section.block.begin.keepalived', match: '\\{' },
        { name: 'punctuation.section.block.end.keepalived', match: '\\}' },
      ],
    },
    strings: {
      patterns: [
        {
          name: 'string.quoted.double.keepalived',
          begin: '"',
          end: '"|$',
          beginCaptures: { '0': { name: 'punctuation.definition.string.begin.keepalived' } },
          endCaptures: { '0': { name: 'punctuation.definition.string.end.keepalived' } },
          // Script keywords read shell-like escapes; parameters are substituted inside quotes too.
          patterns: [include('jinja'), { name: 'constant.character.escape.keepalived', match: '\\\\.' }, include('variable')],
        },
        {
          name: 'string.quoted.single.keepalived',
          begin: "'",
          end: "'|$",
          beginCaptures: { '0': { name: 'punctuation.definition.string.begin.keepalived' } },
          endCaptures: { '0': { name: 'punctuation.definition.string.end.keepalived' } },
          patterns: [include('jinja'), include('variable')],
        },
      ],
    },
    address: {
      patterns: [
        {
          // IPv4, with a prefix length or a last-octet range (`192.0.2.1-10` in virtual_server_group).
          name: 'meta.address.ipv4.keepalived',
          match: `(?<![\\w.:-])${IPV4}(?:(-)(\\d{1,3}))?(?![\\w.:])`,
          captures: addressCaptures('ipv4'),
        },
        { name: 'meta.address.ipv6.keepalived', match: `(?<![\\w.:-])${IPV6}(?![\\w.:-])`, captures: addressCaptures('ipv6') },
      ],
    },
    number: { name: 'constant.numeric.keepalived', match: '(?<![\\w.:-])-?\\d+(?:\\.\\d+)?(?![\\w.:-])' },
  };

  return {
    $schema: SCHEMA,
    name: 'keepalived',
    scopeName: 'source.keepalived',
    fileTypes: ['conf'],
    comment: 'Generated by scripts/gen-grammars.ts from server/src/knowledge/keepalived/keywords.ts; do not edit.',
    patterns: [include('jinja'), include('comment'), include('config-id'), ...line.filter((p) => !['#jinja', '#comment'].includes(p.include ?? ''))],
    repository,
  };
}

function addressCaptures(family: 'ipv4' | 'ipv6'): NonNullable<Pattern['captures']> {
  return {
    '1': { name: `constant.numeric.${family}.keepalived` },
    '2': { name: 'punctuation.separator.prefix.keepalived' },
    '3': { name: 'constant.numeric.prefix.keepalived' },
    '4': { name: 'punctuation.separator.range.keepalived' },
    '5': { name: 'constant.numeric.range.keepalived' },
  };
}
