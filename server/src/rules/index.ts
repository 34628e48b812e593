/** The rule registry: every rule hapair knows, in one list. A test checks that ids are unique and match file names,
 * fixture folders and the docs. */
import { rule as parseError } from './syntax/parse-error.js';
import { rule as unbalancedBraces } from './syntax/unbalanced-braces.js';
import { rule as unknownKeyword } from './common/unknown-keyword.js';
import { rule as invalidAddress } from './common/invalid-address.js';
import { rule as ambiguousDefaults } from './haproxy/ambiguous-defaults.js';
import { rule as duplicateProxy } from './haproxy/duplicate-proxy.js';
import { rule as duplicateServer } from './haproxy/duplicate-server.js';
import { rule as invalidInheritance } from './haproxy/invalid-inheritance.js';
import { rule as invalidName } from './haproxy/invalid-name.js';
import { rule as invalidValue } from './haproxy/invalid-value.js';
import { rule as keywordOutsideSection } from './haproxy/keyword-outside-section.js';
import { rule as misplacedRule } from './haproxy/misplaced-rule.js';
import { rule as missingFinalNewline } from './haproxy/missing-final-newline.js';
import { rule as missingTimeouts } from './haproxy/missing-timeouts.js';
import { rule as modeMismatch } from './haproxy/mode-mismatch.js';
import { rule as undefinedAcl } from './haproxy/undefined-acl.js';
import { rule as undefinedBackend } from './haproxy/undefined-backend.js';
import { rule as advertIntOutOfRange } from './keepalived/advert-int-out-of-range.js';
import { rule as advertIntRounded } from './keepalived/advert-int-rounded.js';
import { rule as authIgnored } from './keepalived/auth-ignored.js';
import { rule as authPassTooLong } from './keepalived/auth-pass-too-long.js';
import { rule as duplicateInstance } from './keepalived/duplicate-instance.js';
import { rule as duplicateVrid } from './keepalived/duplicate-vrid.js';
import { rule as escapedCommentChar } from './keepalived/escaped-comment-char.js';
import { rule as invalidAuthType } from './keepalived/invalid-auth-type.js';
import { rule as invalidState } from './keepalived/invalid-state.js';
import { rule as masterWithoutPriority } from './keepalived/master-without-priority.js';
import { rule as missingValue } from './keepalived/missing-value.js';
import { rule as noVip } from './keepalived/no-vip.js';
import { rule as nopreemptWithMaster } from './keepalived/nopreempt-with-master.js';
import { rule as ownAddressInPeers } from './keepalived/own-address-in-peers.js';
import { rule as ownerStateMismatch } from './keepalived/owner-state-mismatch.js';
import { rule as priorityOutOfRange } from './keepalived/priority-out-of-range.js';
import { rule as scriptSecurityMissing } from './keepalived/script-security-missing.js';
import { rule as singleQuotedValue } from './keepalived/single-quoted-value.js';
import { rule as syncGroupIgnoresWeight } from './keepalived/sync-group-ignores-weight.js';
import { rule as unbracedParameter } from './keepalived/unbraced-parameter.js';
import { rule as undefinedTrackScript } from './keepalived/undefined-track-script.js';
import { rule as unicastWithoutPeers } from './keepalived/unicast-without-peers.js';
import { rule as vipFamilyMismatch } from './keepalived/vip-family-mismatch.js';
import { rule as vipTrafficDropped } from './keepalived/vip-traffic-dropped.js';
import { rule as vrrpStrictArgument } from './keepalived/vrrp-strict-argument.js';
import { rule as vridOutOfRange } from './keepalived/vrid-out-of-range.js';
import { rule as weightOutOfRange } from './keepalived/weight-out-of-range.js';
import { rule as advertIntMismatch } from './cross/advert-int-mismatch.js';
import { rule as bindNotVip } from './cross/bind-not-vip.js';
import { rule as duplicatePriority } from './cross/duplicate-priority.js';
import { rule as haproxyNotTracked } from './cross/haproxy-not-tracked.js';
import { rule as multipleMasters } from './cross/multiple-masters.js';
import { rule as nopreemptOnLowerPeer } from './cross/nopreempt-on-lower-peer.js';
import { rule as peerAuthMismatch } from './cross/peer-auth-mismatch.js';
import { rule as peerVipMismatch } from './cross/peer-vip-mismatch.js';
import { rule as peerVridMismatch } from './cross/peer-vrid-mismatch.js';
import { rule as unicastPeerMismatch } from './cross/unicast-peer-mismatch.js';
import { rule as versionMismatch } from './cross/version-mismatch.js';
import { rule as weightCannotBridge } from './cross/weight-cannot-bridge.js';
import { rule as unresolvedInclude } from './keepalived/unresolved-include.js';
import { rule as templateNotRendered } from './ansible/template-not-rendered.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  parseError,
  unbalancedBraces,
  unknownKeyword,
  invalidAddress,
  ambiguousDefaults,
  duplicateProxy,
  duplicateServer,
  invalidInheritance,
  invalidName,
  invalidValue,
  keywordOutsideSection,
  misplacedRule,
  missingFinalNewline,
  missingTimeouts,
  modeMismatch,
  undefinedAcl,
  undefinedBackend,
  advertIntOutOfRange,
  advertIntRounded,
  authIgnored,
  authPassTooLong,
  duplicateInstance,
  duplicateVrid,
  escapedCommentChar,
  invalidAuthType,
  invalidState,
  masterWithoutPriority,
  missingValue,
  noVip,
  nopreemptWithMaster,
  ownAddressInPeers,
  ownerStateMismatch,
  priorityOutOfRange,
  scriptSecurityMissing,
  singleQuotedValue,
  syncGroupIgnoresWeight,
  unbracedParameter,
  undefinedTrackScript,
  unicastWithoutPeers,
  vipFamilyMismatch,
  vipTrafficDropped,
  vridOutOfRange,
  vrrpStrictArgument,
  weightOutOfRange,
  advertIntMismatch,
  bindNotVip,
  duplicatePriority,
  haproxyNotTracked,
  multipleMasters,
  nopreemptOnLowerPeer,
  peerAuthMismatch,
  peerVipMismatch,
  peerVridMismatch,
  unicastPeerMismatch,
  versionMismatch,
  weightCannotBridge,
  unresolvedInclude,
  templateNotRendered,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
