import type { SyntaxRule } from '../rule.js';

export const rule: SyntaxRule = {
  id: 'unbalanced-braces',
  scope: 'syntax',
  severity: 'error',
  summary: "A keepalived block that is never closed, or a '}' that closes nothing.",
  docs: "keepalived counts braces across the whole file: a missing '}' swallows every block after it into the open one, an extra '}' ends the enclosing block early. Remember that `}}` closes two blocks.",
  mirrors: 'keepalived',
};
