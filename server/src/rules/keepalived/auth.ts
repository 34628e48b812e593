import type { Setting } from '../../model/keepalived.js';
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
