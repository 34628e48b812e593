/**
 * A small expander for VS Code snippet bodies, so tests can see the text a user gets after tabbing through
 * a snippet and accepting every default.
 *
 * Follows VS Code's snippet grammar (vs/editor/contrib/snippet/browser/snippetParser.ts):
 * - `$1`, `${1}`, `${1:default}` (defaults may nest other placeholders and variables), `$0`;
 * - `${1|one,two|}` choices: the chosen option (the first unless `choose` says otherwise);
 * - mirrors: the first placeholder of an index that has a default gives its value to every placeholder of that
 *   index (even to a later one with its own default, as VS Code does);
 * - `$NAME`, `${NAME}`, `${NAME:default}`: known variables from `variables` (leave a variable out, not empty,
 *   for "no value", as VS Code's resolvers do for an empty selection); an unset known variable inserts its
 *   default or nothing, an unknown one its default or its own name;
 * - transforms `${1/regex/format/flags}` and `${NAME/regex/format/flags}`, with `$n`, `${n}`,
 *   `${n:/upcase|downcase|capitalize|camelcase|pascalcase}`, `${n:+if}`, `${n:?if:else}`, `${n:-else}`,
 *   `${n:else}` in the format. Mirrors show their transformed value, as after leaving the placeholder (or the
 *   raw value, as first inserted, with `applyPlaceholderTransforms: false`);
 * - escapes: `\$`, `\}` and `\\` in text, `\,`, `\|` and `\\` in choices, `\/` in transforms; any other
 *   backslash is kept. A construct that is not well formed is literal text, like in VS Code.
 */

export type SnippetNode = Text | Tabstop | Variable;

interface Text {
  kind: 'text';
  value: string;
}

interface Tabstop {
  kind: 'tabstop';
  index: number;
  /** The default, when written as `${n:...}`. */
  children?: SnippetNode[];
  choices?: string[];
  transform?: Transform;
}

interface Variable {
  kind: 'variable';
  name: string;
  children?: SnippetNode[];
  transform?: Transform;
}

interface Transform {
  regex: RegExp;
  format: FormatPart[];
}

type FormatPart = string | { group: number; modifier?: string; ifValue?: string; elseValue?: string };

/** Variables VS Code knows; any other `$NAME` is unknown and expands to its name. */
export const KNOWN_VARIABLES: ReadonlySet<string> = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER', 'TM_FILENAME',
  'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH', 'CLIPBOARD', 'WORKSPACE_NAME',
  'WORKSPACE_FOLDER', 'CURSOR_INDEX', 'CURSOR_NUMBER', 'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH',
  'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT', 'CURRENT_DATE', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT',
  'CURRENT_HOUR', 'CURRENT_MINUTE', 'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX', 'CURRENT_TIMEZONE_OFFSET', 'RANDOM',
  'RANDOM_HEX', 'UUID', 'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT', 'SELECTION', 'TM_DIRECTORY_BASE',
  'REVERSE_RELATIVE_FILEPATH', 'CURRENT_MILLISECOND', 'CURRENT_MILLISECONDS_UNIX', 'CURRENT_TIMEZONE_NAME',
]);

