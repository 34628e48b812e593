/**
 * The filters and tests of the subset: Jinja's common ones and the pure Ansible ones seen in load-balancer
 * templates (ipaddr, regex_replace, ternary, dict2items…). All are computations on values: none reads files,
 * runs commands or looks anything up. A filter outside the list stops the rendering with its name.
 */
import { parseIp } from '../../../model/address.js';
import { compare, Dict, equal, isOpaque, iterate, Mapping, RenderFailure, str, truthy, typeName, orElse, Undefined, Unknown, type Value } from './values.js';

/** What a filter or test receives besides its input. */
export interface Call {
  readonly args: readonly Value[];
  readonly kwargs: ReadonlyMap<string, Value>;
  /** Template offset of the filter, for failures. */
  readonly at: number;
}

const fail = (call: Call, message: string): never => {
  throw new RenderFailure(message, call.at);
};

/** Positional argument `i`, or keyword `name`, or the fallback. */
function arg(call: Call, i: number, name: string, fallback: Value): Value {
  return orElse(call.args[i], orElse(call.kwargs.get(name), fallback));
}

function asList(v: Value, call: Call, name: string): Value[] {
  const items = iterate(v);
  if (!items) fail(call, `the ${name} filter needs a list, not ${typeName(v)}`);
  return items!;
}

function asNumber(v: Value, call: Call, name: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return Number(v);
  return fail(call, `the ${name} filter needs a number, not ${typeName(v)}`);
}

/** An item's attribute for sort/map/selectattr: `a.b` walks dicts. */
function attribute(item: Value, path: string): Value {
  let v: Value = item;
  for (const part of path.split('.')) {
    if (v instanceof Mapping) v = orElse(v.get(part), new Undefined(`'${typeName(v)}' object has no attribute '${part}'`));
    else if (Array.isArray(v) && /^\d+$/.test(part)) v = orElse(v[Number(part)], new Undefined(`index ${part} is out of range`));
    else return new Undefined(`'${typeName(v)}' object has no attribute '${part}'`);
  }
  return v;
}

/** Python's int(): numbers truncate, numeric strings parse, anything else gives the default. */
function toInt(v: Value, fallback: Value, base: number): Value {
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') {
    const s = v.trim();
    if (base === 10 && /^[-+]?\d+(\.\d*)?$/.test(s)) return Math.trunc(Number(s));
    const n = parseInt(s.replace(/^0[xob]/i, ''), base);
    return Number.isNaN(n) ? fallback : n;
  }
  return fallback;
}

