import { refWord } from '../../model/haproxy.js';
import type { HaproxyRule } from '../rule.js';

export const rule: HaproxyRule = {
  id: 'mode-mismatch',
  scope: 'haproxy',
  severity: 'error',
  summary: 'An HTTP frontend routes to a TCP backend.',
  docs: 'An HTTP frontend cannot hand its traffic to a backend in `mode tcp`; HAProxy refuses to start ("tries to use incompatible tcp backend"). A TCP frontend may use an HTTP backend. Make the modes agree, usually in the backend.',
  mirrors: 'haproxy',
  perSection: 'names',
  check(model, report) {
    // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
    for (let p = 0; p < model.proxies.length; p++) {
      const proxy = model.proxies[p]!;
      if (proxy.kind === 'defaults' || proxy.kind === 'backend' || proxy.mode !== 'http') continue;
      for (let r = 0; r < proxy.backendRefs.length; r++) {
        const ref = proxy.backendRefs[r]!;
        const target = ref.dynamic ? undefined : model.backends.get(ref.name);
        if (!target || target.mode !== 'tcp') continue;
        report(model.syntax.file, refWord(ref), `http ${proxy.kind} '${proxy.name}' uses tcp backend '${target.name}': HAProxy refuses incompatible modes`, [
          { file: model.syntax.file, span: target.section.name ?? target.section.header, message: `'${target.name}' runs in mode tcp` },
        ]);
      }
    }
  },
};
