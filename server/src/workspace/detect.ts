/**
 * Which files are HAProxy or keepalived configs. Names decide first; content decides for `.cfg`, `.conf`
 * and templates with other names. Unrelated `.cfg`/`.conf` files are never claimed.
 */
import type { Language } from './types.js';

const TEMPLATE_EXT = /\.(j2|jinja2?)$/;

/** The name without a template extension, and whether there was one. */
function untemplated(name: string): { base: string; template: boolean } {
  const template = TEMPLATE_EXT.test(name);
  return { base: template ? name.replace(TEMPLATE_EXT, '') : name, template };
}

/** Language implied by the file name and its folders alone. */
export function languageFromName(path: string): Language | undefined {
  const parts = path.split('/');
  const { base, template } = untemplated(parts[parts.length - 1]!);
  const folders = parts.slice(-3, -1);
  const lower = base.toLowerCase();
  if (lower === 'haproxy.cfg' || /^haproxy.*\.cfg$/.test(lower) || lower.endsWith('.haproxy.cfg')) return 'haproxy';
  if (lower === 'keepalived.conf' || /^keepalived.*\.conf$/.test(lower) || lower.endsWith('.keepalived.conf')) return 'keepalived';
  // Templates are often named after the file they render: haproxy-cfg.j2, keepalived-conf.j2, haproxy-j2.conf.
  if (template || /-j2\.(cfg|conf)$/.test(lower)) {
    if (lower.startsWith('haproxy')) return 'haproxy';
    if (lower.startsWith('keepalived')) return 'keepalived';
  }
  if (lower.endsWith('.cfg') && folders.includes('haproxy')) return 'haproxy';
  if (lower.endsWith('.conf') && folders.includes('keepalived')) return 'keepalived';
  return undefined;
}

/** Files whose content is worth sniffing: config-like extensions and templates. */
export function mayHoldConfig(path: string): boolean {
  const { base, template } = untemplated(path.slice(path.lastIndexOf('/') + 1));
  return template || /\.(cfg|conf|config)$/i.test(base);
}

const KEEPALIVED_BLOCK = /^[ \t]*(?:@\^?\S+[ \t]+)?(vrrp_instance|vrrp_script|vrrp_sync_group|global_defs|virtual_server|virtual_server_group)\b[^\n]*(?:\{|\n[ \t]*\{)/m;
const HAPROXY_SECTION = /^(global|defaults|frontend|backend|listen|resolvers|peers|userlist|mailers|program|http-errors|ring|cache)(?:[ \t]+[A-Za-z0-9._:{}$ -]+)?[ \t]*$/;

/** Language implied by content: keepalived blocks anywhere, or a first meaningful line that opens a HAProxy section. */
export function languageFromContent(text: string): Language | undefined {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (KEEPALIVED_BLOCK.test(head)) return 'keepalived';
  for (const raw of head.split('\n', 2000)) {
    const line = raw.replace(/\{#.*?#\}|\{%.*?%\}/g, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    return HAPROXY_SECTION.test(line) ? 'haproxy' : undefined;
  }
  return undefined;
}

export function detectLanguage(path: string, readText: () => string | undefined): Language | undefined {
  const byName = languageFromName(path);
  if (byName) return byName;
  if (!mayHoldConfig(path)) return undefined;
  const text = readText();
  return text === undefined ? undefined : languageFromContent(text);
}
