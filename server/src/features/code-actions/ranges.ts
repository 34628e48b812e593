/**
 * advert-int-out-of-range, weight-out-of-range: the value clamped into the range keepalived accepts (from the
 * keyword knowledge), when the written value is a number whose intent is clear. A word that is no number, or an
 * advert interval of zero or less, says nothing about what was meant: no fix then.
 */
import { keywordOf } from '../../knowledge/keepalived/keywords.js';
import { intOf, type Setting, type VrrpInstance } from '../../model/keepalived.js';
import { peerName } from '../../rules/cross/peers.js';
import type { Finding } from '../../rules/rule.js';
import type { FeatureContext } from '../context.js';
import { findInstance, isAt, setInInstance } from './instance-edits.js';
import { agreedValue, hereAndOn, peersOfInstance, setOnPeers } from './peer-edits.js';
import { fixOf, type Fixer, type QuickFix } from './quick-fix.js';
import { replaceWord } from './text-edits.js';

interface Range {
  readonly min: number;
  readonly max: number;
}

function rangeOf(block: string, keyword: string): Range {
  const { min, max } = keywordOf(block, keyword)!.arg;
  return { min: min!, max: max! };
}

const ADVERT_INT = rangeOf('vrrp_instance', 'advert_int');
const SCRIPT_WEIGHT = rangeOf('vrrp_script', 'weight');
const TRACK_WEIGHT = rangeOf('track_script', 'weight');

const clamp = (n: number, r: Range) => Math.min(r.max, Math.max(r.min, n));

/** advert_int as seconds: a plain decimal, or one with an `s` or `ms` unit (keepalived takes no unit, but the intent is plain). */
function seconds(text: string): number | undefined {
  const m = /^\+?(\d+\.?\d*|\.\d+)(s|ms)?$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]) / (m[2] === 'ms' ? 1000 : 1);
  return n > 0 ? n : undefined;
}

/** A value keepalived takes as it is written. */
const isPlainAdvertInt = (text: string) => /^\d*\.?\d+$/.test(text) && clamp(Number(text), ADVERT_INT) === Number(text);

/** The interval keepalived uses for an advert_int that is written, or the default of 1 when it is absent. */
const advertText = (i: VrrpInstance): string | undefined => (i.advertInt ? (i.advertInt.opaque ? undefined : i.advertInt.text) : '1');

export const clampAdvertInt: Fixer = (ctx, finding) => {
  const inst = findInstance(ctx, (i) => i.advertInt !== undefined && isAt(finding, i.advertInt.statement.file, i.advertInt.word))?.inst;
  if (!inst) return [];
  const n = inst.advertInt!.text === undefined ? undefined : seconds(inst.advertInt!.text);
  const value = n === undefined ? undefined : String(Number(clamp(n, ADVERT_INT).toFixed(6)));
  const out: QuickFix[] = [];
  // Whatever was written, the peers' interval is the one this instance must use to talk to them.
  const peers = peersOfInstance(ctx, inst);
  const theirs = agreedValue(peers, (m) => advertText(m.instance));
  if (theirs !== undefined && theirs !== value && isPlainAdvertInt(theirs)) {
    out.push(...fixOf(`Use advert_int ${theirs}, as on ${peers.map(peerName).join(', ')}`, [setInInstance(inst, inst.advertInt, 'advert_int', theirs)], true));
  }
  const edit = value === undefined ? undefined : setOnPeers(ctx, inst, (i) => i.advertInt, 'advert_int', value, (i) => advertText(i) === value);
  if (edit) out.push(...fixOf(`Set advert_int ${value}${hereAndOn(edit.peers)}`, edit.changes, out.length === 0));
  return out;
};

/** The weight setting the finding stands on, in a vrrp_script or on a track_script line, with its range. */
function weightAt(ctx: FeatureContext, finding: Finding): { setting: Setting; range: Range } | undefined {
  const on = (s: Setting | undefined): s is Setting => s !== undefined && isAt(finding, s.statement.file, s.word);
  for (const models of ctx.analysis.keepalived.values()) {
    for (const model of models) {
      for (const script of model.scripts.values()) if (on(script.weight)) return { setting: script.weight, range: SCRIPT_WEIGHT };
      for (const inst of model.instances) for (const t of inst.trackScripts) if (on(t.weight)) return { setting: t.weight, range: TRACK_WEIGHT };
    }
  }
  return undefined;
}

export const clampWeight: Fixer = (ctx, finding) => {
  const at = weightAt(ctx, finding);
  const n = intOf(at?.setting);
  if (!at || n === undefined) return [];
  const weight = String(clamp(n, at.range));
  return fixOf(`Set weight ${weight}`, [{ file: at.setting.statement.file, edits: [replaceWord(at.setting.word, weight)] }], true);
};
