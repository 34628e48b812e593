import { effectiveVersion } from '../../model/keepalived.js';
import type { KeepalivedRule } from '../rule.js';
import { linesGoTogether } from './together.js';
import { advertMicros, advertOnWire, inAdvertRange, secondsText } from './advert-int.js';

export const rule: KeepalivedRule = {
  id: 'advert-int-rounded',
  scope: 'keepalived',
  perBlock: true,
  severity: 'warning',
  summary: 'An advert_int keepalived rounds: a fraction of a second under VRRPv2; under VRRPv3 a value off the 10 ms steps, or 40.96 s and more.',
  docs:
    'VRRPv2 carries the interval in whole seconds, so keepalived rounds `advert_int 0.5` to 1 ("must be an integer. rounding"); VRRPv3 carries centiseconds below 40.96 s, so keepalived rounds to 10 ms steps and caps at 40.95 s. ' +
    'The instance then advertises at another rate than the file says, and failover takes longer or shorter than planned. Write the value keepalived will use, or use `version 3` for sub-second intervals (on every peer).',
  mirrors: 'keepalived',
  check(model, report) {
    if (!linesGoTogether(model)) return;
    for (const inst of model.instances) {
      const a = inst.advertInt;
      if (!a || a.opaque || a.text === undefined) continue;
      const micros = advertMicros(a.text);
      // Out of range is advert-int-out-of-range's error: keepalived then keeps its default.
      if (micros === undefined || !inAdvertRange(micros)) continue;
      const version = effectiveVersion(inst, model.globalDefs);
      if (version !== 2 && version !== 3) continue;
      const used = advertOnWire(micros, version);
      if (used === micros) continue;
      const why = version === 2 ? 'VRRPv2 sends whole seconds' : micros >= 40_960_000 ? 'VRRPv3 allows less than 40.96 s' : 'VRRPv3 counts in steps of 10 ms';
      report(a.statement.file, a.word, `${why}: keepalived uses advert_int ${secondsText(used)}, not ${a.text}`, undefined, secondsText(used));
    }
  },
};
