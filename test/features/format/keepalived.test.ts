/** keepalived formatting: each case is an input and the exact expected output. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceFile } from '../../../server/src/syntax/text.js';
import { formatKeepalived } from '../../../server/src/features/format/keepalived.js';
import type { FormatOptions } from '../../../server/src/features/format/lines.js';
import { applyEdits } from '../../support/apply-edits.js';

const SPACES: FormatOptions = { tabSize: 4, insertSpaces: true };

function format(lines: string[], options: Partial<FormatOptions> = {}, eol = '\n'): string {
  const text = lines.join(eol);
  return applyEdits(text, formatKeepalived(sourceFile('/t', text), { ...SPACES, ...options }));
}

test('indentation follows brace depth: nested blocks, `}}`, one-line blocks, `{` on its own line', () => {
  const input = [
    'global_defs {',
    'router_id lb1',
    '}',
    'vrrp_instance VI_1 {',
    '        state MASTER',
    '  authentication { auth_type PASS',
    'auth_pass secret }',
    'virtual_ipaddress {',
    '192.0.2.10/24',
    '}}',
    'vrrp_script chk',
    '{',
    'script "/bin/true"',
    '    }',
    '',
  ];
  const expected = [
    'global_defs {',
    '    router_id lb1',
    '}',
    'vrrp_instance VI_1 {',
    '    state MASTER',
    '    authentication { auth_type PASS',
    '        auth_pass secret }',
    '    virtual_ipaddress {',
    '        192.0.2.10/24',
    '}}',
    'vrrp_script chk',
    '{',
    '    script "/bin/true"',
    '}',
    '',
  ];
  assert.equal(format(input), expected.join('\n'));
});

test('a stray `}` does not push the rest of the file below column 0', () => {
  assert.equal(format(['}', '  global_defs {', 'router_id a', '}', '']), ['}', 'global_defs {', '    router_id a', '}', ''].join('\n'));
});

test('comments: column 0 stays, indented ones take the depth; `!` comments too', () => {
  const input = ['vrrp_instance A {', '#    nopreempt', '      ! why the priority', '  priority 100   # trailing', '        # before the brace', '}', ''];
  assert.equal(format(input), ['vrrp_instance A {', '#    nopreempt', '    ! why the priority', '    priority 100   # trailing', '    # before the brace', '}', ''].join('\n'));
  assert.equal(format(input, { indentAllComments: true }).split('\n')[1], '    #    nopreempt');
});

test('normalizeSpacing collapses gaps between words, not quoted text nor the gap before a comment', () => {
  const input = ['vrrp_script chk {', '    script   "/bin/check  --fast"     # aligned', '    weight\t-20', '}', ''];
  assert.equal(format(input), input.join('\n'));
  assert.equal(format(input, { normalizeSpacing: true }), ['vrrp_script chk {', '    script "/bin/check  --fast"     # aligned', '    weight -20', '}', ''].join('\n'));
});

test('Jinja: each {% if %} branch starts from the same depth; tag lines are left as written', () => {
  const input = [
    '{% if vrrp_unicast %}',
    'vrrp_instance A {',
    '{% else %}',
    'vrrp_instance B {',
    '{% endif %}',
    'state {{ state }}',
    '  {% for ip in vips %}',
    'virtual_ipaddress { {{ ip }} }',
    '  {% endfor %}',
    '}',
    '',
  ];
  const expected = [
    '{% if vrrp_unicast %}',
    'vrrp_instance A {',
    '{% else %}',
    'vrrp_instance B {',
    '{% endif %}',
    '    state {{ state }}',
    '  {% for ip in vips %}',
    '    virtual_ipaddress { {{ ip }} }',
    '  {% endfor %}',
    '}',
    '',
  ];
  assert.equal(format(input), expected.join('\n'));
});

test('a lone \\r keeps the blanks after it only where a \\n follows (they keep it from becoming \\r\\n); a second pass changes nothing', () => {
  const final = { insertFinalNewline: true, trimFinalNewlines: true, normalizeSpacing: true };
  const cases: Array<[string, string]> = [
    // A CRLF file gets `\r\n` as its final newline: the `\r` before it stays lone without the blank.
    ['\r\n1\r ', '\r\n1\r\r\n'],
    ['\r\n1\r \r\n', '\r\n1\r\r\n'],
    // An LF file gets `\n`: the blank stays, as before a written `\n`.
    ['a\r ', 'a\r \n'],
    ['a\r \n', 'a\r \n'],
  ];
  for (const [input, expected] of cases) {
    const once = format([input], final);
    assert.equal(once, expected, JSON.stringify(input));
    assert.equal(format([once], final), once, `${JSON.stringify(input)}: a second pass`);
  }
});

test('definitions (continued or not) and `@id` prefixes in the left margin keep their layout', () => {
  const input = ['$IFACE=eth0', '  $PEERS=192.0.2.1 \\', '        192.0.2.2', 'vrrp_instance A {', '@lb1\tpriority 110', '@lb2\tpriority 100', '      @lb3 priority 90', '  interface $IFACE', '}', ''];
  const expected = ['$IFACE=eth0', '  $PEERS=192.0.2.1 \\', '        192.0.2.2', 'vrrp_instance A {', '@lb1\tpriority 110', '@lb2\tpriority 100', '    @lb3 priority 90', '    interface $IFACE', '}', ''];
  assert.equal(format(input), expected.join('\n'));
});

test('CRLF and tabs stay; unterminated quotes keep their trailing blanks', () => {
  assert.equal(format(['a {', 'b 1  ', '}', ''], { insertSpaces: false }, '\r\n'), 'a {\r\n\tb 1\r\n}\r\n');
  assert.equal(format(['a {', '    notify "/x  ', '}', '']), 'a {\n    notify "/x  \n}\n');
});
