import type { Statement } from '../../syntax/haproxy/ast.js';
import type { Proxy } from '../../model/haproxy.js';
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
 * Server lines by name, for the whole file: one map rather than one per proxy (a first check of a large file makes
 * thousands of proxies, and the map is the only thing this rule allocates). An entry left by an earlier proxy lies
 * before the current proxy's header and is simply replaced. A name's first line is kept alone; a list is made only
 * for names that repeat in a proxy.
 */
type ServersByName = Map<string, Statement | Statement[]>;

/** Records server `name` of `st` in `proxy`; returns the earlier line of the same proxy and `.if` branch with that name. */
function addServer(seen: ServersByName, proxy: Proxy, name: string, st: Statement): Statement | undefined {
  const earlier = seen.get(name);
  const head = Array.isArray(earlier) ? earlier[0] : earlier;
  if (head === undefined || head.start < proxy.section.header.start) {
    seen.set(name, st);
    return undefined;
  }
  const list = Array.isArray(earlier) ? earlier : [head];
  list.push(st);
  seen.set(name, list);
  return list.find((e) => e !== st && sameBranch(e, st));
}

/** The proxy's `server` and `server-template` lines in file order (which one a finding calls the first depends on it). */
function serverLines(proxy: Proxy): readonly Statement[] {
  if (proxy.templates.length === 0) return proxy.servers;
  return [...proxy.servers, ...proxy.templates].sort((a, b) => a.start - b.start);
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
    const file = model.syntax.file;
    const seen: ServersByName = new Map();
    const add = (proxy: Proxy, name: string, st: Statement) => {
      const first = addServer(seen, proxy, name, st);
      // Like HAProxy, a template line gets one finding per name that clashes.
      if (first) report(file, st.word(1)!, `${proxy.kind} '${proxy.name}' already has a server named '${name}' (line ${first.line + 1})`, [{ file, span: first.word(1)!, message: 'first server with this name' }]);
    };
    // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
    for (let p = 0; p < model.proxies.length; p++) {
      const proxy = model.proxies[p]!;
      if (proxy.kind === 'defaults') continue;
      const lines = serverLines(proxy);
      for (let i = 0; i < lines.length; i++) {
        const st = lines[i]!;
        const value = st.value(1);
        if (value === undefined || value.includes('{{') || value.includes('$')) continue;
        if (st.keyword === 'server') add(proxy, value, st);
        else for (const name of templateNames(st)) add(proxy, name, st);
      }
    }
  },
};
