import type { FileRule } from '../rule.js';
import { checkHaproxyKeywords } from '../haproxy/keywords.js';
import { checkKeepalivedKeywords } from '../keepalived/keywords.js';

export const rule: FileRule = {
  id: 'unknown-keyword',
  scope: 'file',
  severity: 'error',
  mirrors: 'both',
  summary: 'A keyword the target HAProxy or keepalived version does not know here: misspelt, in the wrong section, too new or removed.',
  docs:
    'HAProxy refuses to start on an unknown keyword; keepalived logs it and ignores the line, so the setting silently has no effect. ' +
    'The message suggests the closest known keyword, and names the version that added or removed it when the keyword exists in another version. ' +
    'Pick the versions your nodes run with the `hapair.versions` settings (default: the newest known).',
  haproxy: checkHaproxyKeywords,
  keepalived: checkKeepalivedKeywords,
};
