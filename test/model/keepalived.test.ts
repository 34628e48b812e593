// The keepalived model reuses the previous version's instances that an edit cannot have changed: the statement is
// the one the reparse kept, and the definitions are the same. Checked two ways: which instances are reused, and,
// over random typing on the fixtures, that a model built on the previous one reads exactly what a fresh one reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKeepalived } from '../../server/src/syntax/keepalived/parser.js';
import { reparseKeepalived } from '../../server/src/syntax/keepalived/incremental.js';
import type { KeepalivedSyntax } from '../../server/src/syntax/keepalived/ast.js';
import { buildKeepalivedModel, configIds, type KeepalivedModel, type Setting, type AddressEntry } from '../../server/src/model/keepalived.js';
import { sourceFile } from '../../server/src/syntax/text.js';
import { editChains } from '../support/edit-chains.js';
import { fixtureConfigs } from '../support/config-files.js';

const TEXT = '$VIP=192.0.2.10\n\nvrrp_instance A {\n    virtual_router_id 51\n    priority 150\n}\n\nvrrp_instance B {\n    virtual_router_id 52\n    virtual_ipaddress {\n        $VIP\n    }\n}\n';

function edited(previous: KeepalivedSyntax, text: string): KeepalivedSyntax {
  return reparseKeepalived(previous, sourceFile('/k/keepalived.conf', text));
}

test('an edit keeps the instances it did not touch; the one it touched is read again', () => {
  const first = parseKeepalived(sourceFile('/k/keepalived.conf', TEXT));
  const before = buildKeepalivedModel(first);
  const next = edited(first, TEXT.replace('priority 150', 'priority 151'));
  const after = buildKeepalivedModel(next, { previous: before });
  assert.notEqual(after.instances[0], before.instances[0]);
  assert.equal(after.instances[0]!.priority?.text, '151');
  assert.equal(after.instances[1], before.instances[1], 'B is reused');
  // B moved by one character with its statement: the reused instance reads the new offsets.
  assert.equal(after.instances[1]!.vrid!.word.start, next.file.text.indexOf('52'));
});

test('an edit of the definitions reads every instance again: a value changed, a name added', () => {
  const first = parseKeepalived(sourceFile('/k/keepalived.conf', TEXT));
  const before = buildKeepalivedModel(first);
  const changed = edited(first, TEXT.replace('192.0.2.10', '192.0.2.11'));
  const after = buildKeepalivedModel(changed, { previous: before });
  assert.ok(after.instances.every((inst, i) => inst !== before.instances[i]));
  assert.equal(after.instances[1]!.vips[0]!.text, '192.0.2.11');
  // A defines $PRIO only now: what was an undefined parameter (opaque) is a value.
  const withPrio = changed.file.text.replace('priority 150', 'priority $PRIO');
  const unknownSyntax = edited(changed, withPrio);
  const unknown = buildKeepalivedModel(unknownSyntax, { previous: after });
  assert.equal(unknown.instances[0]!.priority?.opaque, true);
  const defined = buildKeepalivedModel(edited(unknownSyntax, `$PRIO=120\n${withPrio}`), { previous: unknown });
  assert.equal(defined.instances[0]!.priority?.text, '120');
});

test('a file two models include, each with definitions of its own: each model keeps its own reading of its instances', () => {
  // Two nodes' keepalived.conf define $VIP differently and include one file: rebuilding one must not make the
  // other read the shared instances again (their identity keys the peer groups' memo).
  const shared = parseKeepalived(sourceFile('/k/shared.inc', 'vrrp_instance S {\n    virtual_ipaddress {\n        $VIP\n    }\n}\n'));
  const mainOf = (vip: string) => parseKeepalived(sourceFile(`/k/${vip}.conf`, `$VIP=${vip}\n`));
  const [one, two] = [mainOf('192.0.2.1'), mainOf('192.0.2.2')];
  const build = (main: KeepalivedSyntax, previous?: KeepalivedModel) => buildKeepalivedModel(main, { expanded: { tree: shared.statements, includes: [] }, previous });
  const firstOne = build(one);
  const firstTwo = build(two);
  const againOne = build(one, firstOne);
  const againTwo = build(two, firstTwo);
  assert.equal(againOne.instances[0], firstOne.instances[0]);
  assert.equal(againTwo.instances[0], firstTwo.instances[0]);
  assert.deepEqual([againOne, againTwo].map((m) => m.instances[0]!.vips[0]!.text), ['192.0.2.1', '192.0.2.2']);
});

/** What a model reads, positions included, with no object identity. */
function reading(model: KeepalivedModel) {
  const setting = (s: Setting | undefined) => s && { text: s.text, opaque: s.opaque, at: s.word.start, file: s.statement.file.uri };
  const address = (a: AddressEntry) => ({ text: a.text, opaque: a.opaque, at: a.word.start, ip: a.ip?.key });
  return model.instances.map((i) => ({
    name: i.name,
    at: i.statement.start,
    settings: [i.state, i.priority, i.vrid, i.interface, i.advertInt, i.version, i.authType, i.authPass, i.unicastSrcIp, i.mcastSrcIp, i.preemptDelay].map(setting),
    blocks: [i.unicastPeerBlock, i.vipBlock, i.authBlock, i.nopreempt].map((st) => st?.start),
    addresses: [i.vips, i.excludedVips, i.unicastPeers].map((list) => list.map(address)),
    tracks: i.trackScripts.map((t) => ({ name: setting(t.name), weight: setting(t.weight) })),
  }));
}

const FRAGMENTS = ['\n', 'vrrp_instance VI_9 {\n', '}\n', '    priority 120\n', '    virtual_router_id 7\n', '$VIP=192.0.2.9\n', '        $VIP\n', '@lb1 ', '    track_script {\n        chk weight 10\n    }\n', '#', '"', ' x'];

test('after every edit of a chain, a model built on the previous one reads what a fresh model reads', () => {
  const seeds = fixtureConfigs().flatMap((f) => (f.language === 'keepalived' ? [f.text] : []));
  const start = (text: string) => {
    const syntax = parseKeepalived(sourceFile('/k/keepalived.conf', text));
    return { syntax, models: modelsOf(syntax, undefined) };
  };
  editChains(seeds, FRAGMENTS, { runs: 300, seed: 20261122, maxEdits: 6, maxRemove: 60, maxPieces: 2, lineStarts: true }, start, (state, text) => {
    const syntax = edited(state.syntax, text);
    const models = modelsOf(syntax, state.models);
    const fresh = modelsOf(parseKeepalived(sourceFile('/k/keepalived.conf', text)), undefined);
    assert.deepEqual(models.map(reading), fresh.map(reading));
    return { syntax, models };
  });
});

/** One model per config-id the file uses (one when none), as the analysis builds them. */
function modelsOf(syntax: KeepalivedSyntax, previous: readonly KeepalivedModel[] | undefined): KeepalivedModel[] {
  const ids = [...configIds(syntax.statements, undefined, syntax.definitions)];
  return (ids.length > 0 ? ids : [undefined]).map((configId) => buildKeepalivedModel(syntax, { configId, previous: previous?.find((m) => m.configId === configId) }));
}
