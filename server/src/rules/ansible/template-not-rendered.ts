import type { AnsibleRule } from '../rule.js';

export const rule: AnsibleRule = {
  id: 'template-not-rendered',
  scope: 'ansible',
  severity: 'information',
  summary: 'A config template of an Ansible role that hapair cannot render for some hosts: those hosts miss the cross-file checks.',
  docs: "hapair renders each template once per inventory host, with that host's variables, and cross-checks the results (peers, VIPs, binds). Where it cannot (a fact only the host knows, such as `ansible_default_ipv4`; a Jinja feature it does not evaluate, such as `{% include %}`; a role that no play applies and no inventory group is named after), the template is still checked as written, but the hosts it would have been rendered for take no part in the node and peer rules. The finding marks the place and says why. Giving the variable a value in `host_vars`/`group_vars` (a fact can be set there too) or applying the role in a playbook brings the hosts back; `# hapair-disable-next-line template-not-rendered` above the line silences it; the finding about a role that no play applies is on the template's first line, where `# hapair-disable-line template-not-rendered` silences it.",
};
