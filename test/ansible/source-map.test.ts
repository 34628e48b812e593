// From rendered text back to the template: copied text exactly, printed text to its whole `{{ … }}`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTemplate } from '../../server/src/workspace/ansible/jinja/render.js';
import type { SourceMap } from '../../server/src/workspace/ansible/jinja/source-map.js';
import { fromData } from '../../server/src/workspace/ansible/jinja/values.js';

const TEMPLATE = `vrrp_instance VI_1 {
  priority {{ prio }}
  unicast_peer {
{% for p in peers %}
    {{ p }}
{% endfor %}
  }
}
`;

function rendered(): { text: string; map: SourceMap } {
  const vars: Record<string, unknown> = { prio: 110, peers: ['192.0.2.11', '192.0.2.12'] };
  const r = renderTemplate(TEMPLATE, { lookup: (n) => (Object.hasOwn(vars, n) ? fromData(vars[n]) : undefined) });
  if (!r.ok) assert.fail(r.reason);
  return r;
}

/** The template text a rendered word maps to. */
function back(word: string, nth = 0): string {
  const { text, map } = rendered();
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  assert.ok(at >= 0, `'${word}' is in the rendered text`);
  const span = map.toTemplate({ start: at, end: at + word.length });
  return TEMPLATE.slice(span.start, span.end);
}

test('the rendered text', () => {
  assert.equal(rendered().text, 'vrrp_instance VI_1 {\n  priority 110\n  unicast_peer {\n    192.0.2.11\n    192.0.2.12\n  }\n}\n');
});

test('copied text maps character for character; printed text maps to its expression', () => {
  assert.equal(back('VI_1'), 'VI_1');
  assert.equal(back('priority'), 'priority');
  assert.equal(back('110'), '{{ prio }}');
  assert.equal(back('10'), '{{ prio }}', 'part of a printed value still points at the whole expression');
  assert.equal(back('192.0.2.11'), '{{ p }}');
  assert.equal(back('192.0.2.12'), '{{ p }}', 'every loop iteration maps to the same template text');
  assert.equal(back('priority 110'), 'priority {{ prio }}');
  const { text, map } = rendered();
  assert.equal(map.toTemplate({ start: text.lastIndexOf('}'), end: text.length }).start, TEMPLATE.lastIndexOf('}'));
  assert.equal(map.toTemplate({ start: text.indexOf('unicast_peer'), end: text.indexOf('unicast_peer') + 3 }).start, TEMPLATE.indexOf('unicast_peer'));
});

test('a span across loop iterations keeps its first run; printed() tells expressions from literal text', () => {
  const { text, map } = rendered();
  const first = text.indexOf('192.0.2.11');
  const second = text.indexOf('192.0.2.12');
  const across = map.toTemplate({ start: first, end: second + 3 });
  assert.equal(TEMPLATE.slice(across.start, across.end), '{{ p }}');
  assert.ok(map.printed({ start: first, end: first + 3 }));
  assert.ok(!map.printed({ start: 0, end: 13 }));
  assert.ok(map.printed({ start: text.indexOf('priority'), end: text.indexOf('110') + 1 }));
  // Empty spans and offsets at the very end stay inside the template.
  const end = map.toTemplate({ start: text.length, end: text.length });
  assert.ok(end.start <= TEMPLATE.length && end.end <= TEMPLATE.length);
});
