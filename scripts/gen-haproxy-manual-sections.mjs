#!/usr/bin/env node
// Generates server/src/knowledge/haproxy/manual-sections.json: in which chapter of HAProxy's configuration
// manual each global keyword and each sample fetch is described, so a hover can link to
// https://docs.haproxy.org/<version>/configuration.html#<chapter>-<keyword>.
//
// Only the chapters that are not obvious from the keyword's kind are recorded: a global keyword may be in
// 3.1 (process management), 3.2 (performance tuning) or 3.3 (debugging), a fetch in 7.3.2 … 7.3.7 by layer.
// Proxy keywords (4.2), bind (5.1) and server (5.2) parameters and converters (7.3.1) need no table.
//
// Input: the manual of the installed Debian package (/usr/share/doc/haproxy/configuration.txt.gz, 2.6).
// The chapters of later manuals are close enough: a fragment that a newer page lacks opens the page at its top.
//
// Usage: node scripts/gen-haproxy-manual-sections.mjs [--manual FILE] [--out FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const manualPath = option('--manual', '/usr/share/doc/haproxy/configuration.txt.gz');
const out = option('--out', new URL('../server/src/knowledge/haproxy/manual-sections.json', import.meta.url).pathname);

const raw = readFileSync(manualPath);
const text = (manualPath.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
const lines = text.split('\n');
const version = /^\s+version (\S+)/m.exec(text)?.[1] ?? 'unknown';

// A chapter starts with "3.2. Title" underlined by dashes; its keywords are the lines that start in column 0.
const chapters = new Map();
let chapter;
for (let i = 0; i < lines.length; i++) {
  const line = lines[i];
  const head = /^(\d+(?:\.\d+)*)\.\s+\S/.exec(line);
  if (head && /^-{3,}\s*$/.test(lines[i + 1] ?? '')) {
    chapter = head[1];
    i++;
    continue;
  }
  if (!chapter || !/^[a-z0-9]/.test(line)) continue;
  // "maxconn <number>", "src : ip", "req.ssl_sni : string", "hdr([<name>[,<occ>]]) : string"
  const name = /^([a-z0-9][a-z0-9_.+-]*)/.exec(line)?.[1];
  if (!name) continue;
  if (!chapters.has(chapter)) chapters.set(chapter, new Set());
  chapters.get(chapter).add(name);
}

function collect(prefixes, filter = () => true) {
  const map = {};
  for (const [ch, names] of chapters) {
    if (!prefixes.some((p) => ch === p)) continue;
    for (const name of names) if (filter(name, ch) && !(name in map)) map[name] = ch;
  }
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}

// Fetch definitions have a " : <type>" after the name (and optional arguments); prose lines do not.
const fetchNames = new Set();
for (const line of lines) {
  const m = /^([a-z0-9][a-z0-9_.+-]*)(?:\([^)]*\)*)?(?:\([^\n]*?\))?\s*:\s*[a-z]/.exec(line);
  if (m) fetchNames.add(m[1]);
}

const result = {
  generatedFrom: `HAProxy ${version} configuration manual`,
  // Global keywords outside 3.1 (the default chapter).
  global: collect(['3.2', '3.3'], (name) => !name.startsWith('tune.')),
  fetches: collect(['7.3.2', '7.3.3', '7.3.4', '7.3.5', '7.3.6', '7.3.7'], (name) => fetchNames.has(name)),
};
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
process.stderr.write(`${out}: ${Object.keys(result.global).length} global keywords, ${Object.keys(result.fetches).length} fetches\n`);
