import { refWord } from '../../model/haproxy.js';
import type { HaproxyRule } from '../rule.js';

export const rule: HaproxyRule = {
  id: 'undefined-backend',
  scope: 'haproxy',
  severity: 'error',
  summary: 'use_backend or default_backend names no backend or listen section.',
  docs: 'HAProxy refuses to start ("unable to find required default_backend" / "unable to find required use_backend"). Names built at runtime with `%[…]` or variables are not checked.',
  mirrors: 'haproxy',
  perSection: 'names',
  check(model, report) {
    // With {% %} tags, sections and names may live in other templates or loops.
    if (model.syntax.controlFlow) return;
    // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
    for (let p = 0; p < model.proxies.length; p++) {
      const proxy = model.proxies[p]!;
      const refs = proxy.backendRefs;
      for (let i = 0; i < refs.length; i++) {
        const ref = refs[i]!;
        if (ref.dynamic || model.backends.has(ref.name)) continue;
        const keyword = ref.statement.keyword;
        report(model.syntax.file, refWord(ref), `${keyword} '${ref.name}': no backend or listen section has this name`);
      }
    }
  },
};
