import type { Proxy } from '../../model/haproxy.js';
import type { HaproxyRule } from '../rule.js';
import { sameBranch } from './branches.js';

const hasFrontend = (p: Proxy) => p.kind === 'frontend' || p.kind === 'listen';
const hasBackend = (p: Proxy) => p.kind === 'backend' || p.kind === 'listen';

/** HAProxy 2.6's own test when it reads a proxy header: a frontend-capable proxy clashes with an earlier
 * frontend-capable one, a backend with an earlier backend-capable one. A frontend and a backend may share a name. */
function clashes(later: Proxy, earlier: Proxy): boolean {
  return (hasFrontend(later) && hasFrontend(earlier)) || (later.kind === 'backend' && hasBackend(earlier));
}

export const rule: HaproxyRule = {
  id: 'duplicate-proxy',
  scope: 'haproxy',
  severity: 'error',
  summary: 'Two frontends, two backends, or a listen and a frontend/backend with the same name.',
  docs: 'HAProxy refuses proxies that share a name and a role ("has the same name as"). A frontend and a backend may share a name, which is common and fine.',
  mirrors: 'haproxy',
  perSection: 'names',
  check(model, report) {
    // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
    for (let p = 0; p < model.proxies.length; p++) {
      const proxy = model.proxies[p]!;
      // Names written with Jinja `{{ … }}` are only known once the template is rendered.
      if (proxy.kind === 'defaults' || !proxy.name || proxy.name.includes('{{')) continue;
      // Most names are the proxy's alone: the index says so without a list.
      if (typeof model.names.at(proxy.name) === 'number') continue;
      // The proxy clashes with the first one before it that has its name and a role it has; the finding is its own,
      // and the one before gets none for it.
      for (const earlier of model.named(proxy.name)) {
        if (earlier === proxy) break;
        // Proxies in different branches of one `.if`/`.else` block never both exist.
        if (!clashes(proxy, earlier) || !sameBranch(earlier.section.header, proxy.section.header)) continue;
        report(model.syntax.file, proxy.section.name!, `${proxy.kind} '${proxy.name}' has the same name as the ${earlier.kind} on line ${earlier.section.header.line + 1}`, [
          { file: model.syntax.file, span: earlier.section.name!, message: `${earlier.kind} '${earlier.name}'` },
        ]);
        break;
      }
    }
  },
};
