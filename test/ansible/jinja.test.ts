// The Jinja subset: each construct, Ansible's whitespace rules, opaque values, and failures with their reasons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderTemplate, type Environment } from '../../server/src/workspace/ansible/jinja/render.js';
import { fromData, Unknown } from '../../server/src/workspace/ansible/jinja/values.js';

const VARS: Record<string, unknown> = {
  prio: '100',
  n: 7,
  vip: '192.0.2.10/24',
  peers: ['192.0.2.11', '192.0.2.12'],
  inst: { name: 'VI_1', vrid: 51, auth: { pass: 'secret' } },
  flag: false,
  empty: [],
  servers: [
    { name: 'a', ip: '10.0.0.1', port: 80 },
    { name: 'b', ip: '10.0.0.2', port: 8080 },
  ],
};

const env: Environment = {
  lookup: (name) => (Object.hasOwn(VARS, name) ? fromData(VARS[name]) : name.startsWith('ansible_') ? new Unknown(`'${name}' is a fact gathered on the host`) : undefined),
};

function render(template: string): string {
  const r = renderTemplate(template, env);
  if (!r.ok) assert.fail(`render failed: ${r.reason} at ${r.offset}`);
  return r.text;
}

function failure(template: string): { reason: string; at: string } {
  const r = renderTemplate(template, env);
  if (r.ok) assert.fail(`rendered unexpectedly: ${JSON.stringify(r.text)}`);
  return { reason: r.reason, at: template.slice(r.offset, r.offset + 12) };
}

test('expressions: variables, attributes, items, literals, arithmetic, comparisons, concatenation', () => {
  assert.equal(render('priority {{ prio }}'), 'priority 100');
  assert.equal(render("{{ inst.name }} {{ inst['vrid'] }} {{ inst.auth.pass }} {{ peers[1] }} {{ peers[-1] }} {{ peers.0 }}"), 'VI_1 51 secret 192.0.2.12 192.0.2.12 192.0.2.11');
  assert.equal(render("{{ 'a' ~ n ~ \"b\" }} {{ n + 3 }} {{ n * 2 - 1 }} {{ n // 2 }} {{ n % 4 }} {{ 2 ** 3 }} {{ -n }}"), 'a7b 10 13 3 3 8 -7');
  assert.equal(render('{{ n > 5 and n <= 7 }} {{ not flag }} {{ flag or "x" }} {{ 1 == 1.0 }} {{ "a" in "cat" }} {{ 3 not in [1, 2] }}'), 'True True x True True True');
  assert.equal(render("{{ [1, 'a', none] }} {{ {'k': 1} }} {{ (1, 2) }} {{ true }} {{ none }}|"), "[1, 'a', None] {'k': 1} [1, 2] True |");
  assert.equal(render("{{ 'MASTER' if prio | int > 99 else 'BACKUP' }} {{ 'x' if flag }}|"), 'MASTER |');
  assert.equal(render('{{ peers[0:1] }} {{ "abc"[1:] }}'), "['192.0.2.11'] bc");
});

