// The subset renders like Jinja2 itself (with Ansible's trim_blocks and kept trailing newline), checked against
// Python's jinja2 when it is installed; skipped with the reason otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTemplate } from '../../server/src/workspace/ansible/jinja/render.js';
import { fromData } from '../../server/src/workspace/ansible/jinja/values.js';
import { CORPUS_DIR } from '../support/corpus.js';

/** A real role's template (loops over dicts, nested ifs, whitespace on every line), when the corpus is there. */
const CORPUS_TEMPLATE = join(CORPUS_DIR, 'jinja', 'TafkaMax__ansible-role-keepalived__templates__keepalived.conf.j2');

const INSTANCES = {
  keepalived_global_defs: { router_id: 'lb1', enable_script_security: '' },
  keepalived_vrrp_instances: [
    {
      name: 'VI_1',
      state: 'MASTER',
      interface: 'eth0',
      virtual_router_id: 51,
      priority: 150,
      unicast_src_ip: '10.0.0.11',
      secondary_private_ip: '10.0.0.12',
      authentication: { auth_type: 'PASS', auth_pass: 'x' },
      virtual_ipaddresses: [{ name: '10.0.0.10', cidr: 24 }],
      check_status_command: '/bin/true',
      check_status_opts: { fall: 2, rise: 3 },
    },
  ],
};

const CASES: Array<[string, Record<string, unknown>]> = [
  ['a\n  {% if true %}\n  b\n  {% endif %}\nc\n', {}],
  ['{% for p in peers %}\n  peer {{ p }}\n{% endfor %}\n', { peers: ['a', 'b'] }],
  ['  {%- for p in peers -%}\n  {{ p }}\n  {%- endfor %}\nend', { peers: ['a', 'b'] }],
  ['x {% if a %}\n  y\n{% else %}\n  z\n{% endif %}\n', { a: 0 }],
  ['{% raw %}{{ x }}{% endraw %}\n!', {}],
  ['{# c #}\nline\n   {# d #}\nnext\n', {}],
  ["{{ [1,'a',None] }} {{ {'k': [1]} }} {{ 1.5 }} {{ True }} {{ 10/4 }} {{ 7//2 }} {{ -7 % 3 }}", {}],
  ['{% for k, v in d.items() %}{{ k }}={{ v }}{% if not loop.last %},{% endif %}{% endfor %}', { d: { a: 1, b: [1, 2] } }],
  ["{{ 'a' if x }}|{{ x | default('d') }}|{{ y is none }}", { x: false, y: null }],
  ['{% set ns = namespace(c=0) %}{% for i in range(4) %}{% set ns.c = ns.c + i %}{% endfor %}{{ ns.c }}', {}],
  ["{{ s | replace('a','b',1) }} {{ s | title }} {{ s | capitalize }} {{ '  q ' | trim }}", { s: 'aaa bbb' }],
  ["{{ l | sort | join(',') }} {{ l | unique | list }} {{ l | max }} {{ l | min }} {{ l | sum }} {{ l | length }}", { l: [3, 1, 3, 2] }],
  ["{{ l | select('odd') | list }} {{ l | reject('odd') | list }} {{ l | map('string') | join }}", { l: [3, 1, 4, 2] }],
  ['{% for i in l if i > 1 %}{{ loop.index }}{{ i }}{% else %}none{% endfor %}', { l: [3, 1, 4] }],
  ['{{ "it\'s" }} {{ [\'it\\\'s\'] }}', {}],
  ['a {%- if true +%}\n b {%+ if true -%} c {% endif %}{% endif %}', {}],
  ...(existsSync(CORPUS_TEMPLATE) ? [[readFileSync(CORPUS_TEMPLATE, 'utf8').replace(' | comment', ''), { ansible_managed: 'managed', ...INSTANCES }] as [string, Record<string, unknown>]] : []),
];

const PYTHON = `
import json, sys, jinja2
env = jinja2.Environment(trim_blocks=True, keep_trailing_newline=True)
print(json.dumps([env.from_string(t).render(**v) for t, v in json.load(sys.stdin)]))
`;

test('renders like Python jinja2 with Ansible settings', (t) => {
  const py = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify(CASES), encoding: 'utf8' });
  if (py.error || py.status !== 0) {
    t.skip(`python3 with jinja2 is not available (${py.error?.message ?? py.stderr.trim().split('\n').pop()})`);
    return;
  }
  const expected = JSON.parse(py.stdout) as string[];
  CASES.forEach(([template, vars], i) => {
    const r = renderTemplate(template, { lookup: (n) => (Object.hasOwn(vars, n) ? fromData(vars[n]) : undefined) });
    assert.ok(r.ok, `case ${i}: ${r.ok ? '' : r.reason}`);
    assert.equal(r.text, expected[i], `case ${i}: ${JSON.stringify(template.slice(0, 60))}`);
  });
});
