import type { Statement } from '../../syntax/haproxy/ast.js';

/** False when the two lines sit in different branches of one `.if`/`.elif`/`.else` block, so at most one of them is active. */
export function sameBranch(a: Statement, b: Statement): boolean {
  const pa = a.branch?.split('/') ?? [];
  const pb = b.branch?.split('/') ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    return pa[i]!.split('.')[0] !== pb[i]!.split('.')[0];
  }
  return true;
}
