import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { KeepalivedRule, Report } from '../rule.js';

/** `$NAME` followed by something other than a blank, ',' or ')' is not substituted by keepalived. */
const UNBRACED = /\$([A-Za-z_][A-Za-z0-9_]*)(?=[^\sA-Za-z0-9_,)])/;

function walk(tree: readonly KStatement[], defined: ReadonlyMap<string, string>, report: Report): void {
  for (const st of tree) {
    for (const w of [st.keyword, ...st.args]) {
      const m = UNBRACED.exec(w.value);
      if (m && defined.has(m[1]!)) {
        report(st.file, w, `'$${m[1]}' is followed by '${w.value[m.index + m[0].length]}', so keepalived does not substitute it; write '\${${m[1]}}'`);
      }
    }
    if (st.block) walk(st.block.statements, defined, report);
  }
}

export const rule: KeepalivedRule = {
  id: 'unbraced-parameter',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: '`$NAME` directly followed by other characters, which keepalived does not substitute.',
  docs: 'keepalived replaces `$NAME` only when a blank, `,`, `)` or the line end follows it; `$VIP/24` stays literally `$VIP/24` and is rejected. Use `${VIP}/24`.',
  check(model, report) {
    walk(model.tree, model.definitions, report);
  },
};
