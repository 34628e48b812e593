import type { KeepalivedRule } from '../rule.js';
import { advertMicros, inAdvertRange } from './advert-int.js';

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
      const micros = advertMicros(a.text);
      if (micros !== undefined && inAdvertRange(micros)) continue;
      report(a.statement.file, a.word, `advert_int '${a.text}' is not a number of seconds in 0.01..255: keepalived keeps the default of 1`);
    }
  },
};
