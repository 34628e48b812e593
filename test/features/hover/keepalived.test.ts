// keepalived hover: keywords with their documentation and versions, auth_pass without revealing it, VIPs with
// the nodes that carry them and the frontends that bind them, scripts and instances with who uses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hover } from '../../../server/src/features/hover.js';
import type { TargetVersions } from '../../../server/src/knowledge/versions.js';
import { atCursors, replaced } from '../../support/at-cursor.js';
import { PAIR, pairWithCursor } from '../navigation/pair.js';

const withAuth = (text: string, pass: string) => replaced(text, '    advert_int 1\n', `    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass ${pass}\n    }\n`);

/** Hover at the first `needle` of lb1/keepalived.conf (`shift` characters in), in the navigation tests' pair with authentication. */
function hoverAt(needle: string, shift = 1, options: { pass?: string; peerPass?: string; versions?: Partial<TargetVersions> } = {}): string | undefined {
  const files = {
    ...PAIR,
    'lb1/keepalived.conf': withAuth(PAIR['lb1/keepalived.conf']!, options.pass ?? 'k8s-vip-2024'),
    'lb2/keepalived.conf': withAuth(PAIR['lb2/keepalived.conf']!, options.peerPass ?? 'k8s-vip-2025'),
  };
  return atCursors(pairWithCursor('lb1/keepalived.conf', needle, shift, 0, files), 'lb1/keepalived.conf', (ctx, [offset]) => hover(ctx, offset!)?.markdown, options.versions);
}

test('a keyword: description, argument, versions, manual', () => {
  const h = hoverAt('priority')!;
  assert.match(h, /^\*\*priority\*\* · keepalived keyword \(vrrp_instance\)/);
  assert.match(h, /Argument: integer 1–255/);
  assert.match(h, /keepalived 2\.0, 2\.1, 2\.2, 2\.3 · \[keepalived\.conf\(5\) manual\]\(https:\/\/www\.keepalived\.org\/manpage\.html\)/);
  assert.match(hoverAt('state')!, /one of `MASTER`, `BACKUP`/);
  assert.match(hoverAt('authentication')!, /Opens a `\{ \}` block of keywords/);
});

test('a keyword the target lacks says so', () => {
  const lb1 = 'global_defs {\n    vrrp_down_timer_‸adverts 5\n}\n';
  const h = atCursors({ 'keepalived.conf': lb1 }, 'keepalived.conf', (ctx, [offset]) => hover(ctx, offset!)?.markdown, { keepalived: '2.1' })!;
  assert.match(h, /keepalived 2\.2, 2\.3 \(added in 2\.2\.3\) · \*\*not in 2\.1\*\* \(your target\)/);
});

test('auth_pass over 8 bytes: the counts and the peers, never the characters', () => {
  const h = hoverAt('k8s-vip', 2)!;
  assert.match(h, /^\*\*auth_pass\*\* · 12 bytes/);
  assert.match(h, /uses only the first 8: `••••••••` and ignores the last 4 \(`◦◦◦◦`\)/);
  assert.match(h, /- lb2 `VI_API`: same effective password/, 'k8s-vip-2025 and k8s-vip-2024 agree on their first 8 bytes');
  for (const secret of ['k8s', 'vip', '2024', 'k8s-vip-']) assert.ok(!h.includes(secret), `the hover shows no part of the password (${secret})`);
  assert.match(hoverAt('k8s-vip', 2, { peerPass: 'other-pw' })!, /lb2 `VI_API`: \*\*different effective password\*\*/);
  const short = hoverAt('secret', 2, { pass: 'secret', peerPass: 'secret' })!;
  assert.match(short, /6 bytes\n\nAll of it is used/);
  assert.ok(!short.includes('secret'));
});

test('a VIP: instance, nodes with state and priority, frontends binding it', () => {
  const h = hoverAt('192.0.2.10/24', 3)!;
  assert.match(h, /^\*\*192\.0\.2\.10\*\* · VIP of vrrp_instance `VI_API` \(VRID 51\)/);
  assert.match(h, /Carried by lb1 \(MASTER, priority 110\), lb2 \(BACKUP, priority 100\)/);
  assert.match(h, /Bound by frontend `api` \(:6443\) on lb1, lb2\./);
  assert.match(hoverAt('dev eth0', 1)!, /^\*\*dev\*\* · keepalived keyword \(virtual_ipaddress\)/);
});

test('scripts and instances: what they do, who tracks them, the peers', () => {
  const entry = hoverAt('chk_haproxy\n    }', 2)!;
  assert.match(entry, /^\*\*vrrp_script `chk_haproxy`\*\*/);
  assert.match(entry, /Runs `\/usr\/bin\/killall -0 haproxy` every 2 s/);
  assert.match(entry, /A failure subtracts 20 from the priority/);
  assert.match(entry, /Tracked by `VI_API`\./);
  assert.match(hoverAt('chk_haproxy {', 2)!, /^\*\*vrrp_script `chk_haproxy`\*\*/);
  const instance = hoverAt('VI_API', 2)!;
  assert.match(instance, /^\*\*vrrp_instance `VI_API`\*\* · VRID 51/);
  assert.match(instance, /Peers: lb1 \(MASTER, priority 110\), lb2 \(BACKUP, priority 100\)/);
  assert.match(hoverAt('VI_API\n    }', 2)!, /^\*\*vrrp_instance `VI_API`\*\*/, 'a member of a sync group');
});

test('nothing on free values (a script command, an interface name)', () => {
  assert.equal(hoverAt('killall', 2), undefined);
  assert.equal(hoverAt('eth0\n    virtual_router_id', 1), undefined);
  assert.equal(hoverAt('lb1\n}', 1), undefined, 'router_id\u2019s value');
});

test('in a peer group of ten nodes, the hovers name eight and count the rest', () => {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 10; i++) {
    const mark = i === 1 ? '‸' : '';
    files[`lb${i}/keepalived.conf`] = `vrrp_instance ${mark}VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority ${100 + i}\n    authentication {\n        auth_type PASS\n        auth_pass ${mark}pw${i}\n    }\n    virtual_ipaddress {\n        ${mark}192.0.2.10/24\n    }\n}\n`;
  }
  const [instance, pass, vip] = atCursors(files, 'lb1/keepalived.conf', (ctx, offsets) => offsets.map((o) => hover(ctx, o + 1)!.markdown));
  assert.match(instance!, /Peers: lb1 \(BACKUP, priority 101\), lb10 \(BACKUP, priority 110\), (lb\d+ \(BACKUP, priority \d+\), ){4}lb\d+ \(BACKUP, priority \d+\) and 3 more peers$/m);
  assert.match(pass!, /Peers:\n\n(- lb\d+ `VI_1`: \*\*different effective password\*\*\n){7}- and 2 more peers\n/);
  assert.match(vip!, /Carried by (lb\d+ \(BACKUP, priority \d+\), ){6}lb\d+ \(BACKUP, priority \d+\) and 3 more nodes:/);
});
