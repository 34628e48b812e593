/**
 * Values of the Jinja subset, with Python's meaning: how they print, compare and test true. Two values exist
 * only here: Undefined (a name nothing defines) and Unknown (a value that exists but is known only on the
 * host, like a gathered fact). Neither is ever guessed: printing one leaves the expression opaque, deciding on
 * one stops the rendering.
 */

/** A mapping: a Python dict, or a lazy view (hostvars) whose entries are computed on access. */
export abstract class Mapping {
  abstract get(key: string): Value | undefined;
  abstract keys(): string[];
  /** What error messages call it (Jinja says "dict object"). */
  abstract readonly label: string;
}

export class Dict extends Mapping {
  readonly label = 'dict object';
  constructor(readonly entries: Map<string, Value> = new Map()) {
    super();
  }
  get(key: string): Value | undefined {
    return this.entries.get(key);
  }
  keys(): string[] {
    return [...this.entries.keys()];
  }
}

/** A mapping whose entries are computed when asked for (hostvars, one host's variables). */
export class LazyDict extends Mapping {
  constructor(
    readonly label: string,
    private readonly names: () => string[],
    private readonly lookup: (key: string) => Value | undefined,
  ) {
    super();
  }
  get(key: string): Value | undefined {
    return this.lookup(key);
  }
  keys(): string[] {
    return this.names();
  }
}

/** A name or attribute nothing defines. */
export class Undefined {
  constructor(readonly description: string) {}
}

/** A value known only on the host (facts, vault-encrypted data, lookups), which may not even exist there. */
export class Unknown {
  constructor(
    readonly why: string,
    /** Whether the value certainly exists (vault data does; a fact may be missing on some hosts). */
    readonly exists = false,
  ) {}
}

/** The `namespace()` object: the one mutable value, so `{% set ns.x = … %}` can leave a loop. */
export class Namespace extends Dict {}

export type Value = string | number | boolean | null | Value[] | Mapping | Undefined | Unknown;

/** Why a template cannot be rendered (for one host): an unsupported construct, a decision on an unknown value. */
export class RenderFailure extends Error {
  constructor(
    message: string,
    /** Template offset the reason concerns. */
    readonly offset: number,
  ) {
    super(message);
  }
}

/** `v`, or the fallback when `v` is missing (None is a value, unlike with `??`). */
export const orElse = (v: Value | undefined, fallback: Value): Value => (v === undefined ? fallback : v);

export const isOpaque = (v: Value): v is Undefined | Unknown => v instanceof Undefined || v instanceof Unknown;

/**
 * The first opaque value inside `v` (itself, a list item, a dict value), if any. A lazy mapping (hostvars) is
 * not looked into; `printing` makes it opaque whole, since nobody prints every host's variables.
 */
export function opaqueIn(v: Value, printing = false): Undefined | Unknown | undefined {
  if (isOpaque(v)) return v;
  if (v instanceof LazyDict) return printing ? new Unknown(`${v.label} is not printed`) : undefined;
  if (Array.isArray(v)) {
    for (const item of v) {
      const o = opaqueIn(item, printing);
      if (o) return o;
    }
  } else if (v instanceof Mapping) {
    for (const k of v.keys()) {
      const o = opaqueIn(v.get(k)!, printing);
      if (o) return o;
    }
  }
  return undefined;
}

/** What an opaque value stands for, in a sentence. */
export const whyOpaque = (v: Undefined | Unknown): string => (v instanceof Undefined ? v.description : v.why);

export function typeName(v: Value): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Mapping) return 'dict';
  return v instanceof Undefined ? 'undefined' : 'unknown';
}

function quoteRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(q === "'" ? /'/g : /"/g, `\\${q}`);
  return q + body + q;
}

function numberText(n: number): string {
  if (Number.isInteger(n) || !Number.isFinite(n)) return Number.isFinite(n) ? String(n) : n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
  return String(n);
}

/** Python's repr(), as lists and dicts print their items. */
export function repr(v: Value): string {
  if (typeof v === 'string') return quoteRepr(v);
  if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
  if (v instanceof Mapping) return `{${v.keys().map((k) => `${quoteRepr(k)}: ${repr(v.get(k) ?? null)}`).join(', ')}}`;
  return str(v);
}

/** Python's str(): what `{{ value }}` prints (Ansible prints None as an empty string: see printed()). */
export function str(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return 'None';
  if (Array.isArray(v) || v instanceof Mapping) return repr(v);
  return '';
}

/** Python truthiness; undefined for values whose truth is unknown. */
export function truthy(v: Value): boolean | undefined {
  if (isOpaque(v)) return undefined;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  return v.keys().length > 0;
}

/** Python ==, with True == 1 and deep comparison of lists and dicts. */
export function equal(a: Value, b: Value): boolean {
  const num = (x: Value) => (typeof x === 'boolean' ? Number(x) : x);
  const x = num(a);
  const y = num(b);
  if (typeof x === 'number' || typeof y === 'number') return x === y;
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((item, i) => equal(item, y[i]!));
  if (x instanceof Mapping && y instanceof Mapping) {
    const keys = x.keys();
    return keys.length === y.keys().length && keys.every((k) => y.get(k) !== undefined && equal(x.get(k)!, y.get(k)!));
  }
  return x === y;
}

/** Python ordering (numbers with numbers, strings with strings, lists item by item); undefined when Python raises. */
export function compare(a: Value, b: Value): number | undefined {
  const num = (x: Value) => (typeof x === 'boolean' ? Number(x) : x);
  const x = num(a);
  const y = num(b);
  if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = compare(x[i]!, y[i]!);
      if (c !== 0) return c;
    }
    return x.length - y.length;
  }
  return undefined;
}

/** Items a `for` loop (or a filter) walks: list items, dict keys, string characters. */
export function iterate(v: Value): Value[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Mapping) return v.keys();
  if (typeof v === 'string') return [...v];
  return undefined;
}

/**
 * A plain JS structure from YAML or JSON as a Value (objects become dicts). `leaf`
 * sees every item first and may convert it (templated strings, vault data); what it leaves and no Value can
 * hold is unknown.
 */
export function fromData(data: unknown, leaf: (x: unknown) => Value | undefined = () => undefined): Value {
  const own = leaf(data);
  if (own !== undefined) return own;
  if (data === null || data === undefined) return null;
  if (typeof data === 'string' || typeof data === 'boolean' || typeof data === 'number') return data;
  if (Array.isArray(data)) return data.map((d) => fromData(d, leaf));
  if (Object.getPrototypeOf(data) === Object.prototype) {
    return new Dict(new Map(Object.keys(data as object).map((k) => [k, fromData((data as Record<string, unknown>)[k], leaf)])));
  }
  return new Unknown('a value hapair cannot read');
}
