import type { KeepalivedRule } from '../rule.js';

/**
 * keepalived 2.2.7 reads advert_int as an unsigned decimal: an optional '+', digits before and/or after one '.'
 * (`.5` and `1.` are accepted), at most 6 decimals used (more are cut off with "has too many decimal places",
 * the value is still taken), then 0.01..255. Anything else (units, '-', hex, exponents) is rejected.
 */
function outOfRange(text: string): boolean {
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && !m[2])) return true;
  const seconds = Number(`${m[1] || '0'}.${(m[2] ?? '').slice(0, 6) || '0'}`);
  return seconds < 0.01 || seconds > 255;
}

export const rule: KeepalivedRule = {
  id: 'advert-int-out-of-range',
  scope: 'keepalived',
  perBlock: true,
  severity: 'error',
  summary: 'advert_int is not a number of seconds between 0.01 and 255.',
  docs: 'keepalived reads advert_int as plain seconds (units such as `1s` are invalid) and ignores values outside 0.01..255, keeping the 1 second default.',
  mirrors: 'keepalived',
  check(model, report) {
    for (const inst of model.instances) {
      const a = inst.advertInt;
      if (!a || a.opaque || a.text === undefined) continue;
      if (!outOfRange(a.text)) continue;
      report(a.statement.file, a.word, `advert_int '${a.text}' is not a number of seconds in 0.01..255: keepalived keeps the default of 1`);
    }
  },
};