/** Python regex syntax (named groups, `\g<1>` in replacements) in JavaScript's. */
function jsRegex(pattern: string, flags: string, call: Call): RegExp {
  try {
    return new RegExp(pattern.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>'), flags);
  } catch (e) {
    return fail(call, `invalid regular expression '${pattern}': ${(e as Error).message}`);
  }
}

const jsReplacement = (r: string) => r.replace(/\$/g, '$$$$').replace(/\\g<(\d+)>|\\(\d)/g, (_, a, b) => `$${a ?? b}`).replace(/\\g<(\w+)>/g, '$<$1>');

/** `ipaddr` and friends for literal addresses: validity, the address part, the prefix length. */
function ipFilter(v: Value, call: Call, family?: 4 | 6): Value {
  const query = str(arg(call, 0, 'query', ''));
  const one = (item: Value): Value => {
    const ip = typeof item === 'string' ? parseIp(item.trim()) : undefined;
    if (!ip || (family && ip.family !== family)) return false;
    const text = (item as string).trim();
    if (query === '' || query === 'bool') return query === 'bool' ? true : text;
    if (query === 'address') return text.replace(/\/.*$/, '');
    if (query === 'prefix') return ip.prefix ?? (ip.family === 4 ? 32 : 128);
    return fail(call, `ipaddr('${query}') is not supported`);
  };
  if (Array.isArray(v)) return v.map(one).filter((x) => x !== false);
  return one(v);
}

/** Shell quoting as Python's shlex.quote does it. */
const shellQuote = (s: string) => (s === '' ? "''" : /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`);

type Filter = (v: Value, call: Call, apply: Applier) => Value;

/** Runs another filter or test by name (map, select). */
export interface Applier {
  filter(name: string, v: Value, call: Call): Value;
  test(name: string, v: Value, call: Call): Value;
}

function join(v: Value, call: Call): Value {
  const items = asList(v, call, 'join');
  const attr = call.kwargs.get('attribute');
  return items.map((i) => str(attr === undefined ? i : attribute(i, str(attr)))).join(str(arg(call, 0, 'd', '')));
}

function sorted(v: Value, call: Call): Value {
  const items = [...asList(v, call, 'sort')];
  const attr = call.kwargs.get('attribute');
  const key = (x: Value) => (attr === undefined ? x : attribute(x, str(attr)));
  const reverse = truthy(arg(call, 0, 'reverse', false)) === true;
  items.sort((a, b) => {
    const c = compare(key(a), key(b));
    if (c === undefined) fail(call, `the sort filter cannot order ${typeName(key(a))} and ${typeName(key(b))}`);
    return reverse ? -c! : c!;
  });
  return items;
}

function extreme(sign: 1 | -1): Filter {
  return (v, call) => {
    const items = asList(v, call, sign > 0 ? 'max' : 'min');
    if (items.length === 0) return new Undefined('no items');
    return items.reduce((best, x) => ((compare(x, best) ?? 0) * sign > 0 ? x : best));
  };
}

/** map('attribute'), map(attribute=…), map('extract', container[, key]), map(filter, args…). */
function mapFilter(v: Value, call: Call, apply: Applier): Value {
  const items = asList(v, call, 'map');
  const attr = call.kwargs.get('attribute');
  if (attr !== undefined) return items.map((i) => attribute(i, str(attr)));
  const name = str(arg(call, 0, 'filter', ''));
  const rest: Call = { args: call.args.slice(1), kwargs: new Map(), at: call.at };
  if (name === 'extract') {
    const container = rest.args[0];
    if (container === undefined) fail(call, "map('extract') needs a container");
    return items.map((i) => {
      let x = subscript(container!, i);
      if (rest.args[1] !== undefined) x = subscript(x, rest.args[1]);
      return x;
    });
  }
  return items.map((i) => apply.filter(name, i, rest));
}

/** `container[key]` with Jinja's lenience: a missing key is undefined, not an error. */
export function subscript(container: Value, key: Value): Value {
  if (isOpaque(container)) return container;
  if (isOpaque(key)) return key;
  if (container instanceof Mapping) return orElse(container.get(str(key)), new Undefined(`'${container.label}' has no attribute '${str(key)}'`));
  if ((Array.isArray(container) || typeof container === 'string') && typeof key === 'number' && Number.isInteger(key)) {
    const i = key < 0 ? container.length + key : key;
    return orElse(container[i], new Undefined(`index ${key} is out of range`));
  }
  return new Undefined(`'${typeName(container)}' object has no item ${str(key)}`);
}

function selectFilter(keep: boolean, byAttribute: boolean): Filter {
  return (v, call, apply) => {
    const items = asList(v, call, 'select');
    const attr = byAttribute ? str(arg(call, 0, 'attribute', '')) : undefined;
    const from = byAttribute ? 1 : 0;
    const testName = call.args[from] === undefined ? undefined : str(call.args[from]!);
    const rest: Call = { args: call.args.slice(from + 1), kwargs: new Map(), at: call.at };
    const out: Value[] = [];
    for (const item of items) {
      const subject = attr === undefined ? item : attribute(item, attr);
      const result = testName === undefined ? truthy(subject) : truthy(apply.test(testName, subject, rest));
      if (result === undefined) return new Unknown('a selection depends on a value known only on the host');
      if (result === keep) out.push(item);
    }
    return out;
  };
}

const setOf = (v: Value, call: Call, name: string) => asList(v, call, name);
const uniqueOf = (items: readonly Value[]) => items.filter((x, i) => items.findIndex((y) => equal(x, y)) === i);

export const FILTERS: ReadonlyMap<string, Filter> = new Map<string, Filter>([
  ['int', (v, call) => toInt(v, arg(call, 0, 'default', 0), asNumber(arg(call, 1, 'base', 10), call, 'int'))],
  ['float', (v, call) => {
    const n = typeof v === 'string' ? Number(v.trim()) : typeof v === 'number' || typeof v === 'boolean' ? Number(v) : NaN;
    return Number.isNaN(n) || (typeof v === 'string' && v.trim() === '') ? arg(call, 0, 'default', 0) : n;
  }],
  ['string', (v) => str(v)],
  ['bool', (v) => (typeof v === 'string' ? ['yes', 'on', '1', 'true', 't', 'y'].includes(v.toLowerCase().trim()) : truthy(v) === true)],
  ['lower', (v) => str(v).toLowerCase()],
  ['upper', (v) => str(v).toUpperCase()],
  ['capitalize', (v) => (s => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase())(str(v))],
  ['title', (v) => str(v).toLowerCase().replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, a, b) => a + b.toUpperCase())],
  ['trim', (v, call) => {
    const chars = arg(call, 0, 'chars', null);
    if (chars === null) return str(v).trim();
    const set = str(chars);
    let s = str(v);
    while (s && set.includes(s[0]!)) s = s.slice(1);
    while (s && set.includes(s[s.length - 1]!)) s = s.slice(0, -1);
    return s;
  }],
  ['replace', (v, call) => {
    const from = str(arg(call, 0, 'old', ''));
    const to = str(arg(call, 1, 'new', ''));
    const count = arg(call, 2, 'count', null);
    if (count === null) return str(v).split(from).join(to);
    const parts = str(v).split(from);
    const n = asNumber(count, call, 'replace');
    return parts.slice(0, n + 1).join(to) + (parts.length > n + 1 ? from + parts.slice(n + 1).join(from) : '');
  }],
  ['join', join],
  ['first', (v, call) => orElse(asList(v, call, 'first')[0], new Undefined('the list is empty'))],
  ['last', (v, call) => {
    const items = asList(v, call, 'last');
    return orElse(items[items.length - 1], new Undefined('the list is empty'));
  }],
  ['length', (v, call) => (v instanceof Mapping ? v.keys().length : asList(v, call, 'length').length)],
  ['list', (v, call) => [...asList(v, call, 'list')]],
  ['sort', sorted],
  ['unique', (v, call) => uniqueOf(asList(v, call, 'unique'))],
  ['reverse', (v, call) => (typeof v === 'string' ? [...v].reverse().join('') : [...asList(v, call, 'reverse')].reverse())],
  ['min', extreme(-1)],
  ['max', extreme(1)],
  ['sum', (v, call) => asList(v, call, 'sum').reduce<number>((a, x) => a + asNumber(x, call, 'sum'), asNumber(arg(call, 1, 'start', 0), call, 'sum'))],
  ['abs', (v, call) => Math.abs(asNumber(v, call, 'abs'))],
  ['quote', (v) => shellQuote(str(v))],
  ['ternary', (v, call) => {
    const t = truthy(v);
    if (v === null && call.args.length > 2) return call.args[2]!;
    return t ? arg(call, 0, 'true_val', null) : arg(call, 1, 'false_val', null);
  }],
  ['split', (v, call) => {
    const sep = arg(call, 0, 'sep', null);
    const s = str(v);
    return sep === null ? s.split(/\s+/).filter(Boolean) : s.split(str(sep));
  }],
  ['map', mapFilter],
  ['select', selectFilter(true, false)],
  ['reject', selectFilter(false, false)],
  ['selectattr', selectFilter(true, true)],
  ['rejectattr', selectFilter(false, true)],
  ['dict2items', (v, call) => {
    if (!(v instanceof Mapping)) return fail(call, `dict2items needs a dict, not ${typeName(v)}`);
    const k = str(arg(call, 0, 'key_name', 'key'));
    const val = str(arg(call, 1, 'value_name', 'value'));
    return v.keys().map((key) => new Dict(new Map<string, Value>([[k, key], [val, v.get(key)!]])));
  }],
  ['items2dict', (v, call) => {
    const k = str(arg(call, 0, 'key_name', 'key'));
    const val = str(arg(call, 1, 'value_name', 'value'));
    return new Dict(new Map(asList(v, call, 'items2dict').map((i) => [str(attribute(i, k)), attribute(i, val)])));
  }],
  ['combine', (v, call) => {
    const out = new Map<string, Value>();
    for (const d of [v, ...call.args]) {
      if (!(d instanceof Mapping)) return fail(call, `combine needs dicts, not ${typeName(d)}`);
      for (const key of d.keys()) out.set(key, d.get(key)!);
    }
    return new Dict(out);
  }],
  ['difference', (v, call) => {
    const other = setOf(arg(call, 0, 'b', []), call, 'difference');
    return uniqueOf(asList(v, call, 'difference').filter((x) => !other.some((y) => equal(x, y))));
  }],
  ['intersect', (v, call) => {
    const other = setOf(arg(call, 0, 'b', []), call, 'intersect');
    return uniqueOf(asList(v, call, 'intersect').filter((x) => other.some((y) => equal(x, y))));
  }],
  ['union', (v, call) => uniqueOf([...asList(v, call, 'union'), ...setOf(arg(call, 0, 'b', []), call, 'union')])],
  ['regex_replace', (v, call) => {
    const flags = `g${truthy(arg(call, 2, 'ignorecase', false)) ? 'i' : ''}${truthy(arg(call, 3, 'multiline', false)) ? 'm' : ''}`;
    return str(v).replace(jsRegex(str(arg(call, 0, 'pattern', '')), flags, call), jsReplacement(str(arg(call, 1, 'replacement', ''))));
  }],
  ['regex_search', (v, call) => jsRegex(str(arg(call, 0, 'pattern', '')), '', call).exec(str(v))?.[0] ?? null],
  ['ipaddr', (v, call) => ipFilter(v, call)],
  ['ipv4', (v, call) => ipFilter(v, call, 4)],
  ['ipv6', (v, call) => ipFilter(v, call, 6)],
]);

/** Collection prefixes Ansible accepts in front of a filter name (`ansible.utils.ipaddr`). */
export function filterName(name: string): string {
  return name.replace(/^ansible\.(builtin|netcommon|utils|legacy)\./, '');
}

function comparison(op: (c: number) => boolean): (v: Value, call: Call) => Value {
  return (v, call) => {
    const c = compare(v, arg(call, 0, 'other', null));
    return c === undefined ? fail(call, `cannot compare ${typeName(v)} with ${typeName(arg(call, 0, 'other', null))}`) : op(c);
  };
}

export const TESTS: ReadonlyMap<string, (v: Value, call: Call) => Value> = new Map<string, (v: Value, call: Call) => Value>([
  ['none', (v) => v === null],
  ['true', (v) => v === true],
  ['false', (v) => v === false],
  ['boolean', (v) => typeof v === 'boolean'],
  ['number', (v) => typeof v === 'number'],
  ['integer', (v) => typeof v === 'number' && Number.isInteger(v)],
  ['float', (v) => typeof v === 'number' && !Number.isInteger(v)],
  ['string', (v) => typeof v === 'string'],
  ['mapping', (v) => v instanceof Mapping],
  ['iterable', (v) => iterate(v) !== undefined],
  ['sequence', (v) => iterate(v) !== undefined],
  ['eq', (v, call) => equal(v, arg(call, 0, 'other', null))],
  ['ne', (v, call) => !equal(v, arg(call, 0, 'other', null))],
  ['lt', comparison((c) => c < 0)],
  ['le', comparison((c) => c <= 0)],
  ['gt', comparison((c) => c > 0)],
  ['ge', comparison((c) => c >= 0)],
  ['in', (v, call) => (iterate(arg(call, 0, 'seq', [])) ?? []).some((x) => equal(x, v))],
  ['divisibleby', (v, call) => asNumber(v, call, 'divisibleby') % asNumber(arg(call, 0, 'num', 1), call, 'divisibleby') === 0],
  ['odd', (v, call) => Math.abs(asNumber(v, call, 'odd')) % 2 === 1],
  ['even', (v, call) => asNumber(v, call, 'even') % 2 === 0],
  ['lower', (v) => typeof v === 'string' && v === v.toLowerCase()],
  ['upper', (v) => typeof v === 'string' && v === v.toUpperCase()],
  ['match', (v, call) => jsRegex(`^(?:${str(arg(call, 0, 'pattern', ''))})`, '', call).test(str(v))],
  ['search', (v, call) => jsRegex(str(arg(call, 0, 'pattern', '')), '', call).test(str(v))],
  ['truthy', (v) => truthy(v) === true],
  ['falsy', (v) => truthy(v) === false],
]);

const TEST_ALIASES = new Map<string, string>(Object.entries({ '==': 'eq', equalto: 'eq', sameas: 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', lessthan: 'lt', greaterthan: 'gt', regex: 'search' }));

export const testName = (name: string) => TEST_ALIASES.get(filterName(name)) ?? filterName(name);

/** Filters that look into their input's items and must see every one of them known. */
export const NEEDS_KNOWN_ITEMS = new Set(['join', 'sort', 'unique', 'min', 'max', 'sum', 'string', 'difference', 'intersect', 'union', 'select', 'reject', 'selectattr', 'rejectattr', 'items2dict', 'combine', 'ipaddr', 'ipv4', 'ipv6']);
