import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { KeepalivedRule } from '../rule.js';
import { emptyValueEffect } from '../../knowledge/keepalived/lookup.js';
import { walkKeywords } from './keyword-walk.js';

/** Jinja left on the line after the keyword (`{% if %}…{% endif %}` values) may render the value. */
function templatedRest(st: KStatement): boolean {
  const text = st.file.text;
  const lineEnd = text.indexOf('\n', st.keyword.end);
  const rest = text.slice(st.keyword.end, lineEnd === -1 ? text.length : lineEnd);
  return /\{[{%#]/.test(rest);
}

export const rule: KeepalivedRule = {
  id: 'missing-value',
  scope: 'keepalived',
  perBlock: true,
  severity: 'error',
  summary: 'A keepalived keyword written without the value it needs (`priority` alone on its line).',
  docs:
    'For most keywords keepalived stops at once with "is missing a parameter" and exit code 2, so the node never starts; ' +
    'for a few it reports the line and ignores it (a block keyword without its name loses the whole block). ' +
    'Keywords whose value is optional (flags such as `nopreempt`, or `smtp_alert` meaning "on") are not reported.',
  mirrors: 'keepalived',
  check(model, report, context) {
    walkKeywords(model, context.versions.keepalived, ({ statement: st, block, resolution }) => {
      if (resolution.status !== 'known' || st.args.length > 0 || templatedRest(st)) return;
      const spec = resolution.spec;
      const effect = emptyValueEffect(block, spec);
      if (effect === 'fine') return;
      const what = resolution.opens?.headerArg === 'name' ? 'a name' : 'a value';
      const outcome =
        effect === 'fatal'
          ? 'keepalived stops reading the configuration and exits (code 2)'
          : resolution.opens
            ? 'keepalived reports it and skips the whole block'
            : 'keepalived reports it and ignores the line';
      report(st.file, st.keyword, `'${spec.name}' needs ${what}: ${outcome}`);
    });
  },
};
