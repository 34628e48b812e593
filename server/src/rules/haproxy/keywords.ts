/**
 * The HAProxy half of unknown-keyword: every line's keyword for its section, then the words HAProxy looks up
 * in fixed lists (option and timeout names, rule actions, bind and server parameters). Only what the target
 * version would refuse is reported; the lookups themselves live in knowledge/haproxy/lookup.ts.
 *
 * Lines HAProxy may never read are handled with care:
 *  - a branch of `.if` that the target skips (e.g. `.if version_atleast(3.0)` under 2.6) is not checked;
 *  - in a branch that depends on the machine (`defined()`, `feature()`…), and after a line whose keyword is a
 *    template or variable (it may open another section), only words no HAProxy version knows anywhere are
 *    reported: they fail wherever the line is read;
 *  - templated words (`{{ … }}`) and double-quoted variables (`"${X}"`, expanded by HAProxy) are opaque;
 *  - files with Jinja `{% %}` tags are not checked: a tag may span lines, loop over sections or pick lines,
 *    so neither the words nor their sections are known before rendering.
 */
import type { Section, Statement, Word } from '../../syntax/haproxy/ast.js';
import { WORD_QUOTED, WORD_TEMPLATED } from '../../syntax/haproxy/lexer.js';
import type { HaproxyModel } from '../../model/haproxy.js';
import type { HaproxyVersion } from '../../knowledge/versions.js';
import {
  actionRuleSets,
  lookupAction,
  lookupBindParam,
  lookupOption,
  lookupRuleSet,
  lookupSection,
  lookupSectionKeyword,
  lookupServerParam,
  lookupTimeout,
  type ParamVerdict,
  type Verdict,
} from '../../knowledge/haproxy/lookup.js';
import type { Report, RuleContext } from '../rule.js';
import { branchActivity } from './conditions.js';

/** A word whose final value HAProxy or a template engine decides later. */
function opaque(w: Word): boolean {
  if (w.flags & WORD_TEMPLATED) return true;
  // Only quoted words can hide a template (the lexer flags unquoted ones) or an expanded variable.
  if (!(w.flags & WORD_QUOTED)) return false;
  return w.value.includes('{{') || (w.value.includes('$') && w.text.includes('"'));
}

/** `"${LIST[*]}"` expands to several words, which shifts every position after it. */
const spreads = (w: Word) => opaque(w) && (w.value.includes('[*]') || (w.flags & WORD_TEMPLATED) !== 0);

/** 'an http-request action', 'a frontend section'. */
const article = (s: string) => (/^([aeio]|http)/.test(s) ? `an ${s}` : `a ${s}`);

/** HAProxy reads `$VAR` literally outside double quotes; say so when such a word is refused. */
const envHint = (w: Word) => (w.value.includes('$') ? ' (HAProxy expands environment variables only inside double quotes)' : '');

/** Whether a verdict leads to a finding. Outside strict mode only words unknown to every version do. */
const reportable = (v: Verdict, strict: boolean) => v.kind === 'unknown' || (strict && v.kind !== 'known' && v.kind !== 'unverifiable');

interface Checker {
  readonly target: HaproxyVersion;
  say(word: Word, message: string): void;
  /**
   * Reports a reportable verdict about `word`. `subject` names the word ("option 'x'"), `unknownText` is the
   * message for a word no version knows. Messages are only built here, for the rare words that need one.
   */
  verdict(word: Word, v: Verdict, subject: string, unknownText: string): void;
}

function makeChecker(model: HaproxyModel, report: Report, target: HaproxyVersion): Checker {
  const file = model.syntax.file;
  return {
    target,
    say: (word, message) => report(file, word, message),
    verdict(word, v, subject, unknownText) {
      let message: string;
      if (v.kind === 'unknown') message = `${unknownText}${v.suggestion ? `; did you mean '${v.suggestion}'?` : ''}${envHint(word)}`;
      else if (v.kind === 'too-new') {
        message = v.exact ? `${subject} needs HAProxy ${v.since} or later (target is ${target})` : `${subject} is newer than HAProxy ${target} (${v.since} has it)`;
      } else if (v.kind === 'removed') message = v.removedIn ? `${subject} was removed in HAProxy ${v.removedIn}` : `${subject} is no longer supported by HAProxy`;
      else if (v.kind === 'anonymous-defaults') message = `${subject} is only allowed in a defaults section that has a name`;
      else return;
      report(file, word, message);
    },
  };
}

const BIND_SECTIONS: ReadonlySet<string> = new Set(['frontend', 'listen']);
const SERVER_SECTIONS: ReadonlySet<string> = new Set(['backend', 'listen']);
const DEFAULT_SERVER_SECTIONS: ReadonlySet<string> = new Set(['defaults', 'backend', 'listen']);
const HTTP_RULE_SETS: ReadonlySet<string> = new Set(['http-request', 'http-response', 'http-after-response']);
const TCP_ACTION_SETS: ReadonlySet<string> = new Set(['connection', 'session', 'content']);

/** Walks `name [args…]` pairs; HAProxy stops at the first unknown parameter, and so do we. */
function checkParams(c: Checker, words: readonly Word[], from: number, lookup: (name: string, t: HaproxyVersion) => ParamVerdict, kind: string, strict: boolean): void {
  for (let j = from; j < words.length; ) {
    const w = words[j]!;
    if (opaque(w)) return;
    const { verdict, args } = lookup(w.value, c.target);
    if (verdict.kind !== 'known' || args === 'variable') {
      if (reportable(verdict, strict)) c.verdict(w, verdict, `${kind} parameter '${w.value}'`, `unknown ${kind} parameter '${w.value}'`);
      return;
    }
    for (let k = 1; k <= args; k++) if (words[j + k] && spreads(words[j + k]!)) return;
    j += 1 + args;
  }
}