// ---------------------------------------------------------------------------------------------
// Parsing

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  /** Parses until the end, or (inside a default) until an unescaped `}`, which is left unconsumed. */
  nodes(inside: boolean): SnippetNode[] {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (inside && c === '}') break;
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += c;
          this.pos += 1;
        }
        continue;
      }
      if (c === '$') {
        const start = this.pos;
        const node = this.dollar();
        if (node) {
          flush();
          out.push(node);
        } else {
          this.pos = start + 1;
          text += '$';
        }
        continue;
      }
      text += c;
      this.pos += 1;
    }
    flush();
    return out;
  }

  /** At a `$`: a tabstop, placeholder, choice or variable; undefined (position unspecified) when malformed. */
  private dollar(): SnippetNode | undefined {
    this.pos += 1;
    const simpleInt = this.match(/[0-9]+/y);
    if (simpleInt !== undefined) return { kind: 'tabstop', index: Number(simpleInt) };
    const simpleVar = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (simpleVar !== undefined) return { kind: 'variable', name: simpleVar };
    if (this.src[this.pos] !== '{') return undefined;
    this.pos += 1;
    const int = this.match(/[0-9]+/y);
    const name = int === undefined ? this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y) : undefined;
    if (int === undefined && name === undefined) return undefined;
    const base: Tabstop | Variable = int !== undefined ? { kind: 'tabstop', index: Number(int) } : { kind: 'variable', name: name! };
    const c = this.src[this.pos];
    this.pos += 1;
    if (c === '}') return base;
    if (c === ':') {
      const children = this.nodes(true);
      if (this.src[this.pos] !== '}') return undefined;
      this.pos += 1;
      return { ...base, children };
    }
    if (c === '|' && base.kind === 'tabstop' && base.index > 0) {
      const choices = this.choices();
      return choices ? { ...base, choices } : undefined;
    }
    if (c === '/') {
      const transform = this.transform();
      return transform ? { ...base, transform } : undefined;
    }
    return undefined;
  }

  /** After `${n|`: options up to `|}`. */
  private choices(): string[] | undefined {
    const options: string[] = [];
    let cur = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '\\' && [',', '|', '\\'].includes(this.src[this.pos + 1] ?? '')) {
        cur += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(cur);
        cur = '';
        this.pos += 1;
      } else if (c === '|') {
        if (this.src[this.pos + 1] !== '}') return undefined;
        options.push(cur);
        this.pos += 2;
        return options.every((o) => o !== '') ? options : undefined;
      } else {
        cur += c;
        this.pos += 1;
      }
    }
    return undefined;
  }

  /** After `${x/`: `regex/format/flags}`. */
  private transform(): Transform | undefined {
    const regex = this.until('/', 'regex');
    if (regex === undefined) return undefined;
    const format = this.format();
    if (format === undefined) return undefined;
    const flags = this.until('}', 'raw');
    if (flags === undefined) return undefined;
    try {
      return { regex: new RegExp(regex, flags), format };
    } catch {
      return undefined;
    }
  }

  /**
   * Text up to an unescaped `end` (consumed). 'regex': only `\/` is an escape, other backslashes stay for the
   * RegExp; 'text': `\$`, `\}` and `\\` are escapes (format if/else values); 'raw': no escapes (flags).
   */
  private until(end: string, mode: 'regex' | 'text' | 'raw'): string | undefined {
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      const next = this.src[this.pos + 1] ?? '';
      const escapes = mode === 'regex' ? [end] : mode === 'text' ? ['$', '}', '\\'] : [];
      if (c === '\\' && escapes.includes(next)) {
        out += next;
        this.pos += 2;
        continue;
      }
      this.pos += 1;
      if (c === end) return out;
      out += c;
    }
    return undefined;
  }

  /** The format of a transform, up to its closing `/` (consumed). */
  private format(): FormatPart[] | undefined {
    const parts: FormatPart[] = [];
    let text = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '\\' && ['/', '\\'].includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '/') {
        this.pos += 1;
        if (text) parts.push(text);
        return parts;
      }
      if (c === '$') {
        const start = this.pos;
        const part = this.formatGroup();
        if (part) {
          if (text) parts.push(text);
          text = '';
          parts.push(part);
          continue;
        }
        this.pos = start;
      }
      text += c;
      this.pos += 1;
    }
    return undefined;
  }

  private formatGroup(): FormatPart | undefined {
    this.pos += 1;
    const simple = this.match(/[0-9]+/y);
    if (simple !== undefined) return { group: Number(simple) };
    if (this.src[this.pos] !== '{') return undefined;
    this.pos += 1;
    const int = this.match(/[0-9]+/y);
    if (int === undefined) return undefined;
    const group = Number(int);
    if (this.src[this.pos] === '}') {
      this.pos += 1;
      return { group };
    }
    if (this.src[this.pos] !== ':') return undefined;
    this.pos += 1;
    const modifier = this.match(/\/(upcase|downcase|capitalize|camelcase|pascalcase)\}/y);
    if (modifier !== undefined) return { group, modifier: modifier.slice(1, -1) };
    if (this.src[this.pos] === '+') {
      this.pos += 1;
      const ifValue = this.until('}', 'text');
      return ifValue === undefined ? undefined : { group, ifValue };
    }
    if (this.src[this.pos] === '?') {
      this.pos += 1;
      const ifValue = this.until(':', 'text');
      const elseValue = ifValue === undefined ? undefined : this.until('}', 'text');
      return elseValue === undefined ? undefined : { group, ifValue: ifValue!, elseValue };
    }
    if (this.src[this.pos] === '-') this.pos += 1;
    const elseValue = this.until('}', 'text');
    return elseValue === undefined ? undefined : { group, elseValue };
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
}

/** Parses a snippet body (lines already joined with `\n`). */
export function parseSnippet(body: string): SnippetNode[] {
  return new Parser(body).nodes(false);
}

// ---------------------------------------------------------------------------------------------
// Expansion

export interface ExpandOptions {
  /** Values of known variables; leave out the ones without a value. */
  variables?: Readonly<Record<string, string | undefined>>;
  /** Picks the option of a choice; the first by default. */
  choose?: (index: number, options: readonly string[]) => string;
  /**
   * false: the text as VS Code first inserts it, where a placeholder's transform is not applied yet (VS Code
   * applies it when the user tabs past that placeholder, so pressing Escape earlier keeps the raw value).
   * Default true: the text after tabbing through every placeholder.
   */
  applyPlaceholderTransforms?: boolean;
}

