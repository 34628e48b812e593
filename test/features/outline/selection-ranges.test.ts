// Expand selection: from the name under the cursor out to the word, the line, the section or blocks, the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectionRanges } from '../../../server/src/features/outline/selection-ranges.js';
import { featureWorkspace } from '../../support/feature-workspace.js';

function chain(rel: string, marked: string): string[] {
  const w = featureWorkspace({ [rel]: marked });
  try {
    const ctx = w.ctx(rel);
    const [ranges] = selectionRanges(ctx, w.marks(rel));
    return ranges!.map((s) => (s.end - s.start > 60 ? `${s.start}-${s.end}` : ctx.file.text.slice(s.start, s.end)));
  } finally {
    w.dispose();
  }
}

const CFG = `frontend fe
    bind 192.0.2.10:443
    acl ok nbsrv(be_api) gt 0
    use_backend be_api if ok

backend be_api
    server s1 192.0.2.1:80
`;

test('HAProxy: a name inside a word, the word, the line, the section, the file', () => {
  const text = CFG;
  const mark = (needle: string, shift: number) => text.replace(needle, needle.slice(0, shift) + '‸' + needle.slice(shift));
  assert.deepEqual(chain('haproxy.cfg', mark('nbsrv(be_api)', 7)), ['be_api', 'nbsrv(be_api)', 'acl ok nbsrv(be_api) gt 0', `0-${CFG.indexOf('\n\n')}`, `0-${CFG.length}`]);
  assert.deepEqual(chain('haproxy.cfg', mark('192.0.2.10:443', 2)), ['192.0.2.10', '192.0.2.10:443', 'bind 192.0.2.10:443', `0-${CFG.indexOf('\n\n')}`, `0-${CFG.length}`]);
  // A blank line between sections belongs to the file only.
  assert.deepEqual(chain('haproxy.cfg', text.replace('\n\n', '\n‸\n')), [`0-${CFG.length}`]);
});

test('keepalived: word, line, the blocks around it, the file', () => {
  const conf = 'vrrp_instance A {\n    virtual_ipaddress {\n        192.0.‸2.10/24 dev eth0\n    }\n}\n';
  const ranges = chain('keepalived.conf', conf);
  assert.deepEqual(ranges.slice(0, 3), ['192.0.2.10/24', '192.0.2.10/24 dev eth0', 'virtual_ipaddress {\n        192.0.2.10/24 dev eth0\n    }']);
  assert.equal(ranges.length, 5);
  const header = chain('keepalived.conf', 'vrrp_instance A‸ {\n    state MASTER\n}\n');
  assert.deepEqual(header.slice(0, 2), ['A', 'vrrp_instance A']);
});