function checkAction(c: Checker, word: Word | undefined, ruleset: string, strict: boolean): void {
  if (!word || opaque(word)) return;
  const v = lookupAction(ruleset, word.value, c.target);
  if (!reportable(v, strict)) return;
  const others = v.kind === 'unknown' ? actionRuleSets(word.value, c.target) : [];
  const text = others.length > 0 ? `'${word.value}' is not ${article(ruleset)} action (it is one for ${others.join(', ')})` : `unknown ${ruleset} action '${word.value}'`;
  c.verdict(word, v, `${ruleset} action '${word.value}'`, text);
}

/** The words after the keyword: option/timeout names, parameters and actions. */
function checkRest(c: Checker, kind: string, words: readonly Word[], at: number, strict: boolean): void {
  const keyword = words[at]!.value;
  const next = words[at + 1];
  if (keyword === 'option' || keyword === 'timeout') {
    if (!next || opaque(next)) return;
    const v = keyword === 'option' ? lookupOption(kind, next.value, c.target) : lookupTimeout(kind, next.value, c.target);
    if (reportable(v, strict)) c.verdict(next, v, `${keyword} '${next.value}'`, `unknown ${keyword} '${next.value}'`);
  } else if (keyword === 'bind') {
    if (BIND_SECTIONS.has(kind)) checkParams(c, words, at + 2, lookupBindParam, 'bind', strict);
  } else if (keyword === 'server' || keyword === 'server-template') {
    if (!SERVER_SECTIONS.has(kind)) return;
    // server <name> <addr> …; server-template <prefix> <count> <addr> …
    const first = at + (keyword === 'server' ? 3 : 4);
    for (let k = at + 1; k < first && k < words.length; k++) if (spreads(words[k]!)) return;
    checkParams(c, words, first, lookupServerParam, 'server', strict);
  } else if (keyword === 'default-server') {
    if (DEFAULT_SERVER_SECTIONS.has(kind)) checkParams(c, words, at + 1, lookupServerParam, 'server', strict);
  } else if (HTTP_RULE_SETS.has(keyword)) {
    checkAction(c, next, keyword, strict);
  } else if (keyword === 'tcp-request' || keyword === 'tcp-response') {
    if (!next || opaque(next)) return;
    const v = lookupRuleSet(kind, keyword, next.value, c.target);
    if (!v) return;
    if (v.kind === 'known') {
      if (TCP_ACTION_SETS.has(next.value)) checkAction(c, words[at + 2], `${keyword} ${next.value}`, strict);
    } else if (v.kind === 'wrong-section') {
      if (strict) c.say(next, `'${keyword} ${next.value}' is not valid in ${article(kind)} section (it belongs in ${v.belongsIn.join('/')})`);
    } else if (reportable(v, strict)) c.verdict(next, v, `'${keyword} ${next.value}'`, `unknown ${keyword} rule type '${next.value}'`);
  }
}

/** One line: its keyword (after an optional `no`/`default` prefix), then the words after it. */
function checkStatement(c: Checker, section: Section, st: Statement, strict: boolean): void {
  const words = st.words;
  let at = 0;
  if ((words[0]!.value === 'no' || words[0]!.value === 'default') && words.length > 1) at = 1;
  const kw = words[at]!;
  if (opaque(kw)) return;
  const v = lookupSectionKeyword(section.kind, kw.value, c.target, section.name !== undefined);
  if (v.kind === 'known') return checkRest(c, section.kind, words, at, strict);
  if (!reportable(v, strict)) return;
  if (v.kind === 'wrong-section') c.say(kw, `'${kw.value}' is not valid in ${article(section.kind)} section (it belongs in ${v.belongsIn.join('/')})`);
  else c.verdict(kw, v, `'${kw.value}'`, `unknown keyword '${kw.value}' in ${article(section.kind)} section`);
}

export function checkHaproxyKeywords(model: HaproxyModel, report: Report, context: RuleContext): void {
  const target = context.versions.haproxy;
  const syntax = model.syntax;
  if (syntax.controlFlow) return;
  const c = makeChecker(model, report, target);
  const activity = branchActivity(syntax.directives, target);
  for (const section of syntax.sections) {
    const header = activity(section.header.branch);
    if (header === 'off') continue; // HAProxy skips the header; its lines join the previous section
    // Under a header HAProxy may skip, the section a line ends up in is uncertain.
    let certain = header === 'on';
    const sv = lookupSection(section.kind, target);
    if (sv.kind !== 'known') {
      // A section the target does not have (crt-store under 2.6): report its header, not each line.
      const word = section.header.words[0]!;
      if (certain && sv.kind === 'too-new') {
        c.say(word, sv.exact ? `'${section.kind}' sections need HAProxy ${sv.since} or later (target is ${target})` : `HAProxy ${target} has no '${section.kind}' sections (${sv.since} has them)`);
      }
      continue;
    }
    for (const st of section.statements) {
      const a = activity(st.branch);
      if (a === 'off') continue;
      const first = st.words[0]!;
      if (opaque(first)) {
        // It may expand to a section header: the lines after it may belong elsewhere.
        certain = false;
        continue;
      }
      checkStatement(c, section, st, certain && a === 'on');
    }
  }
}
