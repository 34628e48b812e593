import type { Word } from '../../syntax/haproxy/ast.js';
import type { HaproxyRule } from '../rule.js';

const ALLOWED = /^[A-Za-z0-9._:-]+$/;

/** Names HAProxy cannot judge before expansion: Jinja `{{ … }}`, or `$VAR` inside double quotes (HAProxy expands
 * environment variables only there; an unquoted `$` is a plain, forbidden character). */
const expanded = (w: Word) => w.value.includes('{{') || (w.value.includes('$') && w.text.includes('"'));

/** The first character HAProxy refuses in a name. */
const firstBad = (name: string) => [...name].find((c) => !/[A-Za-z0-9._:-]/.test(c));

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
    // Names are read as strings; a Word (with its position) is made only for a name that is reported.
    // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
    const sections = model.syntax.sections;
    for (let s = 0; s < sections.length; s++) {
      const section = sections[s]!;
      if (!CHECKED_SECTIONS.has(section.kind) || !section.hasName) continue;
      const value = section.header.value(1)!;
      // An empty name (`resolvers ''`, or a quote left open) has no bad character to name; not this rule's case.
      if (value === '' || ALLOWED.test(value)) continue;
      const name = section.name!;
      if (!expanded(name)) report(file, name, `character '${firstBad(value)}' is not permitted in ${section.kind} name '${value}'`);
    }
    for (let p = 0; p < model.proxies.length; p++) {
      const proxy = model.proxies[p]!;
      // forEach rather than for…of over the entries: no [name, lines] pair per ACL.
      proxy.acls.forEach((decls, name) => {
        if (name === '' || ALLOWED.test(name)) return;
        // HAProxy rejects every `acl` line with the name, not only the first.
        for (const decl of decls) {
          const word = decl.word(1)!;
          if (!expanded(word)) report(file, word, `character '${firstBad(name)}' is not permitted in ACL name '${name}'`);
        }
      });
    }
  },
};
