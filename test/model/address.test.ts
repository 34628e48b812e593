// Address parsing: VIPs, unicast peers and binds are compared by their canonical key, so every spelling of an
// address must give the same key, and nothing else may pass for an address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIPv6 } from 'node:net';
import { parseIp } from '../../server/src/model/address.js';
import { Rng } from '../fuzz/rng.js';

/** The expanded form of an IPv6 address, from the WHATWG URL parser's own (compressed) serialization. */
function expandedByUrl(text: string): string {
  const host = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const [head, tail] = host.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => g.padStart(4, '0')).join(':');
}

test('IPv6 spellings share one key: compressed, expanded, upper case, with an IPv4 tail', () => {
  const key = '2001:0db8:0000:0000:0000:0000:0000:0001';
  for (const spelling of ['2001:db8::1', '2001:0DB8:0:0:0:0:0:1', '2001:db8:0::0:1', '2001:db8::0.0.0.1']) assert.equal(parseIp(spelling)?.key, key, spelling);
  assert.deepEqual(parseIp('2001:db8::1/64'), { family: 6, key, prefix: 64 });
  assert.equal(parseIp('::')?.key, '0000:0000:0000:0000:0000:0000:0000:0000');
  assert.equal(parseIp('::ffff:192.0.2.1')?.key, '0000:0000:0000:0000:0000:ffff:c000:0201');
  for (const bad of [':1', '1:', '1:::2', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '::1.2.3', '1:2:3:4:5:6:7:1.2.3.4', 'fe80::1%eth0', 'g::1']) {
    assert.equal(parseIp(bad), undefined, bad);
  }
});

test('IPv6: random strings of address characters are accepted exactly when Node accepts them, with the URL parser\'s address', () => {
  const rng = new Rng(11);
  const pieces = ['0', '1', 'f', 'F', 'db8', '2001', 'ffff', '12345', ':', ':', '::', '.', '192', '0', '255', '256'];
  let valid = 0;
  for (let round = 0; round < 20_000; round++) {
    let text = '';
    for (let k = 1 + rng.int(14); k > 0; k--) text += pieces[rng.int(pieces.length)];
    if (!text.includes(':') || text.includes('/')) continue;
    // hapair reads `01` in a dotted quad as 1, as keepalived's inet_pton does not; Node refuses it.
    if (/(^|[.:])0\d+(\.|$)/.test(text) && text.includes('.')) continue;
    const ours = parseIp(text);
    assert.equal(ours !== undefined, isIPv6(text), text);
    if (!ours) continue;
    valid++;
    assert.equal(ours.key, expandedByUrl(text), text);
  }
  // The generator must reach valid addresses too, or the comparison says little.
  assert.ok(valid > 300, `${valid} valid addresses`);
});
