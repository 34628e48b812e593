import { effectiveVersion, strictModeLine, type GlobalDefs, type Setting, type VrrpInstance } from '../../model/keepalived.js';
import type { KeepalivedVersion } from '../../knowledge/versions.js';
import type { KStatement } from '../../syntax/keepalived/ast.js';
import { KWORD_ESCAPED } from '../../syntax/keepalived/lexer.js';

/**
 * The auth_pass text keepalived's VRRP process really uses, before truncation to 8 bytes; undefined when unknowable.
 * An unquoted `\#` or `\!` survives only the first of keepalived's two comment-stripping passes: the parent turns
 * `pa\#ss` into `pa#ss` in its config copy and the VRRP child then cuts it at the `#`, keeping `pa`
 * (keepalived 2.2.7 prints no "Truncating auth_pass" for `pa\#ssword12`, but does for `"pa#ssword12"`).
 */
export function vrrpAuthPass(pass: Setting | undefined): string | undefined {
  if (!pass || pass.opaque || pass.text === undefined) return undefined;
  if (!(pass.word.flags & KWORD_ESCAPED)) return pass.text;
  const raw = pass.word.text.slice(0, pass.word.text.search(/\\[#!]/));
  return raw.includes('$') ? undefined : raw;
}

/** Why keepalived runs an instance with an authentication block but without authentication, if it does. */
export type IgnoredAuth = { readonly why: 'strict'; readonly line: KStatement } | { readonly why: 'version-3' | 'no-password' | 'no-type' };

/**
 * The reason the instance's authentication block goes unused, in keepalived's own order (the first reason it meets is
 * the one it logs): strict mode, VRRPv3, `auth_type` without `auth_pass`; and an `auth_pass` without `auth_type`,
 * which keepalived accepts silently and never sends. Undefined when the block is used, or there is none.
 */
export function ignoredAuth(inst: VrrpInstance, globals: GlobalDefs, target: KeepalivedVersion): IgnoredAuth | undefined {
  if (!inst.authBlock) return undefined;
  const strict = strictModeLine(inst, globals, target);
  if (strict) return { why: 'strict', line: strict };
  if (effectiveVersion(inst, globals) === 3) return { why: 'version-3' };
  if (inst.authType?.text !== undefined && !inst.authPass) return { why: 'no-password' };
  if (!inst.authType && inst.authPass) return { why: 'no-type' };
  return undefined;
}
