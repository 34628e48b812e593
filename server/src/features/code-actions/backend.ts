/**
 * undefined-backend: create the backend at the end of the file, in the mode of the proxy that routes to it (so
 * mode-mismatch stays quiet), or — when an existing backend's name is a likely typo of it — use that one.
 */
import { closest } from '../../knowledge/edit-distance.js';
import { refWord } from '../../model/haproxy.js';
import { eolOf, indentUnitOf } from '../edits.js';
import { fixOf, type Fixer } from './quick-fix.js';

export const createBackend: Fixer = (ctx, finding) => {
  const model = ctx.haproxy?.model;
  if (!model) return [];
  for (const proxy of model.proxies) {
    const ref = proxy.backendRefs.find((r) => r.statement.start <= finding.span.start && finding.span.end <= r.statement.end && refWord(r).start === finding.span.start);
    if (!ref) continue;
    const file = model.syntax.file;
    const text = file.text;
    const word = refWord(ref);
    if (word.text !== word.value) return [];
    const eol = eolOf(text);
    const unit = indentUnitOf(text);
    // One blank line between the last section and the new one.
    const gap = text.length === 0 || /\n[ \t]*\r?\n$/.test(text) ? '' : text.endsWith('\n') ? eol : eol + eol;
    const section = [`backend ${ref.name}`, `${unit}mode ${proxy.mode}`, `${unit}# server s1 192.0.2.1:80 check`].join(eol) + eol;
    const fixes = fixOf(`Create backend '${ref.name}' at the end of the file`, [{ file, edits: [{ start: text.length, end: text.length, newText: gap + section }] }]);
    const near = closest(ref.name, model.backends.keys());
    if (near) fixes.unshift(...fixOf(`Change to '${near}'`, [{ file, edits: [{ start: word.start, end: word.end, newText: near }] }], true));
    return fixes;
  }
  return [];
};
