// The outline: HAProxy sections with their binds, servers, ACLs and routing lines; keepalived blocks with nested
// blocks and list entries. Printed as an indented tree: `name [icon] detail`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols } from '../../../server/src/features/outline/document-symbols.js';
import type { OutlineSymbol } from '../../../server/src/features/outline/outline-symbol.js';
import { MAX_OUTLINE_LINES } from '../../../server/src/features/outline/haproxy-outline.js';
import { featureWorkspace } from '../../support/feature-workspace.js';
import { PAIR } from '../navigation/pair.js';

function outline(files: Record<string, string>, rel: string): string[] {
  const w = featureWorkspace(files);
  try {
    const ctx = w.ctx(rel);
    const out: string[] = [];
    const walk = (list: readonly OutlineSymbol[], depth: number) => {
      for (const s of list) {
        // Editors require the name inside the symbol's range.
        assert.ok(s.span.start <= s.selection.start && s.selection.end <= s.span.end, s.name);
        out.push(`${'  '.repeat(depth)}${s.name} [${s.icon}]${s.detail ? ` ${s.detail}` : ''}`);
        walk(s.children, depth + 1);
      }
    };
    walk(documentSymbols(ctx), 0);
    return out;
  } finally {
    w.dispose();
  }
}

test('HAProxy: sections, then the lines worth finding in them', () => {
  const cfg = `global
    maxconn 100
    group haproxy

defaults base
    mode http

frontend fe from base
    bind 192.0.2.10:443 ssl crt /etc/ssl/site.pem
    acl is_api path_beg /api
    use_backend be_api if is_api
    default_backend be_web

backend be_api
    server s1 192.0.2.21:80 check
    server-template web 3 app.example:80

userlist admins
    group ops
    user alice password $5$x groups ops
`;
  assert.deepEqual(outline({ 'haproxy.cfg': cfg }, 'haproxy.cfg'), [
    'global [Module]',
    'base [Namespace] defaults',
    'fe [Interface] frontend from base',
    '  192.0.2.10:443 [Event] ssl crt /etc/ssl/site.pem',
    '  is_api [Boolean] path_beg /api',
    '  be_api [Key] use_backend be_api if is_api',
    '  be_web [Key] default_backend be_web',
    'be_api [Class] backend',
    '  s1 [Object] 192.0.2.21:80 check',
    '  web [Object] 3 app.example:80',
    'admins [Package] userlist',
    '  ops [Array]',
    '  alice [Variable] $5$x groups ops',
  ]);
});

test('keepalived: blocks with their nested blocks and list entries; instances summarise state, VRID and priority', () => {
  assert.deepEqual(outline(PAIR, 'lb1/keepalived.conf'), [
    'global_defs [Module]',
    'chk_haproxy [Function] vrrp_script ("/usr/bin/killall -0 haproxy")',
    'VI_API [Class] vrrp_instance (MASTER, VRID 51, priority 110)',
    '  virtual_ipaddress [Struct]',
    '    192.0.2.10/24 [Constant] dev eth0',
    '  track_script [Struct]',
    '    chk_haproxy [Variable]',
    'SG [Namespace] vrrp_sync_group',
    '  group [Struct]',
    '    VI_API [Variable]',
  ]);
});

test('keepalived: config-ids show in the detail, virtual servers by address', () => {
  const conf = `@lb1 vrrp_instance A {
    state MASTER
}
virtual_server 192.0.2.10 443 {
    real_server 198.51.100.1 443 {
        weight 2
        TCP_CHECK {
            connect_timeout 3
        }
    }
}
`;
  assert.deepEqual(outline({ 'keepalived.conf': conf }, 'keepalived.conf'), [
    'A [Class] @lb1 vrrp_instance (MASTER)',
    '192.0.2.10 443 [Interface] virtual_server',
    '  198.51.100.1 443 [Object] real_server (weight 2)',
    '    TCP_CHECK [Struct]',
  ]);
});

test('broken files still give an outline', () => {
  assert.deepEqual(outline({ 'keepalived.conf': 'vrrp_instance A {\n    virtual_ipaddress {\n        192.0.2.1\n' }, 'keepalived.conf'), [
    'A [Class] vrrp_instance',
    '  virtual_ipaddress [Struct]',
    '    192.0.2.1 [Constant]',
  ]);
  assert.deepEqual(outline({ 'haproxy.cfg': 'frontend\n    bind :80\n' }, 'haproxy.cfg'), ['frontend [Interface]', '  :80 [Event]']);
});

test('a file with more lines to list than MAX_OUTLINE_LINES lists its sections only', () => {
  const servers = (n: number) => `backend b\n${Array.from({ length: n }, (_, i) => `    server s${i} 192.0.2.1:${i + 1}\n`).join('')}`;
  assert.equal(outline({ 'haproxy.cfg': servers(MAX_OUTLINE_LINES) }, 'haproxy.cfg').length, MAX_OUTLINE_LINES + 1);
  assert.deepEqual(outline({ 'haproxy.cfg': servers(MAX_OUTLINE_LINES + 1) }, 'haproxy.cfg'), ['b [Class] backend']);
});
