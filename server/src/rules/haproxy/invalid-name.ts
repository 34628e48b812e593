import type { Word } from '../../syntax/haproxy/ast.js';
import type { HaproxyRule } from '../rule.js';

const ALLOWED = /^[A-Za-z0-9._:-]+$/;

/** Names HAProxy cannot judge before expansion: Jinja `{{ … }}`, or `$VAR` inside double quotes (HAProxy expands
 * environment variables only there; an unquoted `$` is a plain, forbidden character). */
const expanded = (w: Word) => w.value.includes('{{') || (w.value.includes('$') && w.text.includes('"'));

/** Sections whose name HAProxy 2.6 checks with invalid_char(). It does not check `defaults`, `cache` or `program` names. */
const CHECKED_SECTIONS: ReadonlySet<string> = new Set([
  'frontend', 'backend', 'listen', 'peers', 'resolvers', 'userlist', 'mailers', 'http-errors', 'ring', 'fcgi-app', 'log-forward',
]);

export const rule: HaproxyRule = {
  id: 'invalid-name',
  scope: 'haproxy',
  perSection: true,
  severity: 'error',
  summary: 'A section or ACL name with characters HAProxy does not allow.',
  docs: 'Proxy, section and ACL names may only contain letters, digits and `.` `_` `:` `-`. HAProxy refuses anything else ("character … is not permitted").',
  mirrors: 'haproxy',
  check(model, report) {
    const file = model.syntax.file;
    for (const section of model.syntax.sections) {
      const name = section.name;
      if (!CHECKED_SECTIONS.has(section.kind)) continue;
      // An empty name (`resolvers ''`, or a quote left open) has no bad character to name; not this rule's case.
      if (name && name.value !== '' && !ALLOWED.test(name.value) && !expanded(name)) {
        const bad = [...name.value].find((c) => !/[A-Za-z0-9._:-]/.test(c));
        report(file, name, `character '${bad}' is not permitted in ${section.kind} name '${name.value}'`);
      }
    }
    for (const proxy of model.proxies) {
      for (const [name, decls] of proxy.acls) {
        if (name === '' || ALLOWED.test(name)) continue;
        const bad = [...name].find((c) => !/[A-Za-z0-9._:-]/.test(c));
        // HAProxy rejects every `acl` line with the name, not only the first.
        for (const decl of decls) {
          const word = decl.word(1)!;
          if (!expanded(word)) report(file, word, `character '${bad}' is not permitted in ACL name '${name}'`);
        }
      }
    }
  },
};
