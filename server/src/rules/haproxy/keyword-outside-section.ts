import type { HaproxyRule } from '../rule.js';

export const rule: HaproxyRule = {
  id: 'keyword-outside-section',
  scope: 'haproxy',
  perSection: true,
  severity: 'error',
  summary: 'A setting before the first section header.',
  docs: 'Every HAProxy setting belongs to a section (`global`, `defaults`, `frontend`…). HAProxy refuses a keyword that appears before any section ("unknown keyword … out of section"); add the missing header above it.',
  mirrors: 'haproxy',
  check(model, report) {
    // With {% %} tags, sections and names may live in other templates or loops.
    if (model.syntax.controlFlow) return;
    for (const st of model.syntax.orphans) {
      const kw = st.word(0)!;
      if (kw.value.includes('{{')) continue;
      report(model.syntax.file, kw, `'${kw.value}' appears before any section header: HAProxy rejects it`);
    }
  },
};
