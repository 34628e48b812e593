import type { KStatement } from '../../syntax/keepalived/ast.js';
import { KWORD_ESCAPED } from '../../syntax/keepalived/lexer.js';
import type { KeepalivedRule, Report } from '../rule.js';

function walk(tree: readonly KStatement[], report: Report): void {
  // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
  for (let i = 0; i < tree.length; i++) {
    const st = tree[i]!;
    for (let j = 0; j < st.args.length; j++) {
      const w = st.args[j]!;
      if (w.flags & KWORD_ESCAPED) {
        report(st.file, w, `'${st.keyword.value}' value uses \\# or \\!: keepalived's VRRP process reads the line a second time and cuts it there; write the value in double quotes instead`);
      }
    }
    if (st.block) walk(st.block.statements, report);
  }
}

export const rule: KeepalivedRule = {
  id: 'escaped-comment-char',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: 'A value escapes # or ! with a backslash instead of quoting it.',
  docs: 'keepalived strips comments twice: once when the main process reads the file and again in the VRRP child. After the first pass `\\#` is a plain `#`, so the child cuts the value there; `auth_pass pa\\#ss` really sets `pa`. Two nodes with `"pa#ss"` and `pa\\#ss` split-brain. Quote values that contain # or !.',
  check(model, report) {
    walk(model.tree, report);
  },
};
