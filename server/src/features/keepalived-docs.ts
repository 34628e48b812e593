/**
 * The documentation of a keepalived keyword as markdown (hover and completion): the description from the
 * keyword tree, the shape of its argument, the versions that have it, and the manual link.
 */
import { KEEPALIVED_VERSIONS, type KeepalivedVersion } from '../knowledge/versions.js';
import { availableIn, blockOf, type ArgSpec, type BlockSpec, type KeywordSpec } from '../knowledge/keepalived/keywords.js';
import { blockLabel } from '../knowledge/keepalived/lookup.js';
import { KEEPALIVED_MANUAL_URL } from '../knowledge/keepalived/manual.js';

const range = (a: ArgSpec) => (a.min !== undefined && a.max !== undefined ? ` ${a.min}–${a.max}` : a.min !== undefined ? ` ≥ ${a.min}` : a.max !== undefined ? ` ≤ ${a.max}` : '');

/** The argument in words: `integer 1–255`, `one of MASTER, BACKUP`, `none`. */
export function argShape(a: ArgSpec): string {
  const optional = a.optional && a.kind !== 'none' ? ' (optional)' : '';
  switch (a.kind) {
    case 'none': return 'no argument';
    case 'int': return `integer${range(a)}${optional}`;
    case 'decimal': return `number${range(a)}${optional}`;
    case 'bool': return `on/off, true/false or yes/no${a.optional ? ' (alone means on)' : ''}`;
    case 'enum': return `one of ${a.values!.map((v) => `\`${v}\``).join(', ')}${optional}`;
    case 'ip': return `IP address${optional}`;
    case 'ip-prefix': return `address[/prefix]${optional}`;
    case 'string': return `text${optional}`;
    case 'command': return `command (quote it when it has arguments)${optional}`;
    case 'name': return `name${optional}`;
    case 'path': return `file path${optional}`;
    case 'words': return `words${optional}`;
  }
}

/** `keepalived 2.0, 2.1, 2.2, 2.3`, with a note when the target lacks it. */
export function keepalivedVersionLine(spec: KeywordSpec, target: KeepalivedVersion): string {
  const have = KEEPALIVED_VERSIONS.filter((v) => availableIn(spec, v));
  let line = have.length > 0 ? `keepalived ${have.join(', ')}` : 'no keepalived version hapair knows';
  if (spec.sinceRelease) line += ` (added in ${spec.sinceRelease})`;
  if (!availableIn(spec, target)) line += ` · **not in ${target}** (your target)`;
  if (spec.deprecated) line += ` · **deprecated**: ${spec.deprecated}`;
  return line;
}

export function keepalivedKeywordDoc(spec: KeywordSpec, block: BlockSpec, target: KeepalivedVersion, heading = true): string {
  const parts: string[] = [];
  if (heading) parts.push(`**${spec.name}** · keepalived keyword (${blockLabel(block.id)})`);
  parts.push(spec.doc);
  const opens = spec.opens ? blockOf(spec.opens) : undefined;
  if (opens) parts.push(`Opens a \`{ }\` block of ${opens.content === 'list' ? 'entries' : 'keywords'}${spec.arg.kind !== 'none' ? `; takes a ${argShape(spec.arg)}` : ''}.`);
  else parts.push(`Argument: ${argShape(spec.arg)}`);
  parts.push(`${keepalivedVersionLine(spec, target)} · [keepalived.conf(5) manual](${KEEPALIVED_MANUAL_URL})`);
  return parts.join('\n\n');
}
