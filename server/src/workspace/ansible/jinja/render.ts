/**
 * Renders a compiled template for one set of variables, keeping a source map. What the subset cannot do
 * (an unsupported construct, a decision that depends on a value known only on the host, a runaway loop) ends
 * the rendering with a RenderFailure naming the reason and its template offset; it never throws past
 * renderTemplate(). An expression whose value is unknown prints its own `{{ … }}` text, so the config parsers
 * see an opaque word exactly as in the unrendered template.
 */
import type { Span } from '../../../syntax/text.js';
import type { Expr } from './expr.js';
import { FILTERS, TESTS, filterName, NEEDS_KNOWN_ITEMS, subscript, testName, type Applier, type Call } from './filters.js';
import { Output, type SourceMap } from './source-map.js';
import { compileTemplate, type Compiled, type Node } from './template.js';
import { compare, Dict, equal, isOpaque, iterate, Mapping, Namespace, opaqueIn, orElse, RenderFailure, str, truthy, typeName, Undefined, Unknown, whyOpaque, type Value } from './values.js';

/** Where names come from when no `set` or loop variable defines them. */
export interface Environment {
  /** The value of a variable (Unknown for facts); undefined when nothing defines it. May throw RenderFailure. */
  lookup(name: string): Value | undefined;
}

export type RenderResult =
  | { readonly ok: true; readonly text: string; readonly map: SourceMap }
  | { readonly ok: false; readonly reason: string; readonly offset: number };

/** Bounds that stop a runaway template: loop iterations plus printed pieces, and output size. */
const MAX_STEPS = 200_000;
const MAX_OUTPUT = 8_000_000;
const MAX_RANGE = 100_000;

/** Jinja's `loop` variable for one iteration. */
function loopInfo(index: number, items: readonly Value[]): Dict {
  const n = items.length;
  return new Dict(
    new Map<string, Value>([
      ['index', index + 1],
      ['index0', index],
      ['revindex', n - index],
      ['revindex0', n - index - 1],
      ['first', index === 0],
      ['last', index === n - 1],
      ['length', n],
      ['previtem', index > 0 ? items[index - 1]! : new Undefined('there is no previous item')],
      ['nextitem', index < n - 1 ? items[index + 1]! : new Undefined('there is no next item')],
    ]),
  );
}

/** String methods that do what a filter of the subset does (`'a'.upper()` is `'a' | upper`). */
const STRING_METHOD_FILTERS = new Map(Object.entries({ upper: 'upper', lower: 'lower', strip: 'trim', split: 'split', replace: 'replace', capitalize: 'capitalize', title: 'title' }));

const unknownFrom = (v: Undefined | Unknown) => (v instanceof Unknown ? v : new Unknown(v.description));
const asNum = (v: Value) => (typeof v === 'boolean' ? Number(v) : v);

class Renderer implements Applier {
  private readonly frames: Array<Map<string, Value>> = [new Map()];
  private steps = 0;
  /** Set when some expression printed an opaque placeholder. */
  opaquePrinted = false;

  constructor(
    private readonly template: string,
    private readonly env: Environment,
    readonly out: Output,
  ) {}

  private fail(message: string, at: number): never {
    throw new RenderFailure(message, at);
  }

  private step(at: number): void {
    if (++this.steps > MAX_STEPS) this.fail(`the template takes more than ${MAX_STEPS} steps to render`, at);
    if (this.out.length > MAX_OUTPUT) this.fail('the rendered text is too large', at);
  }

  run(nodes: readonly Node[]): void {
    for (const node of nodes) {
      switch (node.t) {
        case 'text':
          this.out.copy(node.start, node.end);
          break;
        case 'out':
          this.step(node.span.start);
          this.print(this.eval(node.expr), node.span);
          break;
        case 'if': {
          const branch = node.branches.find((b) => this.decide(b.test));
          this.run(branch ? branch.body : (node.otherwise ?? []));
          break;
        }
        case 'for':
          this.loop(node);
          break;
        case 'set':
          this.assign(node);
          break;
      }
    }
  }

