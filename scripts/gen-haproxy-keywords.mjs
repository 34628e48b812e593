#!/usr/bin/env node
// Generates server/src/knowledge/haproxy/keywords.json: HAProxy's keyword inventory as data.
//
// Inputs
//   1. The keyword dump of a real HAProxy binary: `haproxy -dKall -q -c -f /dev/null`
//      (HAProxy 2.6+; the command exits non-zero because /dev/null declares no listener,
//      which is expected). Only keywords registered through HAProxy's keyword tables are
//      listed; many older keywords are parsed by hand-written code and never show up.
//   2. scripts/haproxy-keywords-supplement.json, maintained by hand: the keywords the dump
//      does not list (classic global and proxy keywords, the proxy keywords matrix with the
//      sections each keyword is valid in, option/timeout/stats names, the smaller sections
//      such as peers or resolvers, classic rule actions, predefined ACLs) plus version notes
//      (since / removedIn / deprecated / build) for HAProxy 2.4 (from HAProxy's CHANGELOG and the 2.4 manual),
//      2.8, 3.0 and 3.2.
//
// Usage
//   node scripts/gen-haproxy-keywords.mjs                 run the installed `haproxy`, write the JSON
//   node scripts/gen-haproxy-keywords.mjs --dump FILE     use a saved dump instead of running haproxy
//   node scripts/gen-haproxy-keywords.mjs --save-dump FILE   also store the raw dump (with a version header)
//   options: --out FILE (default server/src/knowledge/haproxy/keywords.json), --haproxy BIN,
//            --force (accept a binary whose major.minor differs from the supplement's baseVersion),
//            --check (write nothing; exit 1 when FILE differs from what would be written),
//            --quiet (no summary on stderr)
//
// Output shape (data only; every object's keys are sorted so the file is byte-for-byte stable):
// {
//   "generatedFrom": "haproxy <version> -dKall + supplement",
//   "haproxyVersion": "2.6.12-1+deb12u3",          full version string of the dumped binary
//   "baseVersion": "2.6",                           the version all unannotated entries belong to
//   "checkedVersions": ["2.4","2.6","2.8","3.0","3.2"],   versions whose keyword lists fed since/removedIn
//   "namedDefaultsSince": "2.5",                    release from which namedDefaultsOnly entries are allowed in
//        (named) defaults sections; before it they are refused in every defaults section
//   "sectionHeaders": { "<section keyword>": Entry & { "name": "none"|"optional"|"required" } },
//   "conditionalDirectives": [".if", ...],          lines a checker must skip/evaluate, not keywords
//   "prefixes": { "no": {...}, "default": {...} },  prefixes that may precede a keyword
//   "sections": { "<section>": { "keywords": { "<first word>": Entry } } }
//        every section, including defaults/frontend/listen/backend (derived from "proxy" by "in"),
//        so a checker validates the FIRST word of a line per section, then Entry.sub / Entry.subFrom.
//   "proxy":   { "<first word>": Entry & { "in": ["defaults","frontend","listen","backend"] } }
//   "options": { "<option name>": Entry & { "in": [...], "negatable"?: true, "caps"?: ["FE","BE"], "httpOnly"?: true } }
//   "timeouts": { "<timeout name>": Entry & { "in": [...] } }
//   "bindParams" / "serverParams" / "crtListParams": { "<param>": Entry & { "args": 0 | 1 | "variable", "scope"?: "ssl" } }
//   "actions": { "<ruleset>": { "<action>": Entry } }   rulesets: "http-request", "http-response",
//        "http-after-response", "tcp-request connection", "tcp-request content", "tcp-request session",
//        "tcp-response content". A trailing "*" means the name is matched as a prefix, as HAProxy does
//        (e.g. "set-var*" covers "set-var(txn.x)", "track-sc*" covers "track-sc0").
//   "actionPrefixes": { "lua.": [rulesets] }        names registered at run time (Lua)
//   "predefinedAcls": ["FALSE", "HTTP", ...]
//   "aclKeywords": { "<acl keyword>": { "fetch": "req.hdr", "match": "beg" } }
//   "fetches":    { "<name>": Entry & { "args"?: "<arg types>", "out": "<type>", "usable": "YY..Y" } }
//   "fetchUsageColumns": [ "<what each character of fetches[*].usable stands for>" ]
//   "converters": { "<name>": Entry & { "args"?: "<arg types>", "in": "<type>", "out": "<type>" } }  (later-version
//        converters come from the supplement with "since" only; fetches and converters the dump lacks must
//        carry a "since" later than the base version)
//   "filters": { "<name>": { "tag": "CACHE" } },  "services": { "<name>": {} },
//   "cli": { "<command words>": { "levels": ["WORKER", ...] } },
//   "rejectedBy": { "<version>": { "<map>": [names documented but refused by that binary] } }
// }
// Entry (all fields optional):
//   since: "2.8"          the release that brought it when HAProxy's CHANGELOG tells (2.5, 2.6), else the first
//                         checked version (2.4, 2.6, 2.8, 3.0, 3.2) known to accept it; absent = 2.4 or older
//   sinceUpperBound: true the earlier checked version's data could not show it (keyword family not
//                         compiled in or not yet registered there), so it may be older than "since"
//   removedIn: "2.1"      version from which HAProxy rejects it (named by HAProxy or its CHANGELOG)
//   removed: true         rejected by the base version, removal version not stated
//   deprecated: true      accepted with a deprecation warning (or marked deprecated in the manual)
//   build: "QUIC"         only present when HAProxy is built with that feature
//   namedDefaultsOnly: true   allowed in a "defaults" section only when that section has a name
//   negatable: true       may be prefixed with "no"
//   args: 0|1|"variable"  (bind/server/crt-list params) number of arguments after the keyword
//   argShape: "+1"        raw argument marker printed by -dK
//   scope: "ssl"          -dK keyword list the param comes from
//   sub: { "<next word>": Entry }        literal sub-keywords (second word, and so on)
//   subFrom: "options" | "timeouts" | "actions.<ruleset>"   sub-keywords live in that top-level map
//   values: [...]         accepted first argument values (informative, not exhaustive for args)
//   src: "dK" | "supplement" | "dK+supplement"   where the entry came from
//   note / inNote / removedNote / sinceNote: short free-text remarks (sinceNote: where the since comes from)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SUPPLEMENT = join(ROOT, 'scripts', 'haproxy-keywords-supplement.json');
const DEFAULT_OUT = join(ROOT, 'server', 'src', 'knowledge', 'haproxy', 'keywords.json');
const VERSION_HEADER = '# hapair-haproxy-version: ';
const PROXY_SECTIONS = ['defaults', 'frontend', 'listen', 'backend'];
const RULESETS = ['tcp-request connection', 'tcp-request session', 'tcp-request content', 'tcp-response content', 'http-request', 'http-response', 'http-after-response'];