test('filters: default, int, string, case, join, first/last, length, replace, trim, quote, ipaddr, map, select', () => {
  assert.equal(render("{{ missing | default('x') }} {{ missing | d(5) }} {{ '' | default('e', true) }} {{ prio | default(1) }}"), 'x 5 e 100');
  assert.equal(render("{{ prio | int + 10 }} {{ 'abc' | int }} {{ 'abc' | int(3) }} {{ '0x1f' | int(0, 16) }} {{ n | string ~ '!' }}"), '110 0 3 31 7!');
  assert.equal(render("{{ 'Ab' | upper }} {{ 'Ab' | lower }} {{ 'hello world' | capitalize }} {{ '  x ' | trim }}|"), 'AB ab Hello world x|');
  assert.equal(render("{{ peers | join(',') }} {{ peers | first }} {{ peers | last }} {{ peers | length }} {{ inst | length }} {{ 'a-b' | replace('-', '_') }}"), '192.0.2.11,192.0.2.12 192.0.2.11 192.0.2.12 2 3 a_b');
  assert.equal(render("{{ 'a b' | quote }} {{ vip | ipaddr('address') }} {{ vip | ipaddr('prefix') }} {{ 'nope' | ipaddr }} {{ vip | ansible.utils.ipaddr }}"), "'a b' 192.0.2.10 24 False 192.0.2.10/24");
  assert.equal(render("{{ servers | map(attribute='ip') | join(' ') }} {{ servers | selectattr('port', 'gt', 100) | map(attribute='name') | list }}"), "10.0.0.1 10.0.0.2 ['b']");
  assert.equal(render("{{ [3, 1, 2] | sort }} {{ [1, 1, 2] | unique }} {{ [1, 5] | max }} {{ peers | difference(['192.0.2.11']) }} {{ ['a', 'b'] | map('upper') | list }}"), "[1, 2, 3] [1, 2] 5 ['192.0.2.12'] ['A', 'B']");
  assert.equal(render("{{ 'a1b22' | regex_replace('[0-9]+', '#') }} {{ 'x=1' | regex_replace('(\\\\w)=(\\\\d)', '\\\\2=\\\\1') }} {{ flag | ternary('on', 'off') }}"), 'a#b# 1=x off');
  assert.equal(render("{{ inst | dict2items | map(attribute='key') | join(',') }} {{ 'a,b' | split(',') }}"), "name,vrid,auth ['a', 'b']");
});

test('tests: defined, none, number, string, comparisons, in, divisibleby', () => {
  assert.equal(render('{{ prio is defined }} {{ missing is defined }} {{ missing is undefined }} {{ none is none }} {{ n is number }} {{ prio is string }}'), 'True False True True True True');
  assert.equal(render('{{ n is odd }} {{ n is divisibleby 7 }} {{ n is gt(3) }} {{ 2 is in([1, 2]) }} {{ inst is mapping }} {{ prio is not number }}'), 'True True True True True True');
});

test('if / elif / else, for with loop variables, tuple unpacking, loop filters and else, set, namespace', () => {
  assert.equal(render('{% if n > 10 %}big{% elif n > 5 %}mid{% else %}small{% endif %}'), 'mid');
  assert.equal(render('{% for p in peers %}{{ loop.index }}/{{ loop.length }}:{{ p }}{% if not loop.last %},{% endif %}{% endfor %}'), '1/2:192.0.2.11,2/2:192.0.2.12');
  assert.equal(render('{% for p in peers %}{{ loop.index0 }}{{ loop.first }}{{ loop.revindex }}{% endfor %}'), '0True21False1');
  assert.equal(render('{% for k, v in inst.items() %}{{ k }}={{ v }};{% endfor %}'), "name=VI_1;vrid=51;auth={'pass': 'secret'};");
  assert.equal(render('{% for s in servers if s.port > 100 %}{{ s.name }}{% endfor %}|{% for x in empty %}x{% else %}none{% endfor %}'), 'b|none');
  assert.equal(render('{% set x = n * 2 %}{{ x }}{% for i in [1] %}{% set x = 0 %}{% endfor %} {{ x }}'), '14 14');
  assert.equal(render('{% set ns = namespace(found=false) %}{% for p in peers %}{% if p.endswith(".12") %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }}'), 'True');
  assert.equal(render('{% for i in range(3) %}{{ i }}{% endfor %} {{ "a b  c".split() }} {{ ",".join(peers) }}'), "012 ['a', 'b', 'c'] 192.0.2.11,192.0.2.12");
});

test("whitespace: Ansible's trim_blocks, -/+ markers, comments, the #jinja2 header, raw blocks", () => {
  // trim_blocks: the newline after a tag goes; the indentation before it stays (lstrip_blocks is off).
  assert.equal(render('a\n  {% if true %}\n  b\n  {% endif %}\nc\n'), 'a\n    b\n  c\n');
  assert.equal(render('a\n  {%- if true %}\nb\n{%- endif %}\nc'), 'abc');
  assert.equal(render('a {{- " b " -}} c'), 'a b c');
  assert.equal(render('x{# a comment #}\ny {#- gone -#}  z'), 'xyz');
  assert.equal(render('{% if true +%}\nkept{% endif %}'), '\nkept');
  assert.equal(render('#jinja2: trim_blocks: False, lstrip_blocks: True\n  {% if true %}\nb\n  {% endif %}\n'), '\nb\n\n');
  assert.equal(render('{% raw %}{{ not rendered }}{% endraw %}\n!'), '{{ not rendered }}!');
  assert.equal(render('keeps the last newline\n'), 'keeps the last newline\n');
});

