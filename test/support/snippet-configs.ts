/**
 * Test support for snippets/*.json: loads the snippets, expands them with every choice option, and turns each
 * expansion into a complete config the real programs can judge. A fragment gets what it needs around it, taken
 * from the other snippets where one fits: the HAProxy baseline in front of proxies; global_defs and the tracked
 * vrrp_scripts in front of a keepalived instance; an instance tracking them after a lone vrrp_script.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { choiceLists, expandSnippet, type ExpandOptions } from './snippet-expander.js';

export type SnippetLanguage = 'haproxy' | 'keepalived';

export interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

export const SNIPPET_FILES: Record<SnippetLanguage, URL> = {
  haproxy: new URL('../../snippets/haproxy.json', import.meta.url),
  keepalived: new URL('../../snippets/keepalived.json', import.meta.url),
};

export function loadSnippets(language: SnippetLanguage): Record<string, Snippet> {
  return JSON.parse(readFileSync(SNIPPET_FILES[language], 'utf8')) as Record<string, Snippet>;
}

export function prefixes(s: Snippet): string[] {
  return typeof s.prefix === 'string' ? [s.prefix] : s.prefix;
}

/** Finds a snippet by one of its prefixes. */
export function byPrefix(language: SnippetLanguage, prefix: string): Snippet {
  const found = Object.values(loadSnippets(language)).find((s) => prefixes(s).includes(prefix));
  if (!found) throw new Error(`no ${language} snippet with prefix ${prefix}`);
  return found;
}

/** What VS Code's resolvers would give in an editor on `file` (no selection, empty clipboard). */
export function editorVariables(file: string): Record<string, string> {
  const name = basename(file);
  const dot = name.lastIndexOf('.');
  return {
    TM_FILENAME: name,
    TM_FILENAME_BASE: dot > 0 ? name.slice(0, dot) : name,
    TM_DIRECTORY: dirname(file),
    TM_DIRECTORY_BASE: basename(dirname(file)),
    TM_FILEPATH: file,
    RELATIVE_FILEPATH: name,
    TM_LINE_INDEX: '0',
    TM_LINE_NUMBER: '1',
    TM_CURRENT_LINE: '',
    CURSOR_INDEX: '0',
    CURSOR_NUMBER: '1',
    WORKSPACE_NAME: basename(dirname(file)),
    WORKSPACE_FOLDER: dirname(file),
    LINE_COMMENT: '#',
    CURRENT_YEAR: '2025',
    RANDOM: '123456',
    RANDOM_HEX: 'a1b2c3',
    UUID: '00000000-0000-4000-8000-000000000000',
  };
}

export interface Variant {
  /** `option i` for each choice index, e.g. `$2=http`; empty when the snippet has no choices. */
  label: string;
  text: string;
}

/**
 * The snippet expanded once per choice position: variant k takes option k of every choice (the last option of
 * a shorter list), so every option of every choice appears in some variant. Options at the same position
 * belong together (`state MASTER` with `priority 110`), which is also how the snippets order them.
 */
export function variants(s: Snippet, file: string): Variant[] {
  const lists = choiceLists(s.body);
  const count = Math.max(1, ...[...lists.values()].map((l) => l.length));
  const out: Variant[] = [];
  for (let k = 0; k < count; k++) {
    const options: ExpandOptions = { variables: editorVariables(file), choose: (_i, opts) => opts[Math.min(k, opts.length - 1)]! };
    const label = [...lists].map(([i, opts]) => `$${i}=${opts[Math.min(k, opts.length - 1)]}`).join(' ');
    out.push({ label, text: expandSnippet(s.body, options) });
  }
  return out;
}

/** Plain default expansion (first option of every choice). */
export function expandDefault(language: SnippetLanguage, prefix: string, file: string): string {
  return expandSnippet(byPrefix(language, prefix).body, { variables: editorVariables(file) });
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * A HAProxy snippet as whole files: itself when it has global/defaults, else once behind each variant of the
 * baseline snippet (proxies set their own mode, so they must work under defaults in either mode).
 */
export function haproxyConfigs(text: string, file: string): { baseline: string; text: string }[] {
  if (/^(global|defaults)\b/m.test(text)) return [{ baseline: '', text: withNewline(text) }];
  return variants(byPrefix('haproxy', 'haproxy-baseline'), file).map((base) => ({
    baseline: base.label,
    text: withNewline(`${base.text.trimEnd()}\n\n${text.trimEnd()}`),
  }));
}

/** `vrrp_script NAME` blocks defined by the keepalived snippets (default expansion), by name. */
function scriptSnippets(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of Object.values(loadSnippets('keepalived'))) {
    const text = expandSnippet(s.body, { variables: editorVariables(file) });
    const m = /^vrrp_script\s+(\S+)/m.exec(text);
    if (m && !/^vrrp_instance\b/m.test(text)) out.set(m[1]!, text.trimEnd());
  }
  return out;
}

function trackedScripts(text: string): string[] {
  const names: string[] = [];
  for (const block of text.matchAll(/track_script\s*\{([^}]*)\}/g)) {
    for (const line of block[1]!.split('\n')) {
      const name = line.trim().split(/\s+/)[0];
      if (name) names.push(name);
    }
  }
  return names;
}

/**
 * A keepalived snippet as a whole file. Adds global_defs (script security) when scripts are used, the
 * vrrp_script of every tracked name the text does not define, and, after vrrp_scripts alone, an instance
 * that tracks them (keepalived only runs scripts some instance tracks).
 */
export function keepalivedConfig(text: string, file: string): string {
  const parts: string[] = [];
  const usesScripts = /^\s*(vrrp_script|notify\w*)\b/m.test(text) || trackedScripts(text).length > 0;
  if (usesScripts && !/^global_defs\b/m.test(text)) parts.push(expandDefault('keepalived', 'keepalived-global', file).trimEnd());
  const defined = new Set([...text.matchAll(/^vrrp_script\s+(\S+)/gm)].map((m) => m[1]!));
  const available = scriptSnippets(file);
  for (const name of trackedScripts(text)) {
    if (defined.has(name)) continue;
    const script = available.get(name);
    if (!script) throw new Error(`no snippet defines the tracked vrrp_script ${name}`);
    parts.push(script);
    defined.add(name);
  }
  parts.push(text.trimEnd());
  if (defined.size > 0 && !/^vrrp_instance\b/m.test(text)) {
    parts.push(
      [
        'vrrp_instance VI_TEST {',
        '\tstate MASTER',
        '\tinterface eth0',
        '\tvirtual_router_id 99',
        '\tpriority 110',
        '\tvirtual_ipaddress {',
        '\t\t192.0.2.99/24',
        '\t}',
        '\ttrack_script {',
        ...[...defined].map((n) => `\t\t${n}`),
        '\t}',
        '}',
      ].join('\n'),
    );
  }
  return withNewline(parts.join('\n\n'));
}

/** Where the snippets put the user's own scripts; tests move them into a private directory. */
export const SCRIPT_DIR = '/etc/keepalived/';

/**
 * Points every script path under SCRIPT_DIR at `dir` and creates there a trivial executable script for each,
 * owned by the test user and writable by it only, as keepalived's script security requires.
 */
export function provideScripts(config: string, dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  return config.replace(/\/etc\/keepalived\/([\w.-]+)/g, (_all, name: string) => {
    const path = join(dir, name);
    writeFileSync(path, '#!/bin/sh\nexit 0\n');
    chmodSync(path, 0o755);
    return path;
  });
}
