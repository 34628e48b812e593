// Tests of the corpus helpers (skip when ../shared/corpus is absent).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { CORPUS_DIR, corpusAvailable, corpusFiles, corpusSkipReason, labelsFor, loadLabels, messageLine } from './corpus.js';

test('messageLine: haproxy, keepalived and jinja forms', () => {
  assert.equal(messageLine('[ALERT] config : parsing [haproxy/a.cfg:55]: Missing LF on last line'), 55);
  assert.equal(messageLine("[WARNING] config : [a.cfg:49] : 'server p/s' : could not resolve address"), 49);
  assert.equal(messageLine('(/etc/keepalived/k.conf: Line 12) Truncating auth_pass to 8 characters'), 12);
  assert.equal(messageLine('(Line 3) WARNING - interface eth1 for vrrp_instance VI_1 doesn\'t exist'), 3);
  assert.equal(messageLine("line 27: unexpected '.'"), 27);
  assert.equal(messageLine('[without -dr] [ALERT] config : Failed to initialize server(s) addr.'), undefined);
  assert.equal(messageLine('(VI_1) No VIP specified; at least one is sensible'), undefined);
});

test('corpus: LABELS.tsv parses and matches the files on disk', (t) => {
  if (!corpusAvailable()) {
    t.skip(`SKIPPED: ${corpusSkipReason()}`);
    return;
  }
  const labels = loadLabels();
  assert.ok(labels.length > 0);
  for (const kind of ['haproxy', 'keepalived', 'jinja'] as const) {
    const onDisk = corpusFiles(kind).map((f) => relative(CORPUS_DIR, f)).sort();
    const labelled = [...new Set(labels.filter((l) => l.kind === kind).map((l) => l.localFile))].sort();
    assert.deepEqual(labelled, onDisk, `${kind}: labelled files differ from files on disk`);
  }
  const ha = labelsFor('haproxy');
  assert.ok(ha.every((r) => r.v26 && r.v35), 'every haproxy file has a 2.6 and a 3.5 verdict');
  const missingLf = ha.find((r) => r.localFile === 'haproxy/1999GersonMayamba__rabbitmq-cluster-docker__haproxy.cfg');
  if (missingLf) {
    assert.equal(missingLf.v26!.exitCode, 1);
    assert.equal(missingLf.v26!.line, 55);
    assert.equal(missingLf.v26!.detail, 'missing-final-LF');
  }
  const ka = labelsFor('keepalived');
  assert.ok(ka.length > 0 && ka.every((r) => Number.isInteger(r.verdict.exitCode)));
  const trunc = ka.find((r) => r.localFile === 'keepalived/Sajadorouji__docker_haproxy_keepalived__etc__keepalived__keepalived.conf');
  if (trunc) {
    assert.equal(trunc.verdict.exitCode, 5);
    assert.equal(trunc.verdict.line, 39);
    assert.deepEqual(trunc.labelInterfaces, ['eno167', 'eno16777984']);
  }
  assert.ok(labelsFor('jinja').length > 0);
});