  private print(v: Value, span: Span): void {
    if (opaqueIn(v, true)) {
      this.opaquePrinted = true;
      this.out.print(this.template.slice(span.start, span.end).replace(/\s+/g, ' '), span);
    } else this.out.print(v === null ? '' : str(v), span);
  }

  /** The truth of a condition; a condition on an unknown value cannot be decided, so the rendering stops. */
  private decide(test: Expr): boolean {
    const v = this.eval(test);
    const t = truthy(v);
    if (t === undefined) this.fail(`cannot tell whether '${this.template.slice(test.start, test.end)}' holds: ${whyOpaque(v as Undefined | Unknown)}`, test.start);
    return t!;
  }

  private loop(node: Extract<Node, { t: 'for' }>): void {
    const v = this.eval(node.iter);
    if (isOpaque(v)) this.fail(`cannot loop over '${this.template.slice(node.iter.start, node.iter.end)}': ${whyOpaque(v)}`, node.iter.start);
    const all = iterate(v);
    if (!all) this.fail(`cannot loop over a value of type ${typeName(v)}`, node.iter.start);
    const frame = new Map<string, Value>();
    this.frames.push(frame);
    let ran = 0;
    try {
      const bind = (item: Value) => {
        frame.clear();
        if (node.targets.length === 1) frame.set(node.targets[0]!, item);
        else {
          const parts = iterate(item);
          if (isOpaque(item) || !parts || parts.length !== node.targets.length) this.fail(`cannot unpack ${typeName(item)} into ${node.targets.join(', ')}`, node.span.start);
          node.targets.forEach((t, i) => frame.set(t, parts![i]!));
        }
      };
      const items = node.filter ? all!.filter((item) => (bind(item), this.decide(node.filter!))) : all!;
      ran = items.length;
      items.forEach((item, i) => {
        this.step(node.span.start);
        bind(item);
        frame.set('loop', loopInfo(i, items));
        this.run(node.body);
      });
    } finally {
      this.frames.pop();
    }
    if (ran === 0 && node.otherwise) this.run(node.otherwise);
  }

  private assign(node: Extract<Node, { t: 'set' }>): void {
    const value = this.eval(node.value);
    const name = node.targets[0]!;
    if (node.attr === undefined) {
      this.frames[this.frames.length - 1]!.set(name, value);
      return;
    }
    const target = this.lookup(name, node.value.start);
    if (!(target instanceof Namespace)) this.fail(`'${name}' is not a namespace(): only namespace attributes can be set`, node.value.start);
    (target as Namespace).entries.set(node.attr, value);
  }

