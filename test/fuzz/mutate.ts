/**
 * Text mutations, from token-level (lines, braces, quotes, Jinja, parameters, includes, conditionals) to
 * byte-level (random characters, control characters, surrogates). Each mutator is a pure function of the text
 * and the generator; `mutate` applies a few of them and says which, for the case's origin line.
 */
import type { Rng } from './rng.js';
import { HAPROXY_KEYWORDS, HAPROXY_SECTIONS, IPS, KEEPALIVED_BLOCKS, KEEPALIVED_KEYWORDS, NUMBERS, PROTOTYPE_NAMES, SPECIAL, SPECIAL_LINES, HAPROXY_OPTIONS, HAPROXY_TIMEOUTS } from './vocab.js';

/**
 * Upper bound on what one mutation may add. Inputs of tens of kilobytes of junk hold tens of thousands of findings
 * and cost seconds per case, which buys breadth nowhere else; huge inputs are the linearity check's job.
 */
export const MAX_GROWTH = 10_000;

/** Lines with their terminators kept, so joining gives the text back. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function eol(line: string): string {
  return line.endsWith('\r\n') ? '\r\n' : line.endsWith('\n') ? '\n' : '';
}

/** Offsets where a word starts and ends. */
function wordAt(text: string, rng: Rng): { start: number; end: number } | undefined {
  const re = /[^\s{}#!"]+/g;
  const words: Array<{ start: number; end: number }> = [];
  for (let m = re.exec(text); m && words.length < 5000; m = re.exec(text)) words.push({ start: m.index, end: m.index + m[0].length });
  return words.length ? rng.pick(words) : undefined;
}

function interestingOffset(text: string, rng: Rng): number {
  if (text.length === 0) return 0;
  return rng.weighted<() => number>([
    [4, () => rng.int(text.length + 1)],
    [2, () => {
      const nl = text.indexOf('\n', rng.int(text.length));
      return nl === -1 ? text.length : rng.chance(0.5) ? nl : nl + 1;
    }],
    [1, () => 0],
    [1, () => text.length],
    [2, () => wordAt(text, rng)?.end ?? 0],
  ])();
}

export function randomWord(rng: Rng): string {
  return rng.weighted<() => string>([
    [4, () => rng.pick(KEEPALIVED_KEYWORDS)],
    [4, () => rng.pick(HAPROXY_KEYWORDS)],
    [1, () => rng.pick(KEEPALIVED_BLOCKS)],
    [1, () => rng.pick(HAPROXY_SECTIONS)],
    [1, () => `option ${rng.pick(HAPROXY_OPTIONS)}`],
    [1, () => `timeout ${rng.pick(HAPROXY_TIMEOUTS)}`],
    [3, () => rng.pick(NUMBERS)],
    [3, () => rng.pick(IPS)],
    [3, () => rng.pick(SPECIAL)],
    [1, () => rng.pick(PROTOTYPE_NAMES)],
    [1, () => randomChars(rng, rng.small(12))],
  ])();
}

const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz_0123456789',
  ' \t{}"\'\\#!$@%.:/-=[]*?,;()<>|&~^`+',
  '\r\n\0\v\f\x1b\x7f',
].map((a) => a.split(''));

/** Random UTF-16 units: mostly ASCII, some control characters, BMP and astral characters and lone surrogates. */
export function randomChars(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += rng.weighted<() => string>([
      [10, () => rng.pick(ALPHABETS[0]!)],
      [6, () => rng.pick(ALPHABETS[1]!)],
      [2, () => rng.pick(ALPHABETS[2]!)],
      [2, () => String.fromCharCode(rng.int(128))],
      [1, () => String.fromCharCode(0x80 + rng.int(0xd800 - 0x80))],
      [1, () => String.fromCharCode(0xd800 + rng.int(0x800))],
      [1, () => String.fromCodePoint(0x10000 + rng.int(0x100000))],
    ])();
  }
  return s;
}

export function randomLine(rng: Rng): string {
  return rng.weighted<() => string>([
    [3, () => rng.pick(SPECIAL_LINES)],
    [4, () => {
      const n = rng.small(6);
      const words = [];
      for (let i = 0; i < n; i++) words.push(randomWord(rng));
      return (rng.chance(0.5) ? rng.pick(['', '  ', '\t', '    ']) : '') + words.join(rng.chance(0.9) ? ' ' : rng.pick(['\t', '  ', '']));
    }],
    [1, () => randomChars(rng, rng.small(40))],
  ])();
}

type Mutator = (text: string, rng: Rng) => string;

