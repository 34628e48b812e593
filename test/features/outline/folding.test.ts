// Folding: sections, `.if` branches, keepalived blocks, comment runs and region markers, as 1-based line ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldingRanges } from '../../../server/src/features/outline/folding.js';
import { featureWorkspace } from '../../support/feature-workspace.js';

function folds(rel: string, text: string): string[] {
  const w = featureWorkspace({ [rel]: text });
  try {
    const ctx = w.ctx(rel);
    const line = (offset: number) => ctx.file.lines().lineOf(offset) + 1;
    // As the protocol layer does, folds that end on their first line are dropped.
    return foldingRanges(ctx)
      .filter((f) => line(f.end) > line(f.start))
      .map((f) => `${line(f.start)}-${line(f.end)}${f.kind ? ` ${f.kind}` : ''}`)
      .sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
  } finally {
    w.dispose();
  }
}

test('HAProxy: sections, each .if branch, comment runs and regions', () => {
  const cfg = `# HAProxy for the k8s pair
# maintained by ops
global
    maxconn 100

# region frontends
frontend fe
    bind :80
.if version_atleast(2.8)
    http-request set-header X-New 1
.elif version_atleast(2.6)
    http-request set-header X-Old 1
.else
    http-request deny
.endif
    default_backend be  # a trailing comment
# endregion

backend be
    # one comment line alone
    server s1 192.0.2.1:80
`;
  assert.deepEqual(folds('haproxy.cfg', cfg), ['1-2 comment', '3-4', '6-17 region', '7-16', '9-10', '11-12', '13-14', '19-21']);
});

test('keepalived: nested blocks up to the line before their brace, one-line blocks not at all', () => {
  const conf = `! lb1
! MASTER
vrrp_instance A {
    state MASTER
    virtual_ipaddress {
        192.0.2.10/24
    }
    track_script { chk }
    authentication {
        auth_type PASS }
}
vrrp_script chk {
    script "/bin/true"
`;
  assert.deepEqual(folds('keepalived.conf', conf), ['1-2 comment', '3-10', '5-6', '9-10', '12-13']);
});
