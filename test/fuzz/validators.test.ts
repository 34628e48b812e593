/** The fuzzer's own checks: what they must flag, and what they must let pass (a false alarm stops a long run). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseContext, messageProblem } from './targets.js';

const ctx = new CaseContext({ files: [{ path: '/w/haproxy.cfg', text: 'frontend f\n' }], main: '/w/haproxy.cfg', language: 'haproxy', discover: false, cursor: 0, peer: {}, origin: 'validators.test.ts' });

test('a message showing undefined, NaN, null or [object …] is flagged; a rule id naming such a word is not', () => {
  for (const leaked of ['backend undefined is unknown', 'priority NaN', 'value null here', 'got [object Object]', 'undefined-acl: undefined']) {
    assert.ok(messageProblem(leaked, ctx), leaked);
  }
  assert.equal(messageProblem('1,000 more undefined-acl finding(s) in this file from here on are not listed one by one', ctx), undefined);
  assert.equal(messageProblem('see undefined-backend and undefined-track-script', ctx), undefined);
});
