/**
 * Quick fixes for settings keepalived clears or overrides (nopreempt-with-master, auth-ignored, vip-traffic-dropped,
 * owner-state-mismatch, vrrp-strict-argument): make the file say what keepalived will do, or switch off the strict
 * mode that overrides it. Each fix is offered only where it removes the finding.
 */
import { effectiveVersion, isAddressOwner, strictModeLine, type KeepalivedModel, type VrrpInstance } from '../../model/keepalived.js';
import type { Finding } from '../../rules/rule.js';
import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { FeatureContext } from '../context.js';
import type { FileEdits } from '../edits.js';
import { ignoredAuth } from '../../rules/keepalived/auth.js';
import { findInstance, isAt, setInInstance } from './instance-edits.js';
import { fixOf, type Fixer, type QuickFix } from './quick-fix.js';
import { appendToBlock, deleteLines, fileEdits, replaceWord } from './text-edits.js';

/** The line goes, block and all. */
const removeLine = (st: KStatement, preferred = false): QuickFix[] => fixOf(`Remove ${st.keyword.value}`, [fileEdits(st.file, [deleteLines(st.file.text, st)])], preferred);

/** Strict mode off where it comes from: the instance's own `strict_mode` set to off, or the global `vrrp_strict` line removed. */
function strictOff(inst: VrrpInstance, line: KStatement): { title: string; change: FileEdits | undefined } {
  if (line === inst.strictMode?.statement) return { title: 'Set strict_mode off', change: setInInstance(inst, inst.strictMode, 'strict_mode', 'off') };
  return { title: `Remove ${line.keyword.value}`, change: fileEdits(line.file, [deleteLines(line.file.text, line)]) };
}

/** The instance with a statement on the finding (picked by `lines`), with its model and the strict-mode line that applies to it. */
function instanceAt(ctx: FeatureContext, finding: Finding, lines: (inst: VrrpInstance) => ReadonlyArray<KStatement | undefined>) {
  const found = findInstance(ctx, (i) => lines(i).some((st) => st !== undefined && isAt(finding, st.file, st.keyword)));
  if (!found) return undefined;
  const strict = strictModeLine(found.inst, found.model.globalDefs, ctx.settings.versions.keepalived);
  return { ...found, strict };
}

/** nopreempt-with-master: `state BACKUP` where an explicit MASTER below 255 is the reason; else the line keepalived clears goes. */
export const keepPreemptionSetting: Fixer = (ctx, finding) => {
  const found = instanceAt(ctx, finding, (i) => [i.nopreempt, i.preemptDelay?.statement]);
  if (!found) return [];
  const { inst } = found;
  const line = [inst.nopreempt, inst.preemptDelay?.statement].find((st) => st !== undefined && isAt(finding, st.file, st.keyword))!;
  const master = inst.state !== undefined && !inst.state.opaque && inst.state.text === 'MASTER' && !isAddressOwner(inst);
  return [...(master ? fixOf('Change state to BACKUP', [setInInstance(inst, inst.state, 'state', 'BACKUP')], true) : []), ...removeLine(line, !master)];
};

/** auth-ignored: the missing auth_type added; otherwise the block keepalived ignores goes. */
export const fixIgnoredAuth: Fixer = (ctx, finding) => {
  const found = instanceAt(ctx, finding, (i) => [i.authBlock]);
  const block = found?.inst.authBlock;
  if (!found || !block) return [];
  if (ignoredAuth(found.inst, found.model.globalDefs, ctx.settings.versions.keepalived)?.why === 'no-type') {
    return fixOf('Add auth_type PASS', [fileEdits(block.file, [appendToBlock(block, ['auth_type PASS'])])], true);
  }
  return removeLine(block, true);
};

/**
 * vip-traffic-dropped: accept mode on where keepalived keeps it (no strict mode, or VRRPv3), else strict mode off; an
 * explicit no_accept goes with it, or strict mode's default would be replaced by the same drop.
 */
export const acceptVipTraffic: Fixer = (ctx, finding) => {
  const found = instanceAt(ctx, finding, (i) => [i.accept, i.vipBlock]);
  if (!found) return [];
  const { inst, model, strict } = found;
  const v3 = effectiveVersion(inst, model.globalDefs) === 3;
  const accept = inst.accept;
  const noAccept = accept?.keyword.value === 'no_accept' ? accept : undefined;
  if (noAccept && !strict) return removeLine(noAccept, true);
  if (!strict) return [];
  const fixes: QuickFix[] = [];
  if (noAccept && v3) fixes.push(...fixOf("Change no_accept to 'accept'", [fileEdits(noAccept.file, [replaceWord(noAccept.keyword, 'accept')])], true));
  if (!accept && v3) fixes.push(...fixOf('Add accept', [fileEdits(inst.statement.file, [appendToBlock(inst.statement, ['accept'])])], true));
  const off = strictOff(inst, strict);
  if (noAccept) fixes.push(...fixOf(`Remove no_accept and ${off.title[0]!.toLowerCase()}${off.title.slice(1)}`, [fileEdits(noAccept.file, [deleteLines(noAccept.file.text, noAccept)]), off.change], fixes.length === 0));
  else fixes.push(...fixOf(off.title, [off.change], fixes.length === 0));
  return fixes;
};

/** owner-state-mismatch in strict mode: the state keepalived will use anyway. */
export const stateOfOwner: Fixer = (ctx, finding) => {
  const found = findInstance(ctx, (i) => i.state !== undefined && isAt(finding, i.state.statement.file, i.state.word));
  if (!found?.inst.state || !strictModeLine(found.inst, found.model.globalDefs, ctx.settings.versions.keepalived)) return [];
  const state = isAddressOwner(found.inst) ? 'MASTER' : 'BACKUP';
  return fixOf(`Change state to ${state}`, [setInInstance(found.inst, found.inst.state, 'state', state)], true);
};

/** vrrp-strict-argument: the line goes, which is what `vrrp_strict off` meant. */
export const removeVrrpStrict: Fixer = (ctx, finding) => {
  const reads = (m: KeepalivedModel) => m.globalDefs.vrrpStrict !== undefined && isAt(finding, m.globalDefs.vrrpStrict.statement.file, m.globalDefs.vrrpStrict.word);
  const line = [...ctx.analysis.keepalived.values()].flat().find(reads)?.globalDefs.vrrpStrict?.statement;
  return line ? removeLine(line, true) : [];
};
