import type { SyntaxRule } from '../rule.js';

export const rule: SyntaxRule = {
  id: 'parse-error',
  scope: 'syntax',
  severity: 'error',
  summary: 'Something the parser could not read: an unclosed quote, a stray `.endif`, unreadable bytes.',
  docs: 'The real program stops or skips at the same place, so everything after it may not mean what it says. Fix the line the message points at; the rest of the file is still checked.',
  mirrors: 'haproxy',
};
