/**
 * snippets/haproxy.json and snippets/keepalived.json: their shape, and that every snippet, expanded with its
 * defaults (once per choice option) and completed into a whole file, is accepted by the real haproxy -c /
 * keepalived -t and draws no error (nor warning) from our own analysis. A MASTER/BACKUP pair built from the
 * snippets must also pass our cross-file checks: the defaults of the two sides belong together.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandSnippet, parseSnippet, tabstops, type SnippetNode } from './support/snippet-expander.js';
import {
  editorVariables,
  expandDefault,
  haproxyConfigs,
  keepalivedConfig,
  loadSnippets,
  prefixes,
  provideScripts,
  variants,
  type Snippet,
  type SnippetLanguage,
} from './support/snippet-configs.js';
import { describeResult, haproxyCheck, keepalivedTest, unavailable } from './support/real-programs.js';
import { checkFile, describeFinding } from './support/check.js';
import { Workspace } from '../server/src/workspace/workspace.js';
import { nodeFileSystem } from '../server/src/workspace/node-fs.js';
import { analyze } from '../server/src/analysis/analyze.js';

const LANGUAGES: SnippetLanguage[] = ['haproxy', 'keepalived'];
const FILE_NAME: Record<SnippetLanguage, string> = { haproxy: 'haproxy.cfg', keepalived: 'keepalived.conf' };

/**
 * keepalived -t messages a snippet may draw, by prefix, with the reason. Nothing else is allowed.
 * The floating-IP instance has no virtual_ipaddress on purpose: the notify_master script moves the address.
 */
const KEEPALIVED_EXPECTED: Record<string, RegExp> = {
  'vrrp-floating-ip': /^\(VI_1\) No VIP specified; at least one is sensible$/,
};

/** Findings of our own analysis a snippet may draw (information and hints are never counted). */
const OURS_EXPECTED: Record<string, string[]> = {};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hapair-snippets-'));
}

/** Definitions of each tabstop index: placeholders with a default or choices. */
function definedTabstops(nodes: readonly SnippetNode[], out = new Set<number>()): Set<number> {
  for (const n of nodes) {
    if (n.kind === 'tabstop' && (n.children?.length || n.choices)) out.add(n.index);
    if (n.kind !== 'text' && n.children) definedTabstops(n.children, out);
  }
  return out;
}

const DOC_V4 = /^(192\.0\.2|198\.51\.100|203\.0\.113|127\.\d+\.\d+)\.\d+$/;

