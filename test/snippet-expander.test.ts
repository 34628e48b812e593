/** The snippet expander the snippet tests rely on (test/support/snippet-expander.ts), against VS Code's rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choiceLists, expandSnippet, tabstops } from './support/snippet-expander.js';

const x = (body: string | string[], variables: Record<string, string> = {}) => expandSnippet(body, { variables });

test('tabstops, placeholders and nesting', () => {
  assert.equal(x('plain text'), 'plain text');
  assert.equal(x('a $1 b ${2} c'), 'a  b  c');
  assert.equal(x('bind ${1:192.0.2.10}:${2:6443}'), 'bind 192.0.2.10:6443');
  assert.equal(x('${1:outer ${2:inner ${3:deepest}} end}'), 'outer inner deepest end');
  assert.equal(x('$1a $a1'), 'a a1', '$1 then text; $a1 is an (unknown) variable');
  assert.equal(x(['line one', '\t${1:two}', '$0']), 'line one\n\ttwo\n');
});

test('mirrors take the value of the first placeholder of their index that has one', () => {
  assert.equal(x('backend ${1:be}\nuse_backend $1'), 'backend be\nuse_backend be');
  assert.equal(x('use_backend ${1}\nbackend ${1:be}'), 'use_backend be\nbackend be', 'a mirror before its definition');
  assert.equal(x('${1:first} ${1:second}'), 'first first', 'a later default is replaced, as in VS Code');
  assert.equal(x('${1:a ${2:b}} $2'), 'a b b', 'a nested placeholder is mirrored too');
});

test('choices: the first option by default, or the chosen one; mirrored like placeholders', () => {
  assert.equal(x('balance ${1|roundrobin,leastconn|}'), 'balance roundrobin');
  assert.equal(expandSnippet('${1|a,b,c|} $1', { choose: (i, opts) => (i === 1 ? opts[2]! : opts[0]!) }), 'c c');
  assert.equal(x('${1|a\\,b,c\\|d,e\\\\f|}'), 'a,b', '\\, \\| and \\\\ are escapes inside options');
  assert.equal(expandSnippet('${1|a\\,b,c\\|d,e\\\\f|}', { choose: (_i, o) => o.join(' ') }), 'a,b c|d e\\f');
  assert.deepEqual([...choiceLists('${2|x,y|} ${1|p,q,r|} ${1}')], [
    [2, ['x', 'y']],
    [1, ['p', 'q', 'r']],
  ]);
  assert.equal(x('${1|a,,b|}'), '${1|a,,b|}', 'an empty option makes it literal text');
  assert.equal(x('${0|a,b|}'), '${0|a,b|}', 'the final tabstop cannot be a choice');
});

test('the final tabstop', () => {
  assert.equal(x('a$0b'), 'ab');
  assert.equal(x('a${0:end}'), 'aend');
  assert.deepEqual(tabstops('${2:x} $1 ${1:y} $0 ${3:${4:z}}'), [2, 1, 0, 3, 4]);
});

test('escapes', () => {
  assert.equal(x('\\$1 costs \\$5'), '$1 costs $5');
  assert.equal(x('bind "\\${VIP}":443'), 'bind "${VIP}":443', 'a HAProxy environment variable written literally');
  assert.equal(x('${1:a\\}b}'), 'a}b');
  assert.equal(x('back\\\\slash'), 'back\\slash');
  assert.equal(x('keep \\n and \\d'), 'keep \\n and \\d', 'other backslashes stay');
  assert.equal(x('} alone'), '} alone', 'a closing brace outside a placeholder is text');
});

test('malformed constructs stay literal text', () => {
  assert.equal(x('${1:unterminated'), '${1:unterminated');
  assert.equal(x('${1:a ${2:b}'), '${1:a b', 'the complete inner placeholder still expands');
  assert.equal(x('cost: $ 5 ${} ${-1}'), 'cost: $ 5 ${} ${-1}');
  assert.equal(x('${1|a,b}'), '${1|a,b}');
});

test('variables: known ones resolve, unset ones fall back to their default, unknown ones insert their name', () => {
  const vars = { TM_FILENAME: 'haproxy.cfg', TM_FILENAME_BASE: 'haproxy', TM_CURRENT_LINE: '' };
  assert.equal(x('# $TM_FILENAME', vars), '# haproxy.cfg');
  assert.equal(x('# ${TM_FILENAME_BASE}', vars), '# haproxy');
  assert.equal(x('[${TM_SELECTED_TEXT:nothing selected}]', vars), '[nothing selected]', 'no selection: the default');
  assert.equal(x('[$TM_SELECTED_TEXT]', vars), '[]');
  assert.equal(x('[${TM_CURRENT_LINE:default}]', vars), '[]', 'an empty value is a value');
  assert.equal(x('$NOT_A_VARIABLE ${ALSO_NOT:fallback}', vars), 'NOT_A_VARIABLE fallback');
  assert.equal(x('${1:${TM_FILENAME_BASE}-fe}', vars), 'haproxy-fe', 'a variable inside a default');
});

test('transforms on variables and on placeholder mirrors', () => {
  const vars = { TM_FILENAME: 'lb1.haproxy.cfg', TM_DIRECTORY: '/etc/lb2' };
  assert.equal(x('${TM_FILENAME/^([^.]+).*$/${1:/upcase}/}', vars), 'LB1');
  assert.equal(x('${TM_DIRECTORY/.*\\/(\\w+)$/$1/}', vars), 'lb2', '\\/ is an escaped slash in the regex');
  assert.equal(x('${1:k8s api} ${1/ /-/g}'), 'k8s api k8s-api');
  assert.equal(x('${1|tcp,http|} ${1/^(?:(tcp)|(http))$/${1:+tcplog}${2:+httplog}/}'), 'tcp tcplog');
  assert.equal(expandSnippet('${1|tcp,http|} ${1/^(?:(tcp)|(http))$/${1:+tcplog}${2:+httplog}/}', { choose: (_i, o) => o[1]! }), 'http httplog');
  assert.equal(x('${1:x} ${1/(y)?/${1:?yes:no}/}'), 'x nox', 'if/else; the empty match at 0 is replaced');
  assert.equal(x('${1:abc} ${1/(z)/${1:-none}/}'), 'abc none', 'no match: the else branch runs once');
  assert.equal(x('${1:abc} ${1/(z)/$1/}'), 'abc abc', 'no match and no else: unchanged');
  assert.equal(x('${1:big-red dog} ${1/(.*)/${1:/camelcase}/} ${1/(.*)/${1:/pascalcase}/} ${1/(.*)/${1:/capitalize}/}'), 'big-red dog bigRedDog BigRedDog Big-red dog');
  assert.equal(x('${1:ABC} ${1/(.*)/${1:/downcase}/}'), 'ABC abc');
  assert.equal(x('${UNKNOWN/^$/empty/}'), 'empty', 'an unknown variable is transformed as the empty string');
  assert.equal(x('${1/(unclosed/x/}'), '${1/(unclosed/x/}', 'an invalid regex leaves the text literal');
});

test('as first inserted, placeholder transforms are not applied yet; variable transforms are', () => {
  const body = '${1:a b} ${1/ /-/} ${TM_FILENAME/cfg/CFG/}';
  assert.equal(expandSnippet(body, { variables: { TM_FILENAME: 'x.cfg' } }), 'a b a-b x.CFG');
  assert.equal(expandSnippet(body, { variables: { TM_FILENAME: 'x.cfg' }, applyPlaceholderTransforms: false }), 'a b a b x.CFG');
});
