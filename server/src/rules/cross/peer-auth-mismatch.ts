import { effectiveAuthPass, effectiveVersion, type GlobalDefs, type VrrpInstance } from '../../model/keepalived.js';
import type { KeepalivedVersion } from '../../knowledge/versions.js';
import type { PeerMember } from '../../workspace/types.js';
import type { PeerRule } from '../rule.js';
import { reportDifferences } from './peers.js';
import { ignoredAuth, vrrpAuthPass } from '../keepalived/auth.js';

/** What goes on the wire: the auth type and the first 8 bytes of the password; undefined when unknowable. */
function authOf(inst: VrrpInstance, globals: GlobalDefs, target: KeepalivedVersion): Auth | undefined {
  if (effectiveVersion(inst, globals) === undefined) return undefined;
  // A block keepalived ignores (strict mode, VRRPv3, a part missing: see auth-ignored) sends no authentication.
  if (ignoredAuth(inst, globals, target)) return { type: 'none', pass: '' };
  if (inst.authType?.opaque || inst.authPass?.opaque) return undefined;
  const type = inst.authType?.text ?? 'none';
  // An unknown auth_type is rejected (see invalid-auth-type): no authentication either.
  if ((type !== 'PASS' && type !== 'AH') || !inst.authPass) return { type: 'none', pass: '' };
  const pass = vrrpAuthPass(inst.authPass);
  return pass === undefined ? undefined : { type, pass: effectiveAuthPass(pass) };
}

type Auth = { type: string; pass: string };

function describe(a: Auth, comparedWith?: Auth): string {
  if (a.type === 'none') return 'no authentication';
  return comparedWith?.type === a.type ? `auth_type ${a.type} with a password whose first 8 characters differ` : `auth_type ${a.type}`;
}

export const rule: PeerRule = {
  id: 'peer-auth-mismatch',
  scope: 'peers',
  severity: 'error',
  summary: 'Peers differ in auth_type or in the first 8 characters of auth_pass.',
  docs: 'Each node drops adverts whose authentication does not match its own ("received an invalid passwd!") and both become MASTER. keepalived compares only the first 8 bytes of auth_pass, so `secret123` and `secret12X` do work together and are not reported here (see auth-pass-too-long). Passwords are never shown in messages.',
  check(group, report, context) {
    const anchor = (m: PeerMember) => m.instance.authPass ?? m.instance.authType;
    reportDifferences(
      group.members,
      (m) => authOf(m.instance, m.model.globalDefs, context.versions.keepalived),
      anchor,
      (a) => `${a.type}\0${a.pass}`,
      describe,
      'each rejects the other\'s adverts ("received an invalid passwd!") and both become MASTER',
      report,
    );
  },
};
