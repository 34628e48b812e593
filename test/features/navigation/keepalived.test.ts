// Navigation inside one keepalived file: tracked files and processes, sync groups, virtual server groups and
// LVS virtual servers on a VIP, and lines that exist for one config-id only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definitions, references } from '../../../server/src/features/navigation/navigate.js';
import { featureWorkspace } from '../../support/feature-workspace.js';

const CONF = `vrrp_track_file maintenance {
    file /etc/keepalived/maintenance
}
track_file drained {
    file /etc/keepalived/drained
}
vrrp_track_process haproxy_up {
    process haproxy
}
vrrp_script chk {
    script /bin/true
}
@lb1 vrrp_instance VI_1 {
    state MASTER
    virtual_ipaddress {
        192.0.2.10/24
    }
    track_file {
        maintenance weight -50
        drained
    }
    track_process {
        haproxy_up
    }
}
@lb2 vrrp_instance VI_1 {
    state BACKUP
    virtual_ipaddress {
        192.0.2.10/24
    }
}
vrrp_sync_group G {
    group {
        VI_1
    }
    track_script {
        chk
    }
}
virtual_server_group web {
    192.0.2.10 443
}
virtual_server group web {
    lb_algo rr
}
virtual_server 192.0.2.10 80 {
    lb_algo rr
}
`;

function lookup(needle: string, shift: number, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = CONF.indexOf(needle, at + 1);
  const w = featureWorkspace({ 'keepalived.conf': CONF.slice(0, at + shift) + '‸' + CONF.slice(at + shift) });
  try {
    const ctx = w.ctx('keepalived.conf');
    const offset = w.marks('keepalived.conf')[0]!;
    const line = (o: { span: { start: number } }) => ctx.file.lines().lineOf(o.span.start) + 1;
    return { definitions: definitions(ctx, offset).map(line), references: references(ctx, offset, true).map(line) };
  } finally {
    w.dispose();
  }
}

test('track_file and track_process entries lead to their definitions (both spellings of track_file)', () => {
  assert.deepEqual(lookup('maintenance weight', 2).definitions, [1]);
  assert.deepEqual(lookup('drained', 2, 2).definitions, [4]);
  assert.deepEqual(lookup('haproxy_up', 2, 1).references, [7, 23]);
  // The settings inside a top-level track_file block are no references.
  assert.deepEqual(lookup('file /etc/keepalived/drained', 1).definitions, []);
});

test("a sync group's track_script and group entries; an instance defined per config-id", () => {
  assert.deepEqual(lookup('chk\n    }', 1).definitions, [10]);
  // Each config-id has its own VI_1; the sync group (read by both) refers to the one of each node.
  assert.deepEqual(lookup('VI_1\n    }', 1).definitions.sort(), [13, 26]);
});

test('virtual server groups, and LVS virtual servers on the VIP', () => {
  assert.deepEqual(lookup('group web', 7).definitions, [40]);
  assert.deepEqual(lookup('192.0.2.10 80', 2).references.sort((a, b) => a - b), [16, 29, 41, 46]);
});
