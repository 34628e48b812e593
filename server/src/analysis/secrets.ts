/**
 * Secrets written in configs (keepalived auth_pass, HAProxy user passwords and stats credentials) must never be
 * printed where logs keep them: CI output, SARIF uploads. Rules already leave them out of messages; the CLI
 * also shows source lines, and masks every occurrence of a file's secrets in what it prints.
 */
import type { SourceFile } from '../syntax/text.js';

/**
 * `auth_pass X`; HAProxy `password X`, `insecure-password X` (userlists); `stats auth user:X`. A commented-out line
 * may still hold a real password and is masked too, except for the plain word "password", which comments use as
 * prose ("a password without a type"): masking "without" would only garble messages.
 */
const SECRET_PATTERNS: ReadonlyArray<{ pattern: RegExp; prose: boolean }> = [
  { pattern: /\bauth_pass[ \t]+("[^"\n]*"?|[^\s#!]+)/g, prose: false },
  { pattern: /\b(?:insecure-)?password[ \t]+(\S+)/g, prose: true },
  { pattern: /\bstats[ \t]+auth[ \t]+[^:\s]*:(\S+)/g, prose: false },
];

export const MASK = '********';

const cache = new WeakMap<SourceFile, string[]>();

/** The secret values written in a file, longest first (so a secret containing another is masked whole). */
export function secretsOf(file: SourceFile): string[] {
  let secrets = cache.get(file);
  if (!secrets) {
    const found = new Set<string>();
    if (/auth_pass|password|stats[ \t]+auth/.test(file.text)) {
      for (const { pattern, prose } of SECRET_PATTERNS) {
        for (const m of file.text.matchAll(pattern)) {
          if (prose && /[#!]/.test(file.text.slice(file.text.lastIndexOf('\n', m.index) + 1, m.index))) continue;
          const value = m[1]!;
          found.add(value);
          const unquoted = value.replace(/^"|"$/g, '');
          if (unquoted.length > 0) found.add(unquoted);
        }
      }
    }
    secrets = [...found].sort((a, b) => b.length - a.length);
    cache.set(file, secrets);
  }
  return secrets;
}

const WORD_CHAR = /[A-Za-z0-9_]/;

/** Whether `text[at…]` holds `s` as a word of its own: not glued to letters or digits on a side where `s` has one. */
function standsAlone(text: string, at: number, s: string): boolean {
  const before = text[at - 1];
  const after = text[at + s.length];
  return !(before !== undefined && WORD_CHAR.test(before) && WORD_CHAR.test(s[0]!)) && !(after !== undefined && WORD_CHAR.test(after) && WORD_CHAR.test(s[s.length - 1]!));
}

/**
 * `text` with every occurrence of the given secrets replaced by a fixed mask (which also hides their length). Only
 * whole words are masked: a short password (`auth_pass x`, the sample's `1111`) must not turn "HAProxy" into
 * "HAPro********y"; a longer word that merely contains the password is not the password.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (!out.includes(s)) continue;
    let masked = '';
    let from = 0;
    for (let at = out.indexOf(s); at !== -1; at = out.indexOf(s, at + 1)) {
      if (at < from || !standsAlone(out, at, s)) continue;
      masked += out.slice(from, at) + MASK;
      from = at + s.length;
    }
    out = masked + out.slice(from);
  }
  return out;
}
