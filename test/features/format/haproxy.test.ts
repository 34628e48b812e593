/** HAProxy formatting: each case is an input and the exact expected output. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceFile } from '../../../server/src/syntax/text.js';
import { parseHaproxy } from '../../../server/src/syntax/haproxy/parser.js';
import { formatHaproxy } from '../../../server/src/features/format/haproxy.js';
import { linesOf, type FormatOptions } from '../../../server/src/features/format/lines.js';
import { applyEdits } from '../../support/apply-edits.js';

const SPACES: FormatOptions = { tabSize: 4, insertSpaces: true };

function format(lines: string[], options: Partial<FormatOptions> = {}, eol = '\n'): string {
  const text = lines.join(eol);
  return applyEdits(text, formatHaproxy(parseHaproxy(sourceFile('/t', text)), { ...SPACES, ...options }));
}

test('section headers go to column 0 and their lines one level in; blank lines lose their blanks', () => {
  const out = format(['  global', 'daemon', '      maxconn 100   ', '   ', ' frontend web', '\tbind :80', '  default_backend app', 'backend app', '   server a 192.0.2.1:80', '']);
  assert.equal(out, ['global', '    daemon', '    maxconn 100', '', 'frontend web', '    bind :80', '    default_backend app', 'backend app', '    server a 192.0.2.1:80', ''].join('\n'));
});

test('tabs when the editor indents with tabs; the level is one tab whatever the tab size', () => {
  assert.equal(format(['defaults', '    mode http', ''], { insertSpaces: false, tabSize: 8 }), 'defaults\n\tmode http\n');
  assert.equal(format(['defaults', '\tmode http', ''], { tabSize: 2 }), 'defaults\n  mode http\n');
});

test('the spacing between words is kept (aligned columns) unless normalizeSpacing; quoted text never changes', () => {
  const input = ['defaults', '    log         global', '    timeout client  30s   # aligned comment', '    http-request set-header X-A "a  b"\t  if  TRUE', ''];
  assert.equal(format(input), input.join('\n'));
  assert.equal(
    format(input, { normalizeSpacing: true }),
    ['defaults', '    log global', '    timeout client 30s   # aligned comment', '    http-request set-header X-A "a  b" if TRUE', ''].join('\n'),
  );
});

test('a blank escaped at the end of a word is part of the word, not trailing whitespace', () => {
  const input = 'global\n    setenv A x\\ \n';
  assert.equal(format(input.split('\n')), input);
});

test('comments: column 0 stays (banners, commented-out lines), indented ones follow the lines around them', () => {
  const input = ['#-----', '# banner', '#-----', 'frontend web', '      # about the bind', '    bind :80', '#    bind :443', '  # trailing note', '', '  # between sections', 'backend app', ''];
  const expected = ['#-----', '# banner', '#-----', 'frontend web', '    # about the bind', '    bind :80', '#    bind :443', '    # trailing note', '', '    # between sections', 'backend app', ''];
  assert.equal(format(input), expected.join('\n'));
  const all = format(input, { indentAllComments: true }).split('\n');
  assert.deepEqual([all[0], all[6]], ['#-----', '    #    bind :443']);
});

test('.if blocks: flat by default (column 0, as in HAProxy’s examples), nested on request', () => {
  const input = ['global', '  .if feature(THREAD)', '  thread-groups 1', '  .endif', '.if version_atleast(3.1)', 'traces', 'trace all sink stderr', '.elif defined(X)', 'ring r', '.endif', 'frontend f', '.if defined(QUIC)', 'bind quic4@:443', '.else', 'bind :443', '.endif', '.notice "done"', ''];
  assert.equal(
    format(input),
    ['global', '.if feature(THREAD)', '    thread-groups 1', '.endif', '.if version_atleast(3.1)', 'traces', '    trace all sink stderr', '.elif defined(X)', 'ring r', '.endif', 'frontend f', '.if defined(QUIC)', '    bind quic4@:443', '.else', '    bind :443', '.endif', '.notice "done"', ''].join('\n'),
  );
  assert.equal(
    format(input, { conditionals: 'nested' }),
    [
      'global',
      '    .if feature(THREAD)',
      '        thread-groups 1',
      '    .endif',
      '.if version_atleast(3.1)',
      '    traces',
      '        trace all sink stderr',
      '.elif defined(X)',
      '    ring r',
      '.endif',
      'frontend f',
      '    .if defined(QUIC)',
      '        bind quic4@:443',
      '    .else',
      '        bind :443',
      '    .endif',
      '    .notice "done"',
      '',
    ].join('\n'),
  );
});

test('lines that start with a Jinja tag are left as written; lines with {{ }} words are indented', () => {
  const input = ['backend app', '  {% for h in hosts %}', '  server {{ h.name }} {{ h.ip }}:80   ', '{% endfor %}   ', '{# note #}', ''];
  assert.equal(format(input), ['backend app', '  {% for h in hosts %}', '    server {{ h.name }} {{ h.ip }}:80', '{% endfor %}   ', '{# note #}', ''].join('\n'));
});

test('CRLF line endings stay CRLF', () => {
  assert.equal(format(['global', '  daemon  ', ''], {}, '\r\n'), 'global\r\n    daemon\r\n');
});

test('final newline: added (with the file’s line ending) or trimmed only when the editor asks', () => {
  assert.equal(format(['global', '  daemon']), 'global\n    daemon');
  assert.equal(format(['global', '  daemon  '], { insertFinalNewline: true }), 'global\n    daemon\n');
  assert.equal(format(['global', 'daemon'], { insertFinalNewline: true }, '\r\n'), 'global\r\n    daemon\r\n');
  assert.equal(format(['global', 'daemon', '', '  ', '', ''], { trimFinalNewlines: true }), 'global\n    daemon\n');
  assert.equal(format(['global', 'daemon', '', '']), 'global\n    daemon\n\n');
});

test('range formatting touches only the selected lines and never the end of the file', () => {
  const text = ['global', '  daemon', '  maxconn 1', '  nbthread 2', '', ''].join('\n');
  const file = sourceFile('/t', text);
  const syntax = parseHaproxy(file);
  const start = text.indexOf('  maxconn');
  // A selection of whole lines ends at column 0 of the next line, which is not part of it.
  const range = linesOf(file, { start, end: text.indexOf('  nbthread') });
  assert.equal(applyEdits(text, formatHaproxy(syntax, { ...SPACES, trimFinalNewlines: true }, range)), ['global', '  daemon', '    maxconn 1', '  nbthread 2', '', ''].join('\n'));
});

test('an already formatted file gets no edits at all', () => {
  const text = ['global', '    daemon', '', 'frontend web', '    bind :80', '    default_backend app', ''].join('\n');
  assert.deepEqual(formatHaproxy(parseHaproxy(sourceFile('/t', text)), SPACES), []);
});
