import type { Statement } from '../../syntax/haproxy/ast.js';
import type { Proxy } from '../../model/haproxy.js';
import type { Span } from '../../syntax/text.js';
import type { HaproxyRule } from '../rule.js';
import { sameBranch } from './branches.js';

/** The most servers one server-template line is expanded to; larger ranges are not checked. */
const MAX_TEMPLATE = 10_000;

/** The names a `server-template <prefix> <num | low-high> …` line defines: prefix1…prefixN, or prefixLOW…prefixHIGH. */
export function templateNames(st: Statement): string[] {
  const prefix = st.value(1);
  const range = st.value(2);
  if (!prefix || !range) return [];
  const m = /^(\d+)(?:-(\d+))?$/.exec(range);
  if (!m) return [];
  const low = m[2] === undefined ? 1 : Number(m[1]);
  const high = Number(m[2] ?? m[1]);
  if (low < 1 || high < low || high - low >= MAX_TEMPLATE) return [];
  const out: string[] = [];
  for (let i = low; i <= high; i++) out.push(`${prefix}${i}`);
  return out;
}

/**
 * The servers of one proxy, name by name: `add` reports a server whose name an earlier one in the same `.if` branch
 * has. A name's first server is kept alone; a list is made only for names that repeat (a first check of a large
 * file used to allocate more here than in any other rule).
 */
function serverNames(proxy: Proxy, clash: (at: Span, message: string, first: Span) => void): (name: string, st: Statement) => void {
  const seen = new Map<string, Statement | Statement[]>();
  return (name, st) => {
    const earlier = seen.get(name);
    if (earlier === undefined) {
      seen.set(name, st);
      return;
    }
    const list = Array.isArray(earlier) ? earlier : [earlier];
    const first = list.find((e) => sameBranch(e, st));
    // Like HAProxy, a template line gets one finding per name that clashes.
    if (first) clash(st.word(1)!, `${proxy.kind} '${proxy.name}' already has a server named '${name}' (line ${first.line + 1})`, first.word(1)!);
    list.push(st);
    seen.set(name, list);
  };
}

export const rule: HaproxyRule = {
  id: 'duplicate-server',
  scope: 'haproxy',
  perSection: true,
  severity: 'error',
  summary: 'Two server lines with the same name in one backend.',
  docs: 'HAProxy refuses to start ("another server named … was already defined"): server names identify servers in stats, logs, the runtime API and stick tables, so they must be unique within a backend. `server-template web 3 …` defines web1, web2 and web3.',
  mirrors: 'haproxy',
  check(model, report) {
    // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
    for (let p = 0; p < model.proxies.length; p++) {
      const proxy = model.proxies[p]!;
      if (proxy.kind === 'defaults') continue;
      // Made at the proxy's first server line: most proxies have none.
      let add: ((name: string, st: Statement) => void) | undefined;
      const statements = proxy.section.statements;
      for (let i = 0; i < statements.length; i++) {
        const st = statements[i]!;
        const kw = st.keyword;
        if (kw !== 'server' && kw !== 'server-template') continue;
        const value = st.value(1);
        if (value === undefined || value.includes('{{') || value.includes('$')) continue;
        add ??= serverNames(proxy, (span, message, related) => report(model.syntax.file, span, message, [{ file: model.syntax.file, span: related, message: 'first server with this name' }]));
        if (kw === 'server') add(value, st);
        else for (const name of templateNames(st)) add(name, st);
      }
    }
  },
};
