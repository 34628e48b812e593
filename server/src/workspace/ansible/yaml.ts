/**
 * YAML as Ansible reads it, behind one function so the parser can be swapped: the YAML 1.2 core schema plus
 * what Ansible's YAML 1.1 loader adds (`yes`/`no`/`on`/`off` booleans, `<<` merge keys) and its two tags:
 * `!vault` (encrypted, unknown here) and `!unsafe` (a string Ansible never templates). Dates stay strings.
 */
import * as jsYaml from 'js-yaml';
import { CORE_SCHEMA, load, Type } from 'js-yaml';

/** js-yaml exports its built-in types (the `<<` merge key among them); @types/js-yaml does not declare them. */
const { types } = jsYaml as unknown as { types: { merge: Type } };

/** A `!vault` value: encrypted, so its content is unknown to hapair. */
export class Encrypted {}

/** A `!unsafe` string: taken literally, never rendered as a template. */
export class Unsafe {
  constructor(readonly text: string) {}
}

const TRUE = /^(?:true|True|TRUE|yes|Yes|YES|on|On|ON)$/;
const FALSE = /^(?:false|False|FALSE|no|No|NO|off|Off|OFF)$/;

const SCHEMA = CORE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (d) => typeof d === 'string' && (TRUE.test(d) || FALSE.test(d)), construct: (d) => TRUE.test(String(d)) }),
    types.merge,
  ],
  explicit: [
    new Type('!vault', { kind: 'scalar', construct: () => new Encrypted() }),
    new Type('!unsafe', { kind: 'scalar', construct: (d) => new Unsafe(String(d ?? '')) }),
  ],
});

/** Parses one YAML document; returns the problem (with its 0-based line, when the parser says) instead of throwing. */
export function parseYaml(text: string): { value: unknown } | { error: string; line?: number } {
  try {
    return { value: load(text, { schema: SCHEMA }) };
  } catch (e) {
    const mark = (e as { mark?: { line?: unknown } }).mark;
    // The message ends with the place, `(line:column)`; where it is known, the problem is shown there instead.
    const line = typeof mark?.line === 'number' ? mark.line : undefined;
    const message = (e as Error).message.split('\n')[0]!;
    return { error: line === undefined ? message : message.replace(/ \(\d+:\d+\)$/, ''), line };
  }
}