  private lookup(name: string, at: number): Value {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const v = this.frames[i]!.get(name);
      if (v !== undefined) return v;
    }
    try {
      return orElse(this.env.lookup(name), new Undefined(`'${name}' is undefined`));
    } catch (e) {
      if (e instanceof RenderFailure && e.offset < 0) throw new RenderFailure(e.message, at);
      throw e;
    }
  }

  eval(e: Expr): Value {
    switch (e.t) {
      case 'lit':
        return e.value;
      case 'name':
        return this.lookup(e.name, e.start);
      case 'attr': {
        const obj = this.eval(e.obj);
        if (isOpaque(obj)) return obj;
        if (/^\d+$/.test(e.name) && (Array.isArray(obj) || typeof obj === 'string')) return subscript(obj, Number(e.name));
        if (obj instanceof Mapping) return orElse(obj.get(e.name), new Undefined(`'${obj.label}' has no attribute '${e.name}'`));
        return new Undefined(`'${typeName(obj)} object' has no attribute '${e.name}'`);
      }
      case 'item':
        return subscript(this.eval(e.obj), this.eval(e.index));
      case 'slice': {
        const obj = this.eval(e.obj);
        const bound = (x?: Expr) => (x ? this.eval(x) : null);
        const from = bound(e.from);
        const to = bound(e.to);
        if (isOpaque(obj) || isOpaque(from) || isOpaque(to)) return new Unknown('a slice of a value known only on the host');
        if (!Array.isArray(obj) && typeof obj !== 'string') this.fail(`cannot slice ${typeName(obj)}`, e.start);
        if ((from !== null && typeof from !== 'number') || (to !== null && typeof to !== 'number')) this.fail('slice bounds must be numbers', e.start);
        return (obj as string | Value[]).slice((from as number | null) ?? 0, (to as number | null) ?? undefined) as Value;
      }
      case 'call':
        return this.call(e);
      case 'filter':
        return this.filter(filterName(e.name), this.eval(e.value), this.callOf(e));
      case 'test':
        return this.applyTest(e.name, this.eval(e.value), this.callOf(e), e.negate);
      case 'unary': {
        const v = this.eval(e.value);
        if (e.op === 'not') {
          const t = truthy(v);
          return t === undefined ? unknownFrom(v as Undefined | Unknown) : !t;
        }
        if (isOpaque(v)) return unknownFrom(v);
        if (typeof asNum(v) !== 'number') this.fail(`bad operand type for unary ${e.op}: ${typeName(v)}`, e.start);
        return e.op === '-' ? -(asNum(v) as number) : (asNum(v) as number);
      }
      case 'bin':
        return this.binary(e);
      case 'cond': {
        const t = truthy(this.eval(e.test));
        if (t === undefined) return new Unknown('a condition depends on a value known only on the host');
        // Without an else, Jinja's result is its plain Undefined, which prints nothing.
        return t ? this.eval(e.then) : e.else ? this.eval(e.else) : '';
      }
      case 'list':
      case 'tuple':
        return e.items.map((i) => this.eval(i));
      case 'dict':
        return new Dict(new Map(e.entries.map(([k, v]) => [str(this.eval(k)), this.eval(v)])));
    }
  }

  private callOf(e: { args: Expr[]; kwargs: ReadonlyArray<readonly [string, Expr]>; start: number }): Call {
    return { args: e.args.map((a) => this.eval(a)), kwargs: new Map(e.kwargs.map(([k, v]) => [k, this.eval(v)])), at: e.start };
  }

  filter(name: string, v: Value, call: Call): Value {
    if (name === 'default' || name === 'd') {
      const fallback = orElse(call.args[0], orElse(call.kwargs.get('default_value'), ''));
      const ifFalse = truthy(orElse(call.args[1], orElse(call.kwargs.get('boolean'), false))) === true;
      if (v instanceof Undefined) return fallback;
      if (ifFalse && truthy(v) === false) return fallback;
      return v;
    }
    if (name === 'mandatory' && v instanceof Undefined) this.fail(`a mandatory value is missing: ${v.description}`, call.at);
    if (name === 'mandatory') return v;
    // An unknown input gives an unknown output whatever the filter (`ansible_managed | comment`).
    if (isOpaque(v)) return unknownFrom(v);
    const f = FILTERS.get(name);
    if (!f) this.fail(`the filter '${name}' is not supported`, call.at);
    const hidden = [...call.args, ...call.kwargs.values()].map((x) => opaqueIn(x)).find(Boolean) ?? (NEEDS_KNOWN_ITEMS.has(name) ? opaqueIn(v) : undefined);
    if (hidden) return unknownFrom(hidden);
    return f!(v, call, this);
  }

  test(name: string, v: Value, call: Call): Value {
    return this.applyTest(name, v, call, false);
  }

  private applyTest(rawName: string, v: Value, call: Call, negate: boolean): Value {
    const name = testName(rawName);
    let result: Value;
    if (name === 'defined' || name === 'undefined') {
      const defined: Value = v instanceof Undefined ? false : v instanceof Unknown && !v.exists ? v : true;
      if (defined instanceof Unknown) return defined;
      result = name === 'defined' ? defined : !defined;
    } else {
      const f = TESTS.get(name);
      if (!f) this.fail(`the test '${rawName}' is not supported`, call.at);
      const hidden = [v, ...call.args].map((x) => opaqueIn(x)).find(Boolean);
      if (hidden) return unknownFrom(hidden);
      result = f!(v, call);
    }
    return negate ? !result : result;
  }

  private binary(e: Extract<Expr, { t: 'bin' }>): Value {
    if (e.op === 'and' || e.op === 'or') {
      const left = this.eval(e.left);
      const t = truthy(left);
      if (t === undefined) return unknownFrom(left as Undefined | Unknown);
      return (e.op === 'and') === t ? this.eval(e.right) : left;
    }
    const a = this.eval(e.left);
    const b = this.eval(e.right);
    const hidden = opaqueIn(a) ?? opaqueIn(b);
    if (hidden) return unknownFrom(hidden);
    switch (e.op) {
      case '~':
        return str(a) + str(b);
      case '==':
        return equal(a, b);
      case '!=':
        return !equal(a, b);
      case 'in':
      case 'not in': {
        let found: boolean;
        if (typeof b === 'string') found = typeof a === 'string' ? b.includes(a) : this.fail(`'in <string>' needs a string on the left, not ${typeName(a)}`, e.start);
        else if (b instanceof Mapping) found = b.get(str(a)) !== undefined;
        else if (Array.isArray(b)) found = b.some((x) => equal(x, a));
        else found = this.fail(`cannot test membership in ${typeName(b)}`, e.start);
        return e.op === 'in' ? found : !found;
      }
      case '<':
      case '>':
      case '<=':
      case '>=': {
        const c = compare(a, b);
        if (c === undefined) this.fail(`cannot compare ${typeName(a)} with ${typeName(b)} using ${e.op}`, e.start);
        return e.op === '<' ? c! < 0 : e.op === '>' ? c! > 0 : e.op === '<=' ? c! <= 0 : c! >= 0;
      }
    }
    return this.arithmetic(e.op, a, b, e.start);
  }

  private arithmetic(op: string, a: Value, b: Value, at: number): Value {
    const x = asNum(a);
    const y = asNum(b);
    if (typeof x === 'number' && typeof y === 'number') {
      if ((op === '/' || op === '//' || op === '%') && y === 0) this.fail('division by zero', at);
      switch (op) {
        case '+':
          return x + y;
        case '-':
          return x - y;
        case '*':
          return x * y;
        case '/':
          return x / y;
        case '//':
          return Math.floor(x / y);
        case '%':
          return ((x % y) + y) % y;
        case '**':
          return x ** y;
      }
    }
    if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
    if (op === '+' && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    if (op === '*' && (typeof a === 'string' || Array.isArray(a)) && typeof y === 'number' && y < MAX_RANGE) {
      return typeof a === 'string' ? a.repeat(Math.max(0, y)) : Array.from({ length: Math.max(0, y) }, () => a).flat();
    }
    if (op === '%' && typeof a === 'string') this.fail("string formatting with '%' is not supported", at);
    return this.fail(`unsupported operand types for ${op}: ${typeName(a)} and ${typeName(b)}`, at);
  }

  private call(e: Extract<Expr, { t: 'call' }>): Value {
    const call = this.callOf(e);
    if (e.callee.t === 'attr') return this.method(this.eval(e.callee.obj), e.callee.name, call);
    const name = e.callee.t === 'name' ? e.callee.name : '';
    switch (name) {
      case 'lookup':
      case 'query':
      case 'q':
        return new Unknown(`${name}() runs on the Ansible controller; hapair does not run it`);
      case 'namespace':
        return new Namespace(new Map(call.kwargs));
      case 'dict':
        return new Dict(new Map(call.kwargs));
      case 'range': {
        const nums = call.args.map((a) => (typeof a === 'number' ? a : NaN));
        if (nums.length === 0 || nums.length > 3 || nums.some((n) => !Number.isInteger(n))) this.fail('range() needs whole numbers', e.start);
        const [start, stop, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
        if (step === 0 || Math.abs((stop - start) / step) > MAX_RANGE) this.fail('range() is empty-stepped or too long', e.start);
        const out: number[] = [];
        for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
        return out;
      }
    }
    return this.fail(`calling '${this.template.slice(e.callee.start, e.callee.end)}' is not supported`, e.start);
  }

  /** The few side-effect-free methods of dicts, strings and lists that templates call. */
  private method(obj: Value, name: string, call: Call): Value {
    if (isOpaque(obj)) return unknownFrom(obj);
    const a = call.args;
    const hidden = a.map((x) => opaqueIn(x)).find(Boolean);
    if (hidden) return unknownFrom(hidden);
    if (obj instanceof Mapping) {
      if (name === 'items') return obj.keys().map((k) => [k, obj.get(k)!]);
      if (name === 'keys') return obj.keys();
      if (name === 'values') return obj.keys().map((k) => obj.get(k)!);
      if (name === 'get') return orElse(obj.get(str(orElse(a[0], ''))), orElse(a[1], null));
    } else if (typeof obj === 'string') {
      const asFilter = STRING_METHOD_FILTERS.get(name);
      if (asFilter) return this.filter(asFilter, obj, call);
      switch (name) {
        case 'lstrip':
          return obj.trimStart();
        case 'rstrip':
          return obj.trimEnd();
        case 'startswith':
          return obj.startsWith(str(orElse(a[0], '')));
        case 'endswith':
          return obj.endsWith(str(orElse(a[0], '')));
        case 'join':
          return (iterate(orElse(a[0], [])) ?? []).map(str).join(obj);
        case 'isdigit':
          return /^\d+$/.test(obj);
      }
    } else if (Array.isArray(obj)) {
      if (name === 'index') {
        const i = obj.findIndex((x) => equal(x, a[0] ?? null));
        return i === -1 ? this.fail(`${str(a[0] ?? null)} is not in the list`, call.at) : i;
      }
      if (name === 'count') return obj.filter((x) => equal(x, a[0] ?? null)).length;
    }
    return this.fail(`the method '${name}' of ${typeName(obj)} is not supported`, call.at);
  }
}

/** Renders an already compiled template. Never throws. */
export function renderCompiled(template: string, compiled: Compiled, env: Environment): RenderResult {
  const renderer = new Renderer(template, env, new Output(template));
  try {
    renderer.run(compiled.nodes);
  } catch (e) {
    if (e instanceof RenderFailure) return { ok: false, reason: e.message, offset: Math.max(0, e.offset) };
    return { ok: false, reason: `rendering stopped: ${(e as Error).message}`, offset: 0 };
  }
  return { ok: true, text: renderer.out.text(), map: renderer.out.map() };
}

/** Compiles and renders. Never throws. */
export function renderTemplate(template: string, env: Environment): RenderResult {
  let compiled: Compiled;
  try {
    compiled = compileTemplate(template);
  } catch (e) {
    if (e instanceof RenderFailure) return { ok: false, reason: e.message, offset: e.offset };
    return { ok: false, reason: (e as Error).message, offset: 0 };
  }
  return renderCompiled(template, compiled, env);
}

/**
 * The value of a variable whose text is a template (`vip: "{{ prefix }}.10"`), as Ansible evaluates it: a lone
 * `{{ expr }}` keeps the expression's type (a list stays a list), anything else renders to a string, unknown
 * when some part is. Failures are thrown as RenderFailure with offset -1 (the caller's expression is the place).
 */
export function evaluateString(text: string, env: Environment): Value {
  const renderer = new Renderer(text, env, new Output(text));
  try {
    const compiled = compileTemplate(text);
    const only = compiled.nodes.length === 1 ? compiled.nodes[0]! : undefined;
    if (only?.t === 'out') return renderer.eval(only.expr);
    renderer.run(compiled.nodes);
  } catch (e) {
    if (e instanceof RenderFailure) throw new RenderFailure(e.message, -1);
    throw e;
  }
  return renderer.opaquePrinted ? new Unknown('the value is built from values known only on the host') : renderer.out.text();
}
