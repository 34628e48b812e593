// keepalived completion: the keywords of the block at the cursor, their values, and names defined elsewhere in
// the node and its peers (vrrp_scripts, instances, interfaces, the peer's own address).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, type CompletionEntry } from '../../../server/src/features/completion.js';
import type { TargetVersions } from '../../../server/src/knowledge/versions.js';
import { atCursors, replaced } from '../../support/at-cursor.js';
import { PAIR } from '../navigation/pair.js';

const labels = (list: CompletionEntry[]) => list.map((e) => e.label);

const unicast = (own: string, peer: string) => `    unicast_src_ip ${own}\n    unicast_peer {\n        ${peer}\n    }\n`;

/**
 * The entries at the cursor of lb1/keepalived.conf in the two-node pair of the navigation tests, where both
 * instances talk unicast and lb1 also tracks ens192; `edit` puts the cursor (and what goes with it) into lb1.
 */
function offered(edit: (lb1: string) => string, versions: Partial<TargetVersions> = {}, trigger?: string, lb1Peer = '192.0.2.12'): CompletionEntry[] {
  const files = {
    ...PAIR,
    'lb1/keepalived.conf': edit(replaced(PAIR['lb1/keepalived.conf']!, '    advert_int 1\n', `    advert_int 1\n${unicast('192.0.2.11', lb1Peer)}    track_interface {\n        ens192\n    }\n`)),
    'lb2/keepalived.conf': replaced(PAIR['lb2/keepalived.conf']!, '    advert_int 1\n', `    advert_int 1\n${unicast('192.0.2.12', '192.0.2.11')}`),
  };
  return atCursors(files, 'lb1/keepalived.conf', (ctx, [offset]) => complete(ctx, { offset: offset!, trigger }), versions);
}
/** `text` added to lb1's instance block. */
const inInstance = (text: string) => (lb1: string) => replaced(lb1, '    priority 110\n', `    priority 110\n${text}`);
/** `text` added to lb1's global_defs. */
const inGlobalDefs = (text: string) => (lb1: string) => replaced(lb1, '    router_id lb1\n', `    router_id lb1\n${text}`);

test('the keywords of the enclosing block, blocks inserted with their braces', () => {
  const list = offered(inInstance('    ‸\n'));
  for (const k of ['state', 'priority', 'advert_int', 'authentication', 'nopreempt', 'track_script']) assert.ok(labels(list).includes(k), k);
  assert.ok(!labels(list).includes('router_id'), 'router_id belongs in global_defs');
  const auth = list.find((e) => e.label === 'authentication')!;
  assert.equal(auth.snippet, true);
  assert.equal(auth.insertText, 'authentication {\n\t$0\n}');
  const state = list.find((e) => e.label === 'state')!;
  assert.equal(state.insertText, 'state ');
  assert.equal(state.retrigger, true);
  assert.match(state.documentation!, /MASTER/);
  assert.equal(list.find((e) => e.label === 'nopreempt')!.insertText, undefined, 'a flag is inserted alone');

  const top = offered((lb1) => `‸\n${lb1}`);
  const instance = top.find((e) => e.label === 'vrrp_instance')!;
  assert.equal(instance.insertText, 'vrrp_instance ${1:name} {\n\t$0\n}');
  assert.ok(labels(top).includes('global_defs') && !labels(top).includes('state'));
  const renamed = offered((lb1) => replaced(lb1, 'vrrp_instance VI_API', 'vrrp_inst‸ance VI_API')).find((e) => e.label === 'vrrp_instance')!;
  assert.equal(renamed.insertText, 'vrrp_instance', 'an existing block keeps its name and braces');
  assert.equal(renamed.snippet, false);
});

test('values of enumerated and boolean arguments', () => {
  assert.deepEqual(labels(offered(inInstance('    state ‸\n'))), ['MASTER', 'BACKUP']);
  assert.deepEqual(labels(offered(inInstance('    authentication {\n        auth_type ‸\n    }\n'))), ['PASS', 'AH']);
  assert.deepEqual(offered(inInstance('    advert_int ‸\n')), [], 'a number is typed by hand');
});

test('interfaces used on the node: instances, dev on addresses, track_interface', () => {
  const excluded = (entry: string) => inInstance(`    virtual_ipaddress_excluded {\n        192.0.2.99/24 dev eth1\n        ${entry}\n    }\n`);
  assert.deepEqual(labels(offered(excluded('192.0.2.98/24 dev ‸'))), ['ens192', 'eth0', 'eth1']);
  const vip = offered(excluded('192.0.2.98/24 ‸'));
  assert.ok(labels(vip).includes('dev') && labels(vip).includes('label'));
  assert.deepEqual(labels(offered(inInstance('    interface ‸\n'))), ['ens192', 'eth0']);
});

test('names defined elsewhere: vrrp_scripts, instances of a sync group, the peer\u2019s address', () => {
  assert.deepEqual(labels(offered((lb1) => replaced(lb1, '        chk_haproxy\n', '        chk_haproxy\n        ‸\n'))), ['chk_haproxy']);
  const second = 'vrrp_instance VI_DB {\n    interface eth0\n    virtual_router_id 52\n    virtual_ipaddress {\n        192.0.2.20/24\n    }\n}\n';
  assert.deepEqual(labels(offered((lb1) => `${replaced(lb1, '    group {\n', '    group {\n        ‸\n')}${second}`)).sort(), ['VI_API', 'VI_DB']);
  const peers = offered((lb1) => lb1, {}, undefined, '‸');
  assert.deepEqual(labels(peers), ['192.0.2.12']);
  assert.match(peers[0]!.detail!, /lb2/);
});

test('the target version decides; deprecated keywords are marked', () => {
  const v21 = labels(offered(inGlobalDefs('    ‸\n'), { keepalived: '2.1' }));
  const v23 = labels(offered(inGlobalDefs('    ‸\n'), { keepalived: '2.3' }));
  assert.ok(!v21.includes('vrrp_down_timer_adverts') && v23.includes('vrrp_down_timer_adverts'), 'added in 2.2');
  const old = offered(inGlobalDefs('    ‸\n')).find((e) => e.label === 'lvs_process_name')!;
  assert.equal(old.deprecated, true);
  assert.equal(old.rank, 1);
});

test('nothing in comments, after a closing brace, or for a space typed as indentation', () => {
  assert.deepEqual(offered(inInstance('    ‸\n'), {}, ' '), []);
  assert.deepEqual(offered(inInstance('    # state ‸\n')), []);
  assert.deepEqual(offered((lb1) => replaced(lb1, '    router_id lb1\n}', '    router_id lb1\n} ‸')), []);
});
