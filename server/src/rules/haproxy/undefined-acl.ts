import { refWord } from '../../model/haproxy.js';
import type { HaproxyRule } from '../rule.js';

/** ACLs HAProxy defines itself (configuration manual, "Pre-defined ACLs"). */
export const PREDEFINED_ACLS: ReadonlySet<string> = new Set([
  'FALSE', 'HTTP', 'HTTP_1.0', 'HTTP_1.1', 'HTTP_2.0', 'HTTP_3.0', 'HTTP_CONTENT', 'HTTP_URL_ABS', 'HTTP_URL_SLASH', 'HTTP_URL_STAR',
  'LOCALHOST', 'METH_CONNECT', 'METH_DELETE', 'METH_GET', 'METH_HEAD', 'METH_OPTIONS', 'METH_POST', 'METH_PUT', 'METH_TRACE',
  'RDP_COOKIE', 'REQ_CONTENT', 'TRUE', 'WAIT_END',
]);

export const rule: HaproxyRule = {
  id: 'undefined-acl',
  scope: 'haproxy',
  perSection: true,
  severity: 'error',
  summary: 'A condition names an ACL that is not declared earlier in the same section.',
  docs: 'HAProxy resolves ACL names while it reads the rule, so the `acl` line must come before the rule that uses it, in the same frontend/backend/listen section. Otherwise it refuses to start ("no such ACL"). Repeated `acl` lines with one name are fine: they are OR-ed.',
  mirrors: 'haproxy',
  check(model, report) {
    // With {% %} tags, sections and names may live in other templates or loops.
    if (model.syntax.controlFlow) return;
    // Indexed, here and over the references: for…of allocates per item until the engine optimises the loop (most
    // of a first check).
    for (let p = 0; p < model.proxies.length; p++) {
      const proxy = model.proxies[p]!;
      const refs = proxy.aclRefs;
      for (let i = 0; i < refs.length; i++) {
        const ref = refs[i]!;
        if (PREDEFINED_ACLS.has(ref.name) || ref.name.includes('{{') || ref.name.includes('$')) continue;
        const decls = proxy.acls.get(ref.name);
        // HAProxy knows only the ACLs declared above a rule. A name's `acl` lines are listed in file order, so the
        // first one says it (looking through them all made a rule after many lines of one ACL cost that many steps).
        if (decls && decls[0]!.line < ref.statement.line) continue;
        const why = decls ? `is declared only after this line (line ${decls[0]!.line + 1})` : `is not declared in ${proxy.kind} '${proxy.name}'`;
        report(model.syntax.file, refWord(ref), `ACL '${ref.name}' ${why}: HAProxy reports "no such ACL"`);
      }
    }
  },
};
