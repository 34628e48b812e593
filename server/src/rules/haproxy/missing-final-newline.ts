import type { HaproxyRule } from '../rule.js';

export const rule: HaproxyRule = {
  id: 'missing-final-newline',
  scope: 'haproxy',
  severity: 'error',
  summary: 'The last line does not end with a newline.',
  docs: 'HAProxy 2.6 and later reject a file whose last line has no line feed ("Missing LF on last line, file might have been truncated"), to catch half-written files. Add a newline at the end.',
  mirrors: 'haproxy',
  check(model, report) {
    const text = model.syntax.file.text;
    if (text.length === 0 || text.endsWith('\n') || model.syntax.templated) return;
    // HAProxy rejects any unterminated last line, even one holding only blanks or a comment.
    const lastLine = text.lastIndexOf('\n') + 1;
    report(model.syntax.file, { start: lastLine, end: text.length }, 'the last line has no newline: HAProxy rejects the file as possibly truncated');
  },
};
