/**
 * Secrets written in configs (keepalived auth_pass, HAProxy user passwords and stats credentials) must never be
 * printed where logs keep them: CI output, SARIF uploads. Rules already leave them out of messages; the CLI
 * also shows source lines, and masks every occurrence of a file's secrets in what it prints.
 */
import type { SourceFile } from '../syntax/text.js';

/** `auth_pass X`; HAProxy `password X`, `insecure-password X` (userlists); `stats auth user:X`. */
const SECRET_PATTERNS = [/\bauth_pass[ \t]+("[^"\n]*"?|[^\s#!]+)/g, /\b(?:insecure-)?password[ \t]+(\S+)/g, /\bstats[ \t]+auth[ \t]+[^:\s]*:(\S+)/g];

export const MASK = '********';

const cache = new WeakMap<SourceFile, string[]>();

/** The secret values written in a file, longest first (so a secret containing another is masked whole). */
export function secretsOf(file: SourceFile): string[] {
  let secrets = cache.get(file);
  if (!secrets) {
    const found = new Set<string>();
    if (/auth_pass|password|stats[ \t]+auth/.test(file.text)) {
      for (const pattern of SECRET_PATTERNS) {
        for (const m of file.text.matchAll(pattern)) {
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

/** `text` with every occurrence of the given secrets replaced by a fixed mask (which also hides their length). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(MASK);
  return out;
}
