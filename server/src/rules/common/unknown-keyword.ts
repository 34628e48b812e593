import type { FileRule } from '../rule.js';
import { checkHaproxyKeywords } from '../haproxy/keywords.js';
import { checkKeepalivedKeywords } from '../keepalived/keywords.js';

export const rule: FileRule = {
  id: 'unknown-keyword',
  scope: 'file',
  perSection: true,
  perBlock: true,
  severity: 'error',
  mirrors: 'both',
  summary: 'A keyword the target HAProxy or keepalived version does not know here: misspelt, in the wrong section, too new or removed.',
  docs:
    'HAProxy refuses to start on an unknown keyword. keepalived reports it (`keepalived -t` exits non-zero) and ignores the line; ' +
    'an unknown block keyword is worse: its `{` is skipped and its `}` closes the enclosing block early, so the lines after it land elsewhere. ' +
    'The message suggests the closest known keyword, says where a misplaced keyword belongs, and names the version that added or removed it. ' +
    'Pick the versions your nodes run with the `hapair.versions` settings or `--haproxy-version`/`--keepalived-version` (default: the newest known). ' +
    'The HAProxy inventory was checked against a 2.6 binary; what 2.4 lacks or still had, and what came after 2.6, is taken from the manuals and HAProxy’s changelog and may miss a keyword, ' +
    'so for targets other than 2.6 only near-misspellings of known keywords are reported as unknown.',
  haproxy: checkHaproxyKeywords,
  keepalived: checkKeepalivedKeywords,
};
