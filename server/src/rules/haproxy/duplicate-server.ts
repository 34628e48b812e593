import type { Statement } from '../../syntax/haproxy/ast.js';
import type { HaproxyRule } from '../rule.js';
import { sameBranch } from './branches.js';

export const rule: HaproxyRule = {
  id: 'duplicate-server',
  scope: 'haproxy',
  severity: 'error',
  summary: 'Two server lines with the same name in one backend.',
  docs: 'HAProxy refuses to start ("another server named … was already defined"): server names identify servers in stats, logs, the runtime API and stick tables, so they must be unique within a backend.',
  mirrors: 'haproxy',
  check(model, report) {
    for (const proxy of model.proxies) {
      const seen = new Map<string, Statement>();
      for (const st of proxy.servers) {
        const name = st.words[1];
        if (!name) continue;
        const first = seen.get(name.value);
        if (!first) seen.set(name.value, st);
        else if (sameBranch(first, st)) {
          report(model.syntax.file, name, `${proxy.kind} '${proxy.name}' already has a server named '${name.value}' (line ${first.line + 1})`, [
            { file: model.syntax.file, span: first.words[1]!, message: 'first server with this name' },
          ]);
        }
      }
    }
  },
};
