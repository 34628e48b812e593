import { effectiveMode, effectiveSetting } from '../../model/haproxy.js';
import type { HaproxyRule } from '../rule.js';

export const rule: HaproxyRule = {
  id: 'missing-timeouts',
  scope: 'haproxy',
  severity: 'warning',
  summary: "A proxy without the client, connect or server timeout it needs (in itself or its defaults).",
  docs: 'Without these timeouts HAProxy keeps dead connections forever and warns "missing timeouts". Frontends need `timeout client`, backends `timeout connect` and `timeout server`; a `defaults` section is the usual place.',
  mirrors: 'haproxy',
  check(model, report) {
    for (const proxy of model.proxies) {
      if (proxy.kind === 'defaults' || effectiveMode(proxy) === 'log') continue;
      const needed = [
        ...(proxy.kind !== 'backend' ? ['client'] : []),
        ...(proxy.kind !== 'frontend' ? ['connect', 'server'] : []),
      ];
      // A frontend without a backend to use carries no server side; HAProxy still asks for all three if any is missing.
      const missing = needed.filter((t) => !effectiveSetting(proxy, `timeout ${t}`));
      if (missing.length === 0) continue;
      const anchor = proxy.section.name ?? proxy.section.header.words[0]!;
      report(model.syntax.file, anchor, `${proxy.kind} '${proxy.name}' has no timeout ${missing.join(', no timeout ')}: HAProxy warns and idle connections are never closed`);
    }
  },
};
