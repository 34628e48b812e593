/**
 * A named defaults section that some proxies name with `from` while others use it as the last defaults section above
 * them. HAProxy 2.6 says so with an alert on each proxy where the second way of using it appears ("explicitly
 * referenced by another proxy and implicitly used here"), yet accepts the file: a warning here, on the same lines
 * (checked with `haproxy -c`).
 */
import type { Proxy } from '../../model/haproxy.js';
import { namedDefaultsRules } from '../../knowledge/haproxy/lookup.js';
import type { HaproxyRule } from '../rule.js';
import { forEachHeir } from './heirs.js';

/** The first proxy to use a defaults section by name, and the first to use it as the last one above it. */
interface Uses {
  byName?: Proxy;
  implicitly?: Proxy;
}

const named = (proxy: Proxy) => `${proxy.kind} '${proxy.name}'`;

export const rule: HaproxyRule = {
  id: 'ambiguous-defaults',
  scope: 'haproxy',
  severity: 'warning',
  summary: 'A named defaults section that some proxies name with `from` and others use as the last defaults section above them.',
  docs:
    'A proxy without `from` inherits the last defaults section above it, named or not. When that section is also named by other proxies, a later edit (a defaults section added between) silently changes what the unnamed users inherit, and HAProxy 2.5 and later print an alert for each such proxy. ' +
    'Name the section with `from` everywhere, or add an unnamed `defaults` section before the proxies that name none.',
  mirrors: 'haproxy',
  check(model, report, context) {
    const target = context.versions.haproxy;
    if (model.syntax.controlFlow || !namedDefaultsRules(target)) return;
    const file = model.syntax.file;
    // An unnamed section can only be used one way: forEachHeir gives the heirs of named ones.
    forEachHeir<Uses>(model, target, () => ({}), (proxy, d, u) => {
      const byName = proxy.from !== undefined;
      const other = byName ? u.implicitly : u.byName;
      if (other) {
        const how = byName ? `named here, but ${named(other)} (line ${other.section.header.line + 1}) uses it as the last defaults section above it` : `used here as the last defaults section above, but ${named(other)} (line ${other.section.header.line + 1}) names it with 'from'`;
        report(file, proxy.section.name ?? proxy.section.header.word(0)!, `defaults '${d.name}' is ${how}: name it everywhere, or add an unnamed defaults section before the proxies that name none`, [
          { file, span: other.section.name ?? other.section.header.word(0)!, message: `uses defaults '${d.name}' the other way` },
        ]);
      }
      if (byName) u.byName ??= proxy;
      else u.implicitly ??= proxy;
    });
  },
};