test('unknown values print their own expression, so the config stays opaque there', () => {
  assert.equal(render('unicast_src_ip {{ ansible_default_ipv4.address }}'), 'unicast_src_ip {{ ansible_default_ipv4.address }}');
  assert.equal(render('{{ missing }} {{ missing_too | upper }} {{ "a" ~ ansible_fqdn }}'), '{{ missing }} {{ missing_too | upper }} {{ "a" ~ ansible_fqdn }}');
  assert.equal(render("{{ lookup('file', '/etc/passwd') }}"), "{{ lookup('file', '/etc/passwd') }}");
  assert.equal(render('{{ ansible_managed | comment }}'), '{{ ansible_managed | comment }}');
  assert.equal(render("{{ 'up' if ansible_x else 'down' }}"), "{{ 'up' if ansible_x else 'down' }}");
  assert.equal(render('{{ [prio, ansible_x] | join(",") }}'), '{{ [prio, ansible_x] | join(",") }}');
  assert.equal(render('{{ ansible_x\n  | default(1) }}'), '{{ ansible_x | default(1) }}');
});

test('what the subset cannot do stops the rendering with the reason and the place', () => {
  assert.deepEqual(failure('a {% if ansible_eth1 is defined %}x{% endif %}'), { reason: "cannot tell whether 'ansible_eth1 is defined' holds: 'ansible_eth1' is a fact gathered on the host", at: 'ansible_eth1' });
  assert.deepEqual(failure('{% if missing %}x{% endif %}'), { reason: "cannot tell whether 'missing' holds: 'missing' is undefined", at: 'missing %}x{' });
  assert.deepEqual(failure('{% for x in ansible_interfaces %}{% endfor %}'), { reason: "cannot loop over 'ansible_interfaces': 'ansible_interfaces' is a fact gathered on the host", at: 'ansible_inte' });
  assert.deepEqual(failure('{{ prio | password_hash }}'), { reason: "the filter 'password_hash' is not supported", at: 'prio | passw' });
  assert.deepEqual(failure('x\n{% macro m() %}{% endmacro %}'), { reason: '{% macro %}: macros are not supported', at: 'macro m() %}' });
  assert.deepEqual(failure("{% include 'other.j2' %}"), { reason: '{% include %}: includes of other templates are not supported', at: "include 'oth" });
  assert.match(failure('{% if true %}never closed').reason, /never closed: expected \{% endif %\}/);
  assert.match(failure('{{ 1 +* 2 }}').reason, /unexpected '\*'/);
  assert.match(failure('{{ unclosed').reason, /never closed/);
  assert.match(failure('{{ prio.__class__() }}').reason, /the method '__class__' of str is not supported/);
  assert.match(failure('{% for i in range(10) %}{% for j in range(100000) %}{% endfor %}{% endfor %}').reason, /steps/);
  assert.match(failure('{{ 1 / 0 }}').reason, /division by zero/);
  assert.match(failure("{{ '%s' % 1 }}").reason, /string formatting/);
});

test('rendering never throws, whatever the template', () => {
  const pieces = ['{{', '}}', '{%', '%}', '{#', '#}', 'if', 'for', 'x', 'in', 'peers', 'endif', 'endfor', '|', 'upper', '(', ')', "'", '"', '-', '+', '\n', ' ', 'else', 'set', '=', '[', ']', '.', 'loop', 'raw', 'endraw'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const r = renderTemplate(parts.join(''), env);
      return r.ok ? typeof r.text === 'string' : typeof r.reason === 'string' && r.offset >= 0;
    }),
    { numRuns: 3000 },
  );
});