describe('snippet files', () => {
  const all = LANGUAGES.flatMap((l) => Object.entries(loadSnippets(l)).map(([name, s]) => ({ language: l, name, s })));

  test('every snippet has prefixes, a description and a body; prefixes are unique across both languages', () => {
    assert.ok(all.length >= 12);
    const seen = new Map<string, string>();
    for (const { name, s } of all) {
      assert.ok(prefixes(s).length > 0, name);
      for (const p of prefixes(s)) {
        assert.match(p, /^[a-z][a-z0-9_-]*$/, `${name}: prefix ${p}`);
        assert.ok(!seen.has(p), `prefix ${p} used by ${seen.get(p)} and ${name}`);
        seen.set(p, name);
      }
      assert.ok(s.description.length >= 60, `${name}: describe what it is for`);
      assert.ok(Array.isArray(s.body) && s.body.length > 0, `${name}: body as an array of lines`);
    }
  });

  test('tabstops are numbered 1..n without gaps, every one has a default, and nothing is left unexpanded', () => {
    for (const { language, name, s } of all) {
      const stops = tabstops(s.body).filter((i) => i > 0);
      const sorted = [...stops].sort((a, b) => a - b);
      assert.deepEqual(sorted, sorted.map((_v, i) => i + 1), `${name}: tabstops ${sorted.join(',')}`);
      assert.deepEqual(stops, sorted, `${name}: tabstops are visited in reading order`);
      const defined = definedTabstops(parseSnippet((s.body as string[]).join('\n')));
      for (const i of stops) assert.ok(defined.has(i), `${name}: $${i} has no default`);
      for (const v of variants(s, `/tmp/${FILE_NAME[language]}`)) {
        assert.doesNotMatch(v.text, /\$\{|\$\d/, `${name} [${v.label}]: unexpanded snippet syntax:\n${v.text}`);
      }
    }
  });

  test('what VS Code first inserts is already the final text (no placeholder transforms), so Escape never leaves a broken line', () => {
    for (const { language, name, s } of all) {
      const variables = editorVariables(`/tmp/${FILE_NAME[language]}`);
      assert.equal(expandSnippet(s.body, { variables, applyPlaceholderTransforms: false }), expandSnippet(s.body, { variables }), name);
    }
  });

  test('addresses and names are documentation ones only (RFC 5737, example.com)', () => {
    for (const { language, name, s } of all) {
      for (const v of variants(s, `/tmp/${FILE_NAME[language]}`)) {
        for (const ip of v.text.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? []) assert.match(ip, DOC_V4, `${name}: ${ip}`);
        for (const host of v.text.match(/\b[a-z0-9.-]+\.(?:com|net|org|io)\b/g) ?? []) assert.match(host, /(^|\.)example\.com$/, `${name}: ${host}`);
      }
    }
  });
});

/** Each variant of each snippet as whole files (see support/snippet-configs.ts). */
function completeConfigs(language: SnippetLanguage, s: Snippet, dir: string): { label: string; file: string; text: string }[] {
  const file = join(dir, FILE_NAME[language]);
  const out: { label: string; file: string; text: string }[] = [];
  for (const v of variants(s, file)) {
    if (language === 'keepalived') {
      out.push({ label: v.label, file, text: provideScripts(keepalivedConfig(v.text, file), join(dir, 'scripts')) });
      continue;
    }
    for (const c of haproxyConfigs(v.text, file)) out.push({ label: [v.label, c.baseline && `with baseline ${c.baseline}`].filter(Boolean).join(' '), file, text: c.text });
  }
  return out;
}

for (const language of LANGUAGES) {
  describe(`${language} snippets, expanded and completed`, () => {
    for (const [name, s] of Object.entries(loadSnippets(language))) {
      const key = prefixes(s)[0]!;

      test(`${key}: our analysis reports no error or warning`, () => {
        const dir = tempDir();
        try {
          for (const c of completeConfigs(language, s, dir)) {
            writeFileSync(c.file, c.text);
            const findings = checkFile(c.file, language).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
            const unexpected = findings.filter((f) => !(OURS_EXPECTED[key] ?? []).includes(f.code));
            assert.deepEqual(unexpected.map(describeFinding), [], `${name} [${c.label}]:\n${c.text}`);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      const needs = language === 'haproxy' ? unavailable('haproxy') : unavailable('keepalived', 'netns');
      test(`${key}: the real ${language} accepts it`, { skip: needs ?? false }, () => {
        const dir = tempDir();
        try {
          for (const c of completeConfigs(language, s, dir)) {
            writeFileSync(c.file, c.text);
            const result = language === 'haproxy' ? haproxyCheck(c.file) : keepalivedTest(c.file);
            const context = `${name} [${c.label}]: ${describeResult(result)}\n--- config ---\n${c.text}`;
            assert.equal(result.timedOut, false, context);
            if (language === 'haproxy') {
              assert.equal(result.rc, 0, context);
              // Not even warnings: the snippets are meant to be copied as they are.
              assert.deepEqual(result.messages.filter((m) => m.level === 'alert' || m.level === 'warning'), [], context);
            } else {
              const expected = KEEPALIVED_EXPECTED[key];
              const other = result.messages.filter((m) => !expected?.test(m.message));
              assert.deepEqual(other, [], context);
              // 5 is keepalived -t's "ran, with messages" code; only the expected warnings may cause it.
              assert.ok(result.rc === 0 || (expected && result.rc === 5 && result.messages.length > 0), context);
            }
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// A pair built from the snippets

interface PairFiles {
  dir: string;
  files: Record<string, string>;
}

/** lb1 (vrrp-master) and lb2 (vrrp-backup), each with HAProxy in front of the API and the ingress. */
function pairFromSnippets(): PairFiles {
  const dir = tempDir();
  const files: Record<string, string> = {};
  for (const [node, instance, ownIp] of [
    ['lb1', 'vrrp-master', '192.0.2.11'],
    ['lb2', 'vrrp-backup', '192.0.2.12'],
  ] as const) {
    mkdirSync(join(dir, node));
    const k = join(dir, node, 'keepalived.conf');
    const h = join(dir, node, 'haproxy.cfg');
    const inst = expandDefault('keepalived', instance, k).replace('\t\tchk_haproxy\n', '\t\tchk_haproxy\n\t\tchk_apiserver\n');
    const keepalived = [
      expandDefault('keepalived', 'keepalived-global', k).replace('router_id lb1', `router_id ${node}`),
      expandDefault('keepalived', 'vrrp-script-haproxy', k),
      expandDefault('keepalived', 'vrrp-script-apiserver', k),
      inst,
    ];
    const haproxy = [
      expandDefault('haproxy', 'haproxy-baseline', h),
      expandDefault('haproxy', 'k8s-api', h),
      expandDefault('haproxy', 'ingress-passthrough', h),
      // The statistics page listens on the node's own address.
      expandDefault('haproxy', 'haproxy-stats', h).replace('192.0.2.11', ownIp),
    ];
    files[k] = `${keepalived.map((t) => t.trimEnd()).join('\n\n')}\n`;
    files[h] = `${haproxy.map((t) => t.trimEnd()).join('\n\n')}\n`;
  }
  for (const [path, text] of Object.entries(files)) writeFileSync(path, text);
  return { dir, files };
}

describe('a MASTER/BACKUP pair built from the snippets', () => {
  test('passes our single-file and cross-file checks without errors or warnings', () => {
    const { dir, files } = pairFromSnippets();
    try {
      const ws = new Workspace(nodeFileSystem, [dir]);
      ws.discover(dir);
      assert.deepEqual(ws.allEntries().map((e) => e.path).sort(), Object.keys(files).sort());
      const { findings } = analyze(ws);
      const bad = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(bad.map(describeFinding), [], Object.entries(files).map(([p, t]) => `--- ${p}\n${t}`).join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('each file of the pair is accepted by the real programs', { skip: unavailable('haproxy', 'keepalived', 'netns') ?? false }, () => {
    const { dir, files } = pairFromSnippets();
    try {
      for (const path of Object.keys(files)) {
        const r = path.endsWith('.cfg') ? haproxyCheck(path) : keepalivedTest(path);
        assert.equal(r.rc, 0, `${describeResult(r)}\n--- ${path}\n${files[path]}`);
        assert.deepEqual(r.messages.filter((m) => m.level === 'alert' || m.level === 'warning' || path.endsWith('.conf')), [], describeResult(r));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
