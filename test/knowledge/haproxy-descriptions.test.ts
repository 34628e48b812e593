// Our HAProxy descriptions name real keywords: every entry is found in the keyword inventory (keywords.json)
// where hover and completion will look for it, so a typo in a key cannot leave a keyword undescribed. The
// manual chapters generated from the 2.6 manual name real fetches too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  action,
  bindParam,
  converter,
  fetch,
  keywordValues,
  sectionHeader,
  sectionKeyword,
  serverParam,
  subKeyword,
  subKeywords,
} from '../../server/src/knowledge/haproxy/catalog.js';
import { haproxyDescribed, haproxyDescription } from '../../server/src/knowledge/haproxy/descriptions.js';
import sections from '../../server/src/knowledge/haproxy/manual-sections.json' with { type: 'json' };

const RULE_SETS = ['http-request', 'http-response', 'http-after-response', 'tcp-request connection', 'tcp-request content', 'tcp-request session', 'tcp-response content'];

/** Whether a section keyword or a `keyword second-word` pair exists in `section`. */
function inSection(section: string, name: string): boolean {
  const [first, second] = name.split(' ') as [string, string | undefined];
  if (!sectionKeyword(section, first)) return false;
  return second === undefined || subKeyword(section, first, second) !== undefined || keywordValues(section, first)?.includes(second) === true;
}

test('every description names a keyword of the inventory', () => {
  const unknown: string[] = [];
  for (const { group, name } of haproxyDescribed()) {
    const known =
      group === 'section' ? sectionHeader(name) !== undefined
      : group === 'option' ? subKeyword('backend', 'option', name) !== undefined || subKeyword('frontend', 'option', name) !== undefined
      : group === 'timeout' ? subKeywords('defaults', 'timeout')!.some((t) => t.name === name)
      : group === 'bind' ? bindParam(name) !== undefined
      : group === 'server' ? serverParam(name) !== undefined
      : group === 'fetch' ? fetch(name) !== undefined
      : group === 'converter' ? converter(name) !== undefined
      : group === 'action' ? RULE_SETS.some((rs) => action(rs, name) !== undefined)
      : group === 'backend' ? ['defaults', 'frontend', 'backend', 'listen'].some((s) => inSection(s, name))
      : inSection(group, name);
    if (!known) unknown.push(`${group} ${name}`);
  }
  assert.deepEqual(unknown, []);
});

test('descriptions are looked up by section: proxies share theirs, global has its own', () => {
  assert.match(haproxyDescription('frontend', 'maxconn')!.text, /frontend accepts/);
  assert.match(haproxyDescription('global', 'maxconn')!.text, /whole process/);
  assert.equal(haproxyDescription('backend', 'no-such-keyword'), undefined);
  assert.equal(haproxyDescription('peers', 'peer')!.args, '<name> <address>:<port> [<param>…]');
});

test('the manual chapters name real fetches and global keywords', () => {
  const fetches = Object.keys(sections.fetches).filter((f) => !fetch(f));
  // Two names the 2.6 manual describes that the 2.6 binary does not register (51Degrees build option, a cookie alias).
  assert.deepEqual(fetches.sort(), ['51d.all', 'set-cookie']);
  for (const g of Object.keys(sections.global)) assert.ok(sectionKeyword('global', g), g);
});