function caseModifier(value: string, modifier: string): string {
  switch (modifier) {
    case 'upcase':
      return value.toLocaleUpperCase();
    case 'downcase':
      return value.toLocaleLowerCase();
    case 'capitalize':
      return value.slice(0, 1).toLocaleUpperCase() + value.slice(1);
    default: {
      // camelcase / pascalcase: the words of letters and digits, each capitalised, joined (VS Code's rule).
      const words = value.match(/[a-z0-9]+/gi);
      if (!words) return value;
      const cap = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1));
      if (modifier === 'camelcase') cap[0] = words[0]!.charAt(0).toLowerCase() + words[0]!.slice(1);
      return cap.join('');
    }
  }
}

function formatGroups(t: Transform, groups: readonly (string | undefined)[]): string {
  return t.format
    .map((p) => {
      if (typeof p === 'string') return p;
      const g = groups[p.group];
      if (p.modifier) return g ? caseModifier(g, p.modifier) : '';
      if (g && p.ifValue !== undefined) return p.ifValue;
      if (!g && p.elseValue !== undefined) return p.elseValue;
      return g ?? '';
    })
    .join('');
}

function applyTransform(value: string, t: Transform): string {
  let matched = false;
  const out = value.replace(t.regex, (...args: unknown[]) => {
    matched = true;
    const n = args.findIndex((a) => typeof a === 'number');
    return formatGroups(t, args.slice(0, n) as (string | undefined)[]);
  });
  // VS Code runs the format once more, with no groups, when nothing matched and it has an else branch.
  if (!matched && t.format.some((p) => typeof p !== 'string' && p.elseValue)) return formatGroups(t, []);
  return out;
}

/** Expands a snippet body the way it reads after accepting every default. */
export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): string {
  const nodes = parseSnippet(typeof body === 'string' ? body : body.join('\n'));
  const vars = options.variables ?? {};
  const choose = options.choose ?? ((_i: number, opts: readonly string[]) => opts[0]!);

  // The first placeholder of an index that has a default (or choices) defines the value of the index.
  const defining = new Map<number, Tabstop>();
  const walk = (list: readonly SnippetNode[]): void => {
    for (const n of list) {
      if (n.kind === 'tabstop' && n.index !== 0 && !defining.has(n.index) && (n.children?.length || n.choices)) defining.set(n.index, n);
      if (n.kind !== 'text' && n.children) walk(n.children);
    }
  };
  walk(nodes);

  const render = (list: readonly SnippetNode[], stack: readonly number[]): string => list.map((n) => one(n, stack)).join('');
  const one = (n: SnippetNode, stack: readonly number[]): string => {
    if (n.kind === 'text') return n.value;
    if (n.kind === 'variable') {
      const known = KNOWN_VARIABLES.has(n.name);
      const value = known ? vars[n.name] : undefined;
      if (n.transform) return applyTransform(value ?? '', n.transform);
      if (value !== undefined) return value;
      if (n.children) return render(n.children, stack);
      return known ? '' : n.name;
    }
    const source = n.index === 0 ? n : (defining.get(n.index) ?? n);
    // A placeholder whose default contains itself cannot be resolved; VS Code drops the inner one.
    if (stack.includes(n.index)) return '';
    const inner = [...stack, n.index];
    const value = source.choices ? choose(n.index, source.choices) : source.children ? render(source.children, inner) : '';
    return n.transform && options.applyPlaceholderTransforms !== false ? applyTransform(value, n.transform) : value;
  };
  return render(nodes, []);
}

/** Every tabstop index used, in order of first appearance (for tests on the snippets' shape). */
export function tabstops(body: string | readonly string[]): number[] {
  const out: number[] = [];
  const walk = (list: readonly SnippetNode[]): void => {
    for (const n of list) {
      if (n.kind === 'tabstop' && !out.includes(n.index)) out.push(n.index);
      if (n.kind !== 'text' && n.children) walk(n.children);
    }
  };
  walk(parseSnippet(typeof body === 'string' ? body : body.join('\n')));
  return out;
}

/** Every choice list, by tabstop index (for expanding each option in turn). */
export function choiceLists(body: string | readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const walk = (list: readonly SnippetNode[]): void => {
    for (const n of list) {
      if (n.kind === 'tabstop' && n.choices && !out.has(n.index)) out.set(n.index, n.choices);
      if (n.kind !== 'text' && n.children) walk(n.children);
    }
  };
  walk(parseSnippet(typeof body === 'string' ? body : body.join('\n')));
  return out;
}
