import { effectiveSetting, type Proxy } from '../../model/haproxy.js';
import { parseDuration } from '../../model/numbers.js';
import type { HaproxyRule } from '../rule.js';

/** How the proxy sets `timeout <name>`: 'set', 'absent', or the zero value it is written with (`0`, `0s`…). */
function timeoutState(proxy: Proxy, name: string): string {
  const st = effectiveSetting(proxy, 'timeout', name);
  if (!st) return 'absent';
  const value = st.value(2);
  // `0`, `0s`, `0ms`…: HAProxy treats a zero timeout as no timeout at all.
  return value !== undefined && parseDuration(value) === 0 ? value : 'set';
}

/** What is wrong with the proxy's `timeout <name>`, in words; undefined when it is set. */
function gap(proxy: Proxy, name: string): string | undefined {
  const state = timeoutState(proxy, name);
  if (state === 'set') return undefined;
  return state === 'absent' ? `no timeout ${name}` : `timeout ${name} ${state} (no timeout)`;
}

const hasServers = (proxy: Proxy) => proxy.servers.length > 0 || proxy.templates.length > 0;

export const rule: HaproxyRule = {
  id: 'missing-timeouts',
  scope: 'haproxy',
  perSection: true,
  severity: 'warning',
  summary: "A proxy without the client, connect or server timeout it needs (in itself or its defaults).",
  docs: 'Without these timeouts HAProxy keeps dead connections forever and warns "missing timeouts". Frontends need `timeout client`, backends `timeout connect` and `timeout server`; a `defaults` section is the usual place.',
  mirrors: 'haproxy',
  check(model, report) {
    // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
    for (let p = 0; p < model.proxies.length; p++) {
      const proxy = model.proxies[p]!;
      if (proxy.kind === 'defaults') continue;
      // HAProxy 2.6 (proxy.c, check_config_validity) checks tcp and http proxies only. The client side needs
      // `timeout client`; the server side is checked only when the proxy has servers, and in tcp mode
      // `timeout tunnel` stands in for `timeout server`.
      const mode = proxy.mode;
      if (mode !== 'tcp' && mode !== 'http') continue;
      const serverSide = proxy.kind !== 'frontend' && hasServers(proxy);
      const client = proxy.kind !== 'backend' ? gap(proxy, 'client') : undefined;
      const connect = serverSide ? gap(proxy, 'connect') : undefined;
      const server = serverSide && (mode === 'http' || timeoutState(proxy, 'tunnel') !== 'set') ? gap(proxy, 'server') : undefined;
      // Nearly every proxy has its timeouts: no list is made for those.
      if (client === undefined && connect === undefined && server === undefined) continue;
      const what = [client, connect, server].filter((g) => g !== undefined).join(', ');
      const anchor = proxy.section.name ?? proxy.section.header.word(0)!;
      report(model.syntax.file, anchor, `${proxy.kind} '${proxy.name}' has ${what}: HAProxy warns and idle connections are never closed`);
    }
  },
};
