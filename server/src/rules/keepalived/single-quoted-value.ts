import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { KeepalivedRule, Report } from '../rule.js';

/** Keywords whose lines keepalived re-reads with a shell-like tokenizer, where single quotes do quote. */
const SCRIPT_LIKE = /^(script|notify\w*|misc_path|misc_dynamic|user|process)$/;

function walk(tree: readonly KStatement[], report: Report): void {
  // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
  for (let i = 0; i < tree.length; i++) {
    const st = tree[i]!;
    for (let j = 0; j < st.args.length; j++) {
      const w = st.args[j]!;
      // The keyword's pattern only for a single-quoted value: most lines have none.
      if (w.value.length >= 2 && w.value.startsWith("'") && w.value.endsWith("'") && !SCRIPT_LIKE.test(st.keyword.value)) {
        report(st.file, w, `single quotes are not quotes for '${st.keyword.value}': keepalived keeps them as part of the value (${w.value.length} characters); use double quotes`);
      }
    }
    if (st.block) walk(st.block.statements, report);
  }
}

export const rule: KeepalivedRule = {
  id: 'single-quoted-value',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: "A value in 'single quotes' on a keyword where keepalived treats them as ordinary characters.",
  docs: "Only script and notify lines understand single quotes. Elsewhere `auth_pass 'abc'` is a five-character password including the quotes, which does not match a peer's `auth_pass abc`.",
  check(model, report) {
    walk(model.tree, report);
  },
};
