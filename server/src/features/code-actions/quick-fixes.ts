/**
 * Code actions for findings: the fixes each rule offers (by rule id, which is the diagnostic's code), and for
 * every finding a comment that disables its rule on its line. Pure: the LSP layer hands in the code and range
 * of a diagnostic, gets plain edits per file back.
 */
import type { Finding } from '../../rules/rule.js';
import type { Span } from '../../syntax/text.js';
import type { FeatureContext } from '../context.js';
import { shortenAuthPass } from './auth-pass.js';
import { createBackend } from './backend.js';
import { bindVip } from './bind-vip.js';
import { copyAdvertInt, copyAuth, copyVrid } from './peer-settings.js';
import { syncPeerVips } from './peer-vips.js';
import { priorityInRange, uniquePriority } from './priority.js';
import type { Fixer, QuickFix } from './quick-fix.js';
import { clampAdvertInt, clampWeight } from './ranges.js';
import { addFinalNewline, useReplacement } from './replace.js';
import { addScriptSecurity } from './script-security.js';
import { disableForLine } from './suppress.js';
import { defineTrackScript } from './track-script.js';
import { renameInstance, renameProxy, renameServer } from './unique-names.js';
import { freeVrid } from './vrid.js';
import { moveRuleUp } from './move-rule.js';
import { nameDefaults } from './defaults-from.js';
import { addUnicastPeer, bridgeWeight, nopreemptOnLeader, removeOwnAddress, startAsBackup, trackUnusedScript } from './vrrp-fixes.js';
import { acceptVipTraffic, fixIgnoredAuth, keepPreemptionSetting, removeVrrpStrict, stateOfOwner } from './keepalived-overrides.js';

export type { QuickFix } from './quick-fix.js';

const FIXERS: Readonly<Record<string, Fixer>> = {
  'unknown-keyword': useReplacement,
  'invalid-state': useReplacement,
  'invalid-auth-type': useReplacement,
  'missing-final-newline': addFinalNewline,
  'misplaced-rule': moveRuleUp,
  'ambiguous-defaults': nameDefaults,
  'undefined-backend': createBackend,
  'bind-not-vip': bindVip,
  'undefined-track-script': defineTrackScript,
  'auth-pass-too-long': shortenAuthPass,
  'script-security-missing': addScriptSecurity,
  'own-address-in-peers': removeOwnAddress,
  'nopreempt-with-master': keepPreemptionSetting,
  'auth-ignored': fixIgnoredAuth,
  'vip-traffic-dropped': acceptVipTraffic,
  'owner-state-mismatch': stateOfOwner,
  'vrrp-strict-argument': removeVrrpStrict,
  'advert-int-rounded': useReplacement,
  'multiple-masters': startAsBackup,
  'peer-auth-mismatch': copyAuth,
  'peer-vrid-mismatch': copyVrid,
  'advert-int-mismatch': copyAdvertInt,
  'peer-vip-mismatch': syncPeerVips,
  'duplicate-priority': uniquePriority,
  'unicast-peer-mismatch': addUnicastPeer,
  'weight-cannot-bridge': bridgeWeight,
  'haproxy-not-tracked': trackUnusedScript,
  'nopreempt-on-lower-peer': nopreemptOnLeader,
  'vrid-out-of-range': freeVrid,
  'duplicate-vrid': freeVrid,
  'priority-out-of-range': priorityInRange,
  'advert-int-out-of-range': clampAdvertInt,
  'weight-out-of-range': clampWeight,
  'duplicate-server': renameServer,
  'duplicate-proxy': renameProxy,
  'duplicate-instance': renameInstance,
};

/** The finding of this document with this code at exactly this span, from the latest analysis. */
function findingAt(ctx: FeatureContext, code: string, span: Span): Finding | undefined {
  return ctx.analysis.byFile.get(ctx.path)?.find((f) => f.code === code && f.span.start === span.start && f.span.end === span.end);
}

/** The fixes for the finding a diagnostic stands for; none when the analysis no longer has it. */
export function quickFixes(ctx: FeatureContext, code: string, span: Span): QuickFix[] {
  const finding = findingAt(ctx, code, span);
  if (!finding || (!ctx.haproxy && !ctx.keepalived)) return [];
  return [...(FIXERS[code]?.(ctx, finding) ?? []), ...disableForLine(finding)];
}
