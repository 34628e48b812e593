import type { KStatement, KWord } from '../../syntax/keepalived/ast.js';
import type { KeepalivedRule, Report } from '../rule.js';

/** `$NAME` followed by something other than a blank, ',' or ')' is not substituted by keepalived. */
const UNBRACED = /\$([A-Za-z_][A-Za-z0-9_]*)(?=[^\sA-Za-z0-9_,)])/;

function walk(tree: readonly KStatement[], defined: ReadonlyMap<string, string>, report: Report): void {
  // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
  for (let i = 0; i < tree.length; i++) {
    const st = tree[i]!;
    check(st, st.keyword, defined, report);
    for (let j = 0; j < st.args.length; j++) check(st, st.args[j]!, defined, report);
    if (st.block) walk(st.block.statements, defined, report);
  }
}

function check(st: KStatement, w: KWord, defined: ReadonlyMap<string, string>, report: Report): void {
  // Most words have no `$`: the cheap test spares them the pattern.
  if (!w.value.includes('$')) return;
  const m = UNBRACED.exec(w.value);
  if (m && defined.has(m[1]!)) {
    report(st.file, w, `'$${m[1]}' is followed by '${w.value[m.index + m[0].length]}', so keepalived does not substitute it; write '\${${m[1]}}'`);
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
    // Only a defined parameter is substituted, so without definitions there is nothing to report.
    if (model.definitions.size > 0) walk(model.tree, model.definitions, report);
  },
};