function parseArgs(argv) {
  const opts = { out: DEFAULT_OUT, dump: null, saveDump: null, haproxy: 'haproxy', force: false, check: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--out') opts.out = resolve(next());
    else if (a === '--dump') opts.dump = resolve(next());
    else if (a === '--save-dump') opts.saveDump = resolve(next());
    else if (a === '--haproxy') opts.haproxy = next();
    else if (a === '--force') opts.force = true;
    else if (a === '--check') opts.check = true;
    else if (a === '--quiet') opts.quiet = true;
    else fail(`unknown argument ${a}`);
  }
  return opts;
}

function fail(msg) {
  process.stderr.write(`gen-haproxy-keywords: ${msg}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------- obtaining the dump
function runHaproxy(bin) {
  const v = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  if (v.error) fail(`cannot run ${bin}: ${v.error.message} (use --dump FILE to work from a saved dump)`);
  const m = /HAProxy version (\S+)/.exec(v.stdout);
  if (!m) fail(`cannot read the version from '${bin} -v'`);
  // -c -f /dev/null exits non-zero ("no listener"); the keyword dump is still complete on stdout.
  const d = spawnSync(bin, ['-dKall', '-q', '-c', '-f', '/dev/null'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (d.error) fail(`cannot run ${bin}: ${d.error.message}`);
  if (!d.stdout.includes('# List of registered configuration keywords:')) fail(`'${bin} -dKall' printed no keyword dump (HAProxy 2.6 or later is needed)`);
  return { version: m[1], text: d.stdout };
}

function readDump(file) {
  const text = readFileSync(file, 'utf8');
  const first = text.split('\n', 1)[0];
  if (!first.startsWith(VERSION_HEADER)) fail(`${file} does not start with '${VERSION_HEADER}<version>'`);
  return { version: first.slice(VERSION_HEADER.length).trim(), text: text.slice(first.length + 1) };
}

// ---------------------------------------------------------------- parsing the dump
function parseDump(text) {
  const blocks = {};
  let cur = null;
  for (const line of text.split('\n')) {
    const m = /^# List of registered (.+):$/.exec(line);
    if (m) { cur = m[1]; blocks[cur] = []; continue; }
    if (cur && line.trim() !== '') blocks[cur].push(line);
  }
  const need = (name) => {
    if (!blocks[name]) fail(`dump has no '${name}' block`);
    return blocks[name];
  };
  const dk = { acl: {}, cfg: {}, cli: {}, converters: {}, filters: {}, fetches: {}, fetchColumns: [], services: {} };

  for (const l of need('ACL keywords')) {
    const m = /^(\S+) = (\S+) -m (\S+)$/.exec(l);
    if (!m) fail(`unexpected ACL line: ${l}`);
    dk.acl[m[1]] = { fetch: m[2], match: m[3] };
  }

  let section = null;
  for (const l of need('configuration keywords')) {
    if (!l.startsWith('\t')) { section = l.trim(); dk.cfg[section] ??= []; continue; }
    if (!section) fail(`keyword before any section: ${l}`);
    dk.cfg[section].push(l.slice(1).trimEnd());
  }

  for (const l of need('CLI keywords')) {
    const levels = [...l.matchAll(/\[([A-Z]+)\]/g)].map((x) => x[1]);
    const words = l.replace(/\[[A-Z]+\]/g, '').trim();
    dk.cli[words] = { levels };
  }

  for (const l of need('sample converter functions')) {
    const m = /^([^\s(:]+)(?:\((.*)\))?: (\S+) => (\S+)$/.exec(l);
    if (!m) fail(`unexpected converter line: ${l}`);
    dk.converters[m[1]] = { ...(m[2] !== undefined ? { args: m[2] } : {}), in: m[3], out: m[4] };
  }

  for (const l of need('filter names')) {
    const m = /^(\S+)(?: \[(\S+)\])?$/.exec(l.trim());
    if (!m) fail(`unexpected filter line: ${l}`);
    dk.filters[m[1]] = m[2] ? { tag: m[2] } : {};
  }

  for (const l of need('sample fetch functions')) {
    if (l.startsWith('#')) {
      const c = /_\.-+ (.+)$/.exec(l);
      if (c) dk.fetchColumns.push(c[1].trim());
      continue;
    }
    const m = /^\[ ([Y. ]+) \] ([^\s(:]+)(?:\((.*)\))?: (\S+)$/.exec(l);
    if (!m) fail(`unexpected fetch line: ${l}`);
    const usable = m[1].replace(/ /g, '');
    dk.fetches[m[2]] = { ...(m[3] !== undefined ? { args: m[3] } : {}), out: m[4], usable };
  }

  for (const l of blocks['service names'] ?? []) dk.services[l.trim()] = {};
  return dk;
}

// ---------------------------------------------------------------- merging
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function merge(base, extra) {
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) out[k] = isObj(v) && isObj(out[k]) ? merge(out[k], v) : v;
  return out;
}
function withSrc(entry, src) {
  return { ...entry, src };
}
function mergeMaps(fromDk, fromSup, name, { requireSupplement = false } = {}) {
  const out = {};
  for (const [k, v] of Object.entries(fromDk)) {
    if (fromSup[k]) out[k] = withSrc(merge(v, fromSup[k]), 'dK+supplement');
    else if (requireSupplement) fail(`${name}: '${k}' is listed by -dK but the supplement does not describe it`);
    else out[k] = withSrc(v, 'dK');
  }
  for (const [k, v] of Object.entries(fromSup)) if (!out[k]) out[k] = withSrc(v, 'supplement');
  return out;
}
/** The dump lists every fetch and converter of the base version: one it lacks can only be a later one. */
function laterThanBase(map, name, base) {
  for (const [k, v] of Object.entries(map)) {
    if (v.src === 'supplement' && !(v.since && compareVersions(v.since, base) > 0)) fail(`${name}: '${k}' is not in the dump, so it needs a "since" later than ${base}`);
  }
  return map;
}
/** Dotted versions compared numerically, as server/src/knowledge/versions.ts does (this script runs without TypeScript). */
function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
function parseArgShape(shape) {
  if (shape === undefined) return { args: 0 };
  if (shape === '+-1') return { args: 'variable', argShape: shape };
  const n = /^\+(\d+)$/.exec(shape);
  if (!n) fail(`unknown argument marker ${shape}`);
  return { args: Number(n[1]), argShape: shape };
}

function build(dk, sup, version) {
  const cfg = dk.cfg;
  const listen = cfg.listen ?? fail('dump has no listen keywords');

  // global
  const dkGlobal = Object.fromEntries((cfg.global ?? []).map((k) => [k, {}]));
  const global = mergeMaps(dkGlobal, sup.global, 'global');

  // proxies: first words, options, bind/server params, actions
  const dkProxy = {};
  const dkOptions = {};
  const dkBind = {};
  const dkServer = {};
  const dkActions = Object.fromEntries(RULESETS.map((r) => [r, {}]));
  for (const line of listen) {
    let m;
    if ((m = /^bind <addr> (.+)$/.exec(line))) {
      const t = m[1].split(' ');
      const shape = /^\+/.test(t[t.length - 1]) ? t.pop() : undefined;
      const kw = t.pop();
      dkBind[kw] = { ...parseArgShape(shape), ...(t.length ? { scope: t.join(' ') } : {}) };
    } else if ((m = /^server <name> <addr> (.+)$/.exec(line))) {
      const t = m[1].split(' ');
      const shape = /^\+/.test(t[t.length - 1]) ? t.pop() : undefined;
      const kw = t.pop();
      dkServer[kw] = { ...parseArgShape(shape), ...(t.length ? { scope: t.join(' ') } : {}) };
    } else if ((m = /^option (\S+)(?: \[ (.*) \])?$/.exec(line))) {
      const flags = (m[2] ?? '').split(' ').filter(Boolean);
      const caps = flags.filter((f) => f === 'FE' || f === 'BE');
      dkOptions[m[1]] = { ...(caps.length ? { caps } : {}), ...(flags.includes('HTTP') ? { httpOnly: true } : {}) };
    } else if ((m = new RegExp(`^(${RULESETS.join('|')}) (\\S+)$`).exec(line))) {
      dkActions[m[1]][m[2]] = {};
    } else if (/^\S+$/.test(line)) {
      dkProxy[line] = {};
    } else fail(`unexpected proxy keyword line: ${line}`);
  }
  const proxy = mergeMaps(dkProxy, sup.proxy, 'proxy', { requireSupplement: true });
  const options = mergeMaps(dkOptions, sup.options, 'options', { requireSupplement: true });
  for (const [k, v] of Object.entries({ ...proxy, ...options })) if (!Array.isArray(v.in)) fail(`'${k}' has no "in" list`);
  const bindParams = mergeMaps(dkBind, sup.bindParams, 'bindParams');
  const serverParams = mergeMaps(dkServer, sup.serverParams, 'serverParams');
  const dkCrt = {};
  for (const line of cfg['crt-list'] ?? []) {
    const t = line.split(' ');
    const shape = /^\+/.test(t[t.length - 1]) ? t.pop() : undefined;
    dkCrt[t.join(' ')] = parseArgShape(shape);
  }
  const crtListParams = mergeMaps(dkCrt, sup.crtListParams, 'crtListParams');
  const actions = {};
  for (const rs of RULESETS) actions[rs] = mergeMaps(dkActions[rs], sup.actions[rs] ?? {}, `actions.${rs}`);

  // sections
  const sections = { global: { keywords: global } };
  for (const s of PROXY_SECTIONS) {
    const keywords = {};
    for (const [k, v] of Object.entries(proxy)) {
      if (!v.in.includes(s)) continue;
      const { in: _in, ...rest } = v;
      keywords[k] = rest;
    }
    sections[s] = { keywords };
  }
  for (const [s, kws] of Object.entries(sup.sections)) {
    const dkKws = Object.fromEntries((cfg[s] ?? []).map((k) => [k, {}]));
    const keywords = mergeMaps(dkKws, kws, `sections.${s}`);
    // a section that only exists from some version on passes that on to its keywords
    const h = sup.sectionHeaders[s];
    if (h?.since) for (const e of Object.values(keywords)) if (!e.since) Object.assign(e, { since: h.since, ...(h.sinceUpperBound ? { sinceUpperBound: true } : {}) });
    sections[s] = { keywords };
  }
  for (const s of Object.keys(cfg)) {
    if (s === 'listen' || s === 'crt-list' || sections[s]) continue;
    if ((cfg[s] ?? []).length) fail(`-dK lists keywords for section '${s}' that the supplement does not know`);
    sections[s] = { keywords: {} };
  }
  for (const s of Object.keys(sections)) if (!sup.sectionHeaders[s]) fail(`section '${s}' has no entry in sectionHeaders`);

  return {
    generatedFrom: `haproxy ${version.replace(/-.*$/, '')} -dKall + supplement`,
    haproxyVersion: version,
    baseVersion: sup.baseVersion,
    checkedVersions: sup.checkedVersions,
    namedDefaultsSince: sup.namedDefaultsSince,
    sectionHeaders: sup.sectionHeaders,
    conditionalDirectives: sup.conditionalDirectives,
    prefixes: sup.prefixes,
    sections,
    proxy,
    options,
    timeouts: sup.timeouts,
    bindParams,
    serverParams,
    crtListParams,
    actions,
    actionPrefixes: sup.actionPrefixes,
    predefinedAcls: sup.predefinedAcls,
    aclKeywords: dk.acl,
    fetches: laterThanBase(mergeMaps(dk.fetches, sup.fetches ?? {}, 'fetches'), 'fetches', sup.baseVersion),
    fetchUsageColumns: dk.fetchColumns,
    converters: laterThanBase(mergeMaps(dk.converters, sup.converters ?? {}, 'converters'), 'converters', sup.baseVersion),
    filters: dk.filters,
    services: dk.services,
    cli: dk.cli,
    rejectedBy: sup.rejectedBy,
  };
}

// Stable serialisation: top-level keys in the order built above, every nested object sorted.
function sortDeep(v) {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep(v[k])]));
}
function serialise(data) {
  const top = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, sortDeep(v)]));
  return JSON.stringify(top, null, 2) + '\n';
}

function summary(data) {
  const n = (o) => Object.keys(o).length;
  const bySrc = (o) => {
    const c = {};
    for (const v of Object.values(o)) c[v.src] = (c[v.src] ?? 0) + 1;
    return Object.entries(c).sort().map(([k, x]) => `${k} ${x}`).join(', ');
  };
  const lines = [
    `haproxy ${data.haproxyVersion}`,
    ...Object.entries(data.sections).map(([s, v]) => `  section ${s}: ${n(v.keywords)} first words`),
    `  global: ${bySrc(data.sections.global.keywords)}`,
    `  proxy first words: ${n(data.proxy)} (${bySrc(data.proxy)})`,
    `  options: ${n(data.options)} (${bySrc(data.options)})`,
    `  timeouts: ${n(data.timeouts)}`,
    `  bind params: ${n(data.bindParams)} (${bySrc(data.bindParams)})`,
    `  server params: ${n(data.serverParams)} (${bySrc(data.serverParams)})`,
    `  crt-list params: ${n(data.crtListParams)}`,
    ...Object.entries(data.actions).map(([r, v]) => `  actions ${r}: ${n(v)} (${bySrc(v)})`),
    `  predefined ACLs: ${data.predefinedAcls.length}, ACL keywords: ${n(data.aclKeywords)}`,
    `  fetches: ${n(data.fetches)}, converters: ${n(data.converters)}, filters: ${n(data.filters)}, services: ${n(data.services)}, CLI commands: ${n(data.cli)}`,
  ];
  return lines.join('\n') + '\n';
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const sup = JSON.parse(readFileSync(SUPPLEMENT, 'utf8'));
  const dump = opts.dump ? readDump(opts.dump) : runHaproxy(opts.haproxy);
  const mm = /^(\d+\.\d+)/.exec(dump.version)?.[1];
  if (mm !== sup.baseVersion && !opts.force) fail(`haproxy ${dump.version} is not ${sup.baseVersion}, which the supplement describes (use --force to merge anyway)`);
  if (opts.saveDump) {
    mkdirSync(dirname(opts.saveDump), { recursive: true });
    writeFileSync(opts.saveDump, `${VERSION_HEADER}${dump.version}\n${dump.text}`);
  }
  const data = build(parseDump(dump.text), sup, dump.version);
  if (opts.check) {
    let current = null;
    try {
      current = readFileSync(opts.out, 'utf8');
    } catch {
      /* missing: stale */
    }
    if (current !== serialise(data)) {
      process.stderr.write(`gen-haproxy-keywords: ${opts.out} is stale; regenerate with: node scripts/gen-haproxy-keywords.mjs --dump server/src/knowledge/haproxy/haproxy-2.6.12-dKall.txt\n`);
      process.exit(1);
    }
    return;
  }
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, serialise(data));
  if (!opts.quiet) process.stderr.write(summary(data));
}

main();