const lineMutator =
  (f: (lines: string[], rng: Rng) => void): Mutator =>
  (text, rng) => {
    const lines = splitLines(text);
    if (lines.length === 0) lines.push('');
    f(lines, rng);
    return lines.join('');
  };

const withEol = (s: string, like: string | undefined) => s + (like !== undefined ? eol(like) || '\n' : '\n');

export const MUTATORS: Record<string, Mutator> = {
  deleteLine: lineMutator((l, r) => void l.splice(r.int(l.length), 1)),
  deleteLines: lineMutator((l, r) => void l.splice(r.int(l.length), r.small(20))),
  duplicateLine: lineMutator((l, r) => {
    const i = r.int(l.length);
    l.splice(i, 0, withEol(l[i]!.replace(/\r?\n$/, ''), l[i]));
  }),
  duplicateLines: lineMutator((l, r) => {
    const i = r.int(l.length);
    const chunk = l.slice(i, i + r.small(30)).map((x) => withEol(x.replace(/\r?\n$/, ''), x));
    const times = r.small(4);
    for (let k = 0; k < times; k++) l.splice(r.int(l.length + 1), 0, ...chunk);
  }),
  swapLines: lineMutator((l, r) => {
    const i = r.int(l.length);
    const j = r.int(l.length);
    [l[i], l[j]] = [l[j]!, l[i]!];
  }),
  moveLine: lineMutator((l, r) => {
    const [line] = l.splice(r.int(l.length), 1);
    l.splice(r.int(l.length + 1), 0, withEol(line!.replace(/\r?\n$/, ''), line));
  }),
  insertLine: lineMutator((l, r) => {
    const i = r.int(l.length + 1);
    l.splice(i, 0, withEol(randomLine(r), l[Math.min(i, l.length - 1)]));
  }),
  insertToken: (t, r) => {
    const at = interestingOffset(t, r);
    return t.slice(0, at) + r.pick(SPECIAL) + t.slice(at);
  },
  insertWord: (t, r) => {
    const at = interestingOffset(t, r);
    return t.slice(0, at) + (r.chance(0.5) ? ' ' : '') + randomWord(r) + (r.chance(0.5) ? ' ' : '') + t.slice(at);
  },
  replaceWord: (t, r) => {
    const w = wordAt(t, r);
    return w ? t.slice(0, w.start) + randomWord(r) + t.slice(w.end) : t;
  },
  quoteWord: (t, r) => {
    const w = wordAt(t, r);
    const q = r.pick(['"', "'", '"', '{{ ', '${']);
    const close = q === '{{ ' ? ' }}' : q === '${' ? '}' : q;
    return w ? t.slice(0, w.start) + q + t.slice(w.start, w.end) + (r.chance(0.8) ? close : '') + t.slice(w.end) : t;
  },
  braces: (t, r) => {
    const at = interestingOffset(t, r);
    return t.slice(0, at) + r.pick(['{', '}', '}}', '{\n', '\n}\n', '{}', '}\n}\n', ' { ', ' } ']) + t.slice(at);
  },
  /** Wraps a run of lines in a block, a `.if`, a Jinja if/for or a keepalived conditional prefix. */
  wrapLines: lineMutator((l, r) => {
    const i = r.int(l.length);
    const j = Math.min(l.length, i + r.small(15));
    const [open, close] = r.pick<[string, string]>([
      ['vrrp_instance VI_X {\n', '}\n'],
      ['virtual_ipaddress {\n', '}\n'],
      ['.if defined(X)\n', '.endif\n'],
      ['.if 0\n', '.else\n.endif\n'],
      ['{% if a %}\n', '{% else %}\n{% endif %}\n'],
      ['{% for s in x %}\n', '{% endfor %}\n'],
      ['{#\n', '#}\n'],
      ['{% raw %}\n', '{% endraw %}\n'],
      ['frontend wrapped\n', 'backend after\n'],
      ['{\n', '}\n'],
    ]);
    if (j < l.length || l[l.length - 1]!.endsWith('\n')) {
      l.splice(j, 0, close);
      l.splice(i, 0, open);
    } else {
      l.splice(i, 0, open);
      l.push('\n' + close);
    }
  }),
  /** Prefixes lines with `@host`/`@^host` (keepalived config ids) or comment markers. */
  prefixLines: lineMutator((l, r) => {
    const prefix = r.pick(['@lb1 ', '@^lb1 ', '@lb2 ', '@ ', '# ', '! ', '\t', '  ', '~SEQ(i,1,2) ', '$']);
    const i = r.int(l.length);
    const n = r.small(10);
    for (let k = i; k < Math.min(l.length, i + n); k++) l[k] = prefix + l[k]!;
  }),
  longLine: (t, r) => {
    const unit = r.chance(0.3) ? randomChars(r, r.small(3)) : r.pick([...SPECIAL, 'a', ' ', 'x y ', '{', '}', '"', '\\', '$X', '{{ a }}', '# ', '\t', '0']);
    const count = Math.min(Math.floor(MAX_GROWTH / Math.max(1, unit.length)), r.pick([10, 100, 1000, 5000, 10_000]));
    const at = interestingOffset(t, r);
    return t.slice(0, at) + unit.repeat(count) + t.slice(at);
  },
  longValue: (t, r) => {
    const w = wordAt(t, r);
    if (!w) return t;
    const v = t.slice(w.start, w.end);
    return t.slice(0, w.end) + v.repeat(Math.min(r.pick([10, 100, 1000]), Math.floor(MAX_GROWTH / Math.max(1, v.length)))) + t.slice(w.end);
  },
  newlines: (t, r) =>
    r.pick<(s: string) => string>([
      (s) => s.replace(/\r?\n/g, '\r\n'),
      (s) => s.replace(/\r?\n/g, '\r'),
      (s) => s.replace(/\r?\n/g, () => r.pick(['\n', '\r\n', '\r', '\n\r'])),
      (s) => s.replace(/\r\n/g, '\n'),
      (s) => s.replace(/\n/g, '\r\r\n'),
      (s) => s.replace(/\n$/, ''),
      (s) => s + '\n\n\n',
      (s) => s.replace(/[ \t]+/g, () => r.pick([' ', '\t', '\t\t', ' \t', '\u00a0', '\v', '\f'])),
    ])(t),
  controlChar: (t, r) => {
    const at = interestingOffset(t, r);
    return t.slice(0, at) + r.pick(['\0', '\r', '\x01', '\x1f', '\x7f', '\ufeff', '\u2028', '\u0085', '\ud800', '\udfff', '\ud83d', '\ude00', '😀', '\u{10ffff}']) + t.slice(at);
  },
  /** A surrogate pair cut in half, or an astral character where an ASCII one was. */
  splitSurrogate: (t, r) => {
    const at = r.int(t.length + 1);
    return r.chance(0.5) ? t.slice(0, at) + '😀'.charAt(r.int(2)) + t.slice(at) : t.slice(0, at) + '𝔘' + t.slice(at + 1);
  },
  flipChars: (t, r) => {
    if (t.length === 0) return randomChars(r, r.small(10));
    const chars = t.split('');
    const n = r.small(8);
    for (let k = 0; k < n; k++) chars[r.int(chars.length)] = randomChars(r, 1);
    return chars.join('');
  },
  deleteRange: (t, r) => {
    const at = r.int(t.length + 1);
    return t.slice(0, at) + t.slice(at + r.small(r.chance(0.1) ? 2000 : 40));
  },
  duplicateRange: (t, r) => {
    const at = r.int(t.length + 1);
    const len = r.small(r.chance(0.2) ? 3000 : 80);
    const to = r.int(t.length + 1);
    return t.slice(0, to) + t.slice(at, at + len) + t.slice(to);
  },
  insertChars: (t, r) => {
    const at = interestingOffset(t, r);
    return t.slice(0, at) + randomChars(r, r.small(30)) + t.slice(at);
  },
  truncate: (t, r) => t.slice(0, r.int(t.length + 1)),
  caseChange: (t, r) => {
    const w = wordAt(t, r);
    if (!w) return t;
    const v = t.slice(w.start, w.end);
    return t.slice(0, w.start) + (r.chance(0.5) ? v.toUpperCase() : v.toLowerCase()) + t.slice(w.end);
  },
  bom: (t) => '\ufeff' + t,
  numberEdge: (t, r) => t.replace(/\b\d+\b/, () => r.pick(NUMBERS)),
  addressEdge: (t, r) => t.replace(/\b\d{1,3}(\.\d{1,3}){3}(\/\d+)?\b/, () => r.pick(IPS)),
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);

/** Applies 1 … `max` random mutations; returns the text and their names. */
export function mutate(text: string, rng: Rng, max = 8): { text: string; applied: string[] } {
  const n = rng.small(max);
  const applied: string[] = [];
  let out = text;
  for (let k = 0; k < n; k++) {
    const name = rng.pick(MUTATOR_NAMES);
    out = MUTATORS[name]!(out, rng);
    applied.push(name);
    if (out.length > 4 * MAX_GROWTH + text.length) out = out.slice(0, 4 * MAX_GROWTH + text.length);
  }
  return { text: out, applied };
}
