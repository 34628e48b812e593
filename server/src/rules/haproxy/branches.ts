import type { Statement } from '../../syntax/haproxy/ast.js';

/**
 * False when the two lines sit in different branches of one `.if`/`.elif`/`.else` block, so at most one of them is
 * active: climbing from the same depth to the branch both lines share, the last two branches passed decide.
 */
export function sameBranch(a: Statement, b: Statement): boolean {
  let x = a.branch;
  let y = b.branch;
  while (x && y && x.depth > y.depth) x = x.parent;
  while (x && y && y.depth > x.depth) y = y.parent;
  let outermostDifference: [NonNullable<typeof x>, NonNullable<typeof y>] | undefined;
  while (x && y && x !== y) {
    outermostDifference = [x, y];
    x = x.parent;
    y = y.parent;
  }
  return outermostDifference === undefined || outermostDifference[0].id !== outermostDifference[1].id;
}
