/**
 * Which `.if`/`.elif`/`.else` branches a given HAProxy version reads. HAProxy skips the lines of a branch
 * whose condition is false, so a keyword there can be unknown to it without harm: configs use
 * `.if version_atleast(2.8)` to carry settings for newer versions. Only version tests and numbers can be
 * decided; `defined()`, `feature()`, `streq()`… depend on the machine, so their branches are 'maybe'.
 */
import type { Branch, Statement } from '../../syntax/haproxy/ast.js';
import type { HaproxyVersion } from '../../knowledge/versions.js';

/** Three-valued truth: undefined when it depends on what we cannot see. */
type Tri = boolean | undefined;

const not = (a: Tri): Tri => (a === undefined ? undefined : !a);
const and = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === true && b === true ? true : undefined);
const or = (a: Tri, b: Tri): Tri => (a === true || b === true ? true : a === false && b === false ? false : undefined);

/** version_atleast(v) for every release of the target's branch (2.6 stands for 2.6.0 … 2.6.x). */
function atLeast(v: string, target: HaproxyVersion): Tri {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(-\S*)?$/.exec(v.trim());
  if (!m) return undefined;
  const [tMajor, tMinor] = target.split('.').map(Number) as [number, number];
  const major = Number(m[1]);
  const minor = Number(m[2] ?? 0);
  if (major !== tMajor) return major < tMajor;
  if (minor !== tMinor) return minor < tMinor;
  // Same branch: 2.6, 2.6.0 and 2.6-devN are older than any 2.6 release; 2.6.5 depends on the patch level.
  return Number(m[3] ?? 0) === 0 ? true : undefined;
}

type Token = '!' | '&&' | '||' | '(' | ')' | { term: string };

function tokenize(text: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') i++;
    else if (c === '!' || c === '(' || c === ')') out.push(c), i++;
    else if (text.startsWith('&&', i) || text.startsWith('||', i)) out.push(text.slice(i, i + 2) as '&&' | '||'), (i += 2);
    else {
      // A word, and if a '(' follows directly, its argument list up to the matching ')'.
      let j = i;
      while (j < text.length && !/[\s()!&|]/.test(text[j]!)) j++;
      if (text[j] === '(') {
        let depth = 0;
        for (; j < text.length; j++) {
          if (text[j] === '(') depth++;
          else if (text[j] === ')' && --depth === 0) break;
        }
        if (depth !== 0) return undefined;
        j++;
      }
      if (j === i) return undefined;
      out.push({ term: text.slice(i, j) });
      i = j;
    }
  }
  return out;
}

function evalTerm(term: string, target: HaproxyVersion): Tri {
  if (/^\d+$/.test(term)) return Number(term) !== 0;
  const m = /^(version_atleast|version_before)\((.*)\)$/.exec(term);
  if (!m) return undefined;
  const v = atLeast(m[2]!, target);
  return m[1] === 'version_atleast' ? v : not(v);
}

/** Evaluates a `.if` condition (HAProxy's grammar: `!`, `&&` over `||`, parentheses, predicate calls). */
export function evalCondition(text: string, target: HaproxyVersion): Tri {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  let at = 0;
  let broken = false;
  const primary = (): Tri => {
    const t = tokens[at++];
    if (t === '!') return not(primary());
    if (t === '(') {
      const v = orExpr();
      if (tokens[at++] !== ')') broken = true;
      return v;
    }
    if (t === undefined || typeof t === 'string') {
      broken = true;
      return undefined;
    }
    return evalTerm(t.term, target);
  };
  const andExpr = (): Tri => {
    let v = primary();
    while (tokens[at] === '&&') at++, (v = and(v, primary()));
    return v;
  };
  const orExpr = (): Tri => {
    let v = andExpr();
    while (tokens[at] === '||') at++, (v = or(v, andExpr()));
    return v;
  };
  const value = orExpr();
  return broken || at !== tokens.length ? undefined : value;
}

export type Activity = 'on' | 'off' | 'maybe';

/**
 * For a file's conditional directives, a function telling whether the target reads a statement's branch.
 * Branch paths ("3.0/5.1": block 3, first branch, inside block 5, second branch) are those the parser gives
 * statements; blocks are numbered in order of their `.if` exactly as the parser does.
 */
export function branchActivity(directives: readonly Statement[], target: HaproxyVersion): (branch: Branch | undefined) => Activity {
  const taken = new Map<string, Tri>();
  const stack: { id: number; branch: number; sawElse: boolean; noneTaken: Tri }[] = [];
  let counter = 0;
  for (const d of directives) {
    const name = d.keyword;
    const words = d.words();
    const top = stack[stack.length - 1];
    const cond = () => (words.some((w) => w.value.includes('{{')) ? undefined : evalCondition(words.slice(1).map((w) => w.value).join(' '), target));
    if (name === '.if') {
      const c = cond();
      const frame = { id: counter++, branch: 0, sawElse: false, noneTaken: not(c) };
      taken.set(`${frame.id}.0`, c);
      stack.push(frame);
    } else if ((name === '.elif' || name === '.else') && top && !top.sawElse) {
      top.branch++;
      top.sawElse = name === '.else';
      const c = name === '.else' ? true : cond();
      taken.set(`${top.id}.${top.branch}`, and(top.noneTaken, c));
      top.noneTaken = and(top.noneTaken, not(c));
    } else if (name === '.endif' && top) stack.pop();
  }
  // A branch is read when it is taken and its enclosing branch is read: computed once per branch, from the
  // outermost one not yet known inwards (no recursion: nesting may be deep).
  const read = new Map<Branch, Tri>();
  const readOf = (branch: Branch): Tri => {
    const path: Branch[] = [];
    let b: Branch | undefined = branch;
    for (; b && !read.has(b); b = b.parent) path.push(b);
    let all: Tri = b ? read.get(b) : true;
    for (let i = path.length - 1; i >= 0; i--) {
      all = and(all, taken.get(`${path[i]!.id}.${path[i]!.index}`));
      read.set(path[i]!, all);
    }
    return all;
  };
  return (branch) => {
    if (branch === undefined) return 'on';
    const all = readOf(branch);
    return all === true ? 'on' : all === false ? 'off' : 'maybe';
  };
}
