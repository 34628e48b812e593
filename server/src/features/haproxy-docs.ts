/**
 * The documentation of one HAProxy word, as markdown: what it is, our description with its arguments and
 * default, the versions that have it, and a link to the manual of the target version. Hover shows it; the
 * completion list shows it beside each entry.
 */
import type { HaproxyVersion } from '../knowledge/versions.js';
import { availability, versionsWith, type FetchEntry, type Versioned } from '../knowledge/haproxy/catalog.js';
import { haproxyDescription } from '../knowledge/haproxy/descriptions.js';
import { haproxyManualUrl, type ManualTopic } from '../knowledge/haproxy/manual.js';

/** A word of a HAProxy line, identified by what HAProxy reads it as. */
export type HaproxyTerm =
  | { readonly kind: 'section'; readonly name: string; readonly entry?: Versioned }
  /**
   * A section's first word, or a pair such as `stats uri`, `tcp-request content`, `balance roundrobin`;
   * `value` when the second word is a value of the first (the manual describes it under the keyword).
   */
  | { readonly kind: 'keyword'; readonly section: string; readonly name: string; readonly entry?: Versioned; readonly value?: boolean }
  | { readonly kind: 'option' | 'timeout'; readonly section: string; readonly name: string; readonly entry?: Versioned }
  | { readonly kind: 'bind' | 'server'; readonly name: string; readonly entry?: Versioned }
  | { readonly kind: 'action'; readonly ruleset: string; readonly name: string; readonly entry?: Versioned }
  | { readonly kind: 'fetch' | 'converter'; readonly name: string; readonly entry?: FetchEntry };

const PROXIES: ReadonlySet<string> = new Set(['defaults', 'frontend', 'backend', 'listen']);

/** How the term is written in full: `option httpchk`, `http-request set-header`. */
export function termTitle(t: HaproxyTerm): string {
  switch (t.kind) {
    case 'option':
    case 'timeout':
      return `${t.kind} ${t.name}`;
    case 'action':
      return `${t.ruleset} ${t.name}`;
    default:
      return t.name;
  }
}

function kindLabel(t: HaproxyTerm): string {
  switch (t.kind) {
    case 'section': return 'section';
    case 'keyword': return PROXIES.has(t.section) ? 'proxy keyword' : `${t.section} keyword`;
    case 'option': return 'proxy option';
    case 'timeout': return 'timeout';
    case 'bind': return 'bind parameter';
    case 'server': return 'server parameter';
    case 'action': return `${t.ruleset} action`;
    case 'fetch': return 'sample fetch';
    case 'converter': return 'converter';
  }
}

function description(t: HaproxyTerm) {
  if (t.kind === 'keyword') return haproxyDescription(t.section, t.name);
  return haproxyDescription(t.kind, t.name);
}

function topic(t: HaproxyTerm): ManualTopic {
  switch (t.kind) {
    case 'section': return { kind: 'section', name: t.name };
    case 'keyword': return { kind: 'keyword', section: t.section, name: t.value ? t.name.split(' ')[0]! : t.name };
    case 'option':
    case 'timeout': return { kind: 'keyword', section: t.section, name: `${t.kind} ${t.name}` };
    case 'action': return { kind: 'action', ruleset: t.ruleset, name: t.name };
    default: return { kind: t.kind, name: t.name };
  }
}

/** One line about the versions: which have it, and what that means for the target. */
export function versionLine(entry: Versioned | undefined, target: HaproxyVersion): string | undefined {
  if (!entry) return undefined;
  const a = availability(entry, target);
  const have = versionsWith(entry);
  const list = have.length > 0 ? `HAProxy ${have.join(', ')}` : 'no HAProxy version hapair knows';
  switch (a) {
    case 'yes': return list;
    case 'deprecated': return `${list} · **deprecated**`;
    case 'maybe': return entry.build ? `${list} · needs a build with ${entry.build}` : `${list} · not confirmed for ${target}`;
    case 'too-new': return `${list} · **not in ${target}** (your target)`;
    case 'removed': return `**removed**${entry.removedIn ? ` in HAProxy ${entry.removedIn}` : ''} · your target is ${target}`;
  }
}

/** What a fetch or converter takes and gives, from the keyword dump. */
function signature(t: HaproxyTerm): string | undefined {
  if ((t.kind !== 'fetch' && t.kind !== 'converter') || !t.entry) return undefined;
  const e = t.entry;
  const args = typeof e.args === 'string' ? `(${e.args})` : '';
  return `\`${t.name}${args}\`${e.in ? ` · input ${e.in}` : ''}${e.out ? ` · output ${e.out}` : ''}`;
}

/** The markdown documentation of a term for a target version. */
export function termDoc(t: HaproxyTerm, target: HaproxyVersion, heading = true): string {
  const parts: string[] = [];
  if (heading) parts.push(`**${termTitle(t)}** · ${kindLabel(t)}`);
  const d = description(t);
  if (d) parts.push(d.text);
  const sig = signature(t);
  if (d?.args) parts.push(`\`${termTitle(t)} ${d.args}\``);
  else if (sig) parts.push(sig);
  if (d?.default) parts.push(`Default: ${d.default}`);
  const versions = versionLine(t.entry, target);
  parts.push(`${versions ? `${versions} · ` : ''}[HAProxy ${target} manual](${haproxyManualUrl(topic(t), target)})`);
  return parts.join('\n\n');
}

/** The short text next to a completion entry: the kind, and a version warning when there is one. */
export function termDetail(t: HaproxyTerm, target: HaproxyVersion): string {
  const a = t.entry ? availability(t.entry, target) : 'yes';
  const note = a === 'deprecated' ? ' (deprecated)' : a === 'maybe' && t.entry?.build ? ` (build with ${t.entry.build})` : '';
  const out = (t.kind === 'fetch' || t.kind === 'converter') && t.entry?.out ? ` → ${t.entry.out}` : '';
  return `${kindLabel(t)}${out}${note}`;
}
