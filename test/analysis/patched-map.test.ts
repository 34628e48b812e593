// PatchedMap must read exactly like a Map that was copied and changed, through any number of patches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PatchedMap } from '../../server/src/analysis/patched-map.js';
import { prng } from '../../bench/lib/prng.js';

test('a chain of patches reads like a copied and changed Map: values, order, size, has, iteration', () => {
  const random = prng(20261122);
  for (let run = 0; run < 40; run++) {
    const size = Math.floor(random() * 300);
    const plain = new Map(Array.from({ length: size }, (_, i) => [`k${i}`, i]));
    let patched: ReadonlyMap<string, number> = new Map(plain);
    for (let step = 0; step < 60; step++) {
      const changes = new Map<string, number>();
      const count = 1 + Math.floor(random() * (random() < 0.1 ? 80 : 3));
      for (let i = 0; i < count; i++) {
        // Mostly existing keys, now and then a new one (it goes last, as in a Map).
        const key = random() < 0.9 && size > 0 ? `k${Math.floor(random() * size)}` : `new${run}-${step}-${i}`;
        changes.set(key, Math.floor(random() * 1e6));
      }
      for (const [k, v] of changes) plain.set(k, v);
      patched = PatchedMap.of(patched, changes);
      assert.equal(patched.size, plain.size);
      assert.deepEqual([...patched], [...plain]);
      assert.deepEqual([...patched.keys()], [...plain.keys()]);
      assert.deepEqual([...patched.values()], [...plain.values()]);
      const seen: Array<[string, number]> = [];
      patched.forEach((v, k) => seen.push([k, v]));
      assert.deepEqual(seen, [...plain]);
      for (const key of ['k0', `k${size - 1}`, 'absent']) {
        assert.equal(patched.get(key), plain.get(key));
        assert.equal(patched.has(key), plain.has(key));
      }
    }
  }
});

test('no changes give back the same map; small patches of a large map do not copy it', () => {
  const base = new Map(Array.from({ length: 1000 }, (_, i) => [i, i]));
  assert.equal(PatchedMap.of(base, new Map()), base);
  let m: ReadonlyMap<number, number> = base;
  for (let i = 0; i < 20; i++) m = PatchedMap.of(m, new Map([[i, -i]]));
  assert.ok(m instanceof PatchedMap, 'twenty changed keys of a thousand stay a patch');
  let i = 20;
  while (m instanceof PatchedMap) m = PatchedMap.of(m, new Map([[i, -i++]]));
  assert.ok(i <= 1000 / 8 + 1, `once the changes are an eighth of the map, it is copied flat (it was at ${i})`);
  assert.equal(m.get(i - 1), -(i - 1));
  assert.equal(m.get(500), 500);
});
