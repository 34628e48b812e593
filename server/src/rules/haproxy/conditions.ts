/**
 * Which `.if`/`.elif`/`.else` branches a given HAProxy version reads. HAProxy skips the lines of a branch
 * whose condition is false, so a keyword there can be unknown to it without harm: configs use
 * `.if version_atleast(2.8)` to carry settings for newer versions. Only version tests and numbers can be
 * decided; `defined()`, `feature()`, `streq()`… depend on the machine, so their branches are 'maybe'.
 */
import type { Branch } from '../../syntax/haproxy/ast.js';
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
/** What `branchActivity` gives: the activity of a line's branch (undefined: outside any `.if`). */
export type BranchActivity = (branch: Branch | undefined) => Activity;

/**
 * A function telling whether the target reads a line of a given `.if` branch: 'on', 'off', or 'maybe' (it depends
 * on the machine). The parser gives each line its branch, and each branch its test and the branch before it, so
 * nothing here has to follow the directives again. One function per target, shared by every file and section; its
 * answers are remembered per branch object, weakly, so the branches of older parses are forgotten.
 */
export function branchActivity(target: HaproxyVersion): BranchActivity {
  let activity = activities.get(target);
  if (!activity) activities.set(target, (activity = decideBranches(target)));
  return activity;
}
const activities = new Map<HaproxyVersion, BranchActivity>();

function decideBranches(target: HaproxyVersion): BranchActivity {
  const conditionOf = (b: Branch): Tri => (b.test === undefined ? true : b.test.includes('{{') ? undefined : evalCondition(b.test, target));
  // Whether no test up to and including this branch held, so that a later branch of the block may be taken.
  const noneHeld = new WeakMap<Branch, Tri>();
  // Whether a branch is read: its block's earlier tests failed, its own held, and its enclosing branch is read.
  const read = new WeakMap<Branch, Tri>();
  /** Fills `cache` for `branch` from the nearest link of the chain already known (no recursion: chains may be long). */
  const along = (cache: WeakMap<Branch, Tri>, branch: Branch, next: (b: Branch) => Branch | undefined, step: (before: Tri, b: Branch) => Tri): Tri => {
    const path: Branch[] = [];
    let b: Branch | undefined = branch;
    for (; b && !cache.has(b); b = next(b)) path.push(b);
    let value: Tri = b ? cache.get(b) : true;
    for (let i = path.length - 1; i >= 0; i--) cache.set(path[i]!, (value = step(value, path[i]!)));
    return value;
  };
  const noneHeldThrough = (b: Branch) => along(noneHeld, b, (x) => x.previous, (before, x) => and(before, not(conditionOf(x))));
  const taken = (b: Branch): Tri => and(b.previous ? noneHeldThrough(b.previous) : true, conditionOf(b));
  return (branch) => {
    if (branch === undefined) return 'on';
    const all = along(read, branch, (x) => x.parent, (before, x) => and(before, taken(x)));
    return all === true ? 'on' : all === false ? 'off' : 'maybe';
  };
}
