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
import { envHint, opaque, spreads, walkParams } from './params.js';
import type { Steps } from '../../syntax/steps.js';

/** 'an http-request action', 'a frontend section'. */
const article = (s: string) => (/^([aeio]|http)/.test(s) ? `an ${s}` : `a ${s}`);

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
      report(file, word, message, undefined, v.kind === 'unknown' ? v.suggestion : undefined);
    },
  };
}

const BIND_SECTIONS: ReadonlySet<string> = new Set(['frontend', 'listen']);
const SERVER_SECTIONS: ReadonlySet<string> = new Set(['backend', 'listen']);
const DEFAULT_SERVER_SECTIONS: ReadonlySet<string> = new Set(['defaults', 'backend', 'listen']);
const HTTP_RULE_SETS: ReadonlySet<string> = new Set(['http-request', 'http-response', 'http-after-response']);
const TCP_ACTION_SETS: ReadonlySet<string> = new Set(['connection', 'session', 'content']);

/** The parameters of a bind or server line; HAProxy stops at the first unknown one, and so do we. */
function checkParams(c: Checker, st: Statement, from: number, lookup: (name: string, t: HaproxyVersion) => ParamVerdict, kind: string, strict: boolean): void {
  const stop = walkParams(st, from, lookup, c.target);
  if (stop === st.count || opaque(st, stop)) return;
  const name = st.value(stop)!;
  const { verdict } = lookup(name, c.target);
  if (reportable(verdict, strict)) c.verdict(st.word(stop)!, verdict, `${kind} parameter '${name}'`, `unknown ${kind} parameter '${name}'`);
}

function checkAction(c: Checker, st: Statement, i: number, ruleset: string, strict: boolean): void {
  if (i >= st.count || opaque(st, i)) return;
  const name = st.value(i)!;
  const v = lookupAction(ruleset, name, c.target);
  if (!reportable(v, strict)) return;
  const others = v.kind === 'unknown' ? actionRuleSets(name, c.target) : [];
  const text = others.length > 0 ? `'${name}' is not ${article(ruleset)} action (it is one for ${others.join(', ')})` : `unknown ${ruleset} action '${name}'`;
  c.verdict(st.word(i)!, v, `${ruleset} action '${name}'`, text);
}

/** The words after the keyword (word `at`): option/timeout names, parameters and actions. */
function checkRest(c: Checker, kind: string, st: Statement, at: number, strict: boolean): void {
  const keyword = st.value(at)!;
  const next = st.value(at + 1);
  const hasNext = next !== undefined && !opaque(st, at + 1);
  if (keyword === 'option' || keyword === 'timeout') {
    if (!hasNext) return;
    const v = keyword === 'option' ? lookupOption(kind, next, c.target) : lookupTimeout(kind, next, c.target);
    if (reportable(v, strict)) c.verdict(st.word(at + 1)!, v, `${keyword} '${next}'`, `unknown ${keyword} '${next}'`);
  } else if (keyword === 'bind') {
    if (BIND_SECTIONS.has(kind)) checkParams(c, st, at + 2, lookupBindParam, 'bind', strict);
  } else if (keyword === 'server' || keyword === 'server-template') {
    if (!SERVER_SECTIONS.has(kind)) return;
    // server <name> <addr> …; server-template <prefix> <count> <addr> …
    const first = at + (keyword === 'server' ? 3 : 4);
    for (let k = at + 1; k < first; k++) if (spreads(st, k)) return;
    checkParams(c, st, first, lookupServerParam, 'server', strict);
  } else if (keyword === 'default-server') {
    if (DEFAULT_SERVER_SECTIONS.has(kind)) checkParams(c, st, at + 1, lookupServerParam, 'server', strict);
  } else if (HTTP_RULE_SETS.has(keyword)) {
    checkAction(c, st, at + 1, keyword, strict);
  } else if (keyword === 'tcp-request' || keyword === 'tcp-response') {
    if (!hasNext) return;
    const v = lookupRuleSet(kind, keyword, next, c.target);
    if (!v) return;
    if (v.kind === 'known') {
      if (TCP_ACTION_SETS.has(next)) checkAction(c, st, at + 2, `${keyword} ${next}`, strict);
    } else if (v.kind === 'wrong-section') {
      if (strict) c.say(st.word(at + 1)!, `'${keyword} ${next}' is not valid in ${article(kind)} section (it belongs in ${v.belongsIn.join('/')})`);
    } else if (reportable(v, strict)) c.verdict(st.word(at + 1)!, v, `'${keyword} ${next}'`, `unknown ${keyword} rule type '${next}'`);
  }
}

/** One line: its keyword (after an optional `no`/`default` prefix), then the words after it. */
function checkStatement(c: Checker, section: Section, st: Statement, strict: boolean): void {
  const first = st.keyword;
  const at = (first === 'no' || first === 'default') && st.count > 1 ? 1 : 0;
  if (opaque(st, at)) return;
  const keyword = st.value(at)!;
  const v = lookupSectionKeyword(section.kind, keyword, c.target, section.hasName);
  if (v.kind === 'known') return checkRest(c, section.kind, st, at, strict);
  if (!reportable(v, strict)) return;
  const kw = st.word(at)!;
  if (v.kind === 'wrong-section') c.say(kw, `'${keyword}' is not valid in ${article(section.kind)} section (it belongs in ${v.belongsIn.join('/')})`);
  else c.verdict(kw, v, `'${keyword}'`, `unknown keyword '${keyword}' in ${article(section.kind)} section`);
}

/** Sections checked between two pauses: the longest check there is on a huge file. */
const SECTIONS_PER_STEP = 1024;

export function* checkHaproxyKeywords(model: HaproxyModel, report: Report, context: RuleContext): Steps<void> {
  const target = context.versions.haproxy;
  const syntax = model.syntax;
  if (syntax.controlFlow) return;
  const c = makeChecker(model, report, target);
  const activity = branchActivity(target);
  // Indexed loops (here and over the lines): until the engine optimises a loop, for…of allocates a result per item.
  const sections = syntax.sections;
  for (let index = 0; index < sections.length; index++) {
    const section = sections[index]!;
    if (index > 0 && index % SECTIONS_PER_STEP === 0) yield;
    const header = activity(section.header.branch);
    if (header === 'off') continue; // HAProxy skips the header; its lines join the previous section
    // Under a header HAProxy may skip, the section a line ends up in is uncertain.
    let certain = header === 'on';
    const sv = lookupSection(section.kind, target);
    if (sv.kind !== 'known') {
      // A section the target does not have (crt-store under 2.6): report its header, not each line.
      const word = section.header.word(0)!;
      if (certain && sv.kind === 'too-new') {
        c.say(word, sv.exact ? `'${section.kind}' sections need HAProxy ${sv.since} or later (target is ${target})` : `HAProxy ${target} has no '${section.kind}' sections (${sv.since} has them)`);
      }
      continue;
    }
    const statements = section.statements;
    for (let i = 0; i < statements.length; i++) {
      const st = statements[i]!;
      const a = activity(st.branch);
      if (a === 'off') continue;
      if (opaque(st, 0)) {
        // It may expand to a section header: the lines after it may belong elsewhere.
        certain = false;
        continue;
      }
      checkStatement(c, section, st, certain && a === 'on');
    }
  }
}
