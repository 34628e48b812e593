import { intOf, trackWeight, type Setting, type SyncGroup } from '../../model/keepalived.js';
import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'sync-group-ignores-weight',
  scope: 'keepalived',
  severity: 'warning',
  summary: 'A weighted track_script on a member of a vrrp_sync_group: keepalived drops the script, so the check never runs.',
  docs: 'The instances of a sync group change state together, so keepalived does not let a weighted check move one member\'s priority: it removes every weighted track_script from the members ("ignoring tracked script … with weights due to SYNC group", then "script … is not used"), and the health check never runs, however badly HAProxy fails. Add `sync_group_tracking_weight` to the group to keep the weights, or track the script with weight 0, so that its failure puts the whole group into FAULT.',
  check(model, report) {
    if (model.syncGroups.length === 0) return;
    // An instance belongs to the first group that names it: keepalived ignores the others ("cannot exist in more than one sync group").
    const joined = new Map<string, { group: SyncGroup; member: Setting }>();
    for (const group of model.syncGroups) {
      for (const member of group.members) if (!member.opaque && member.text && !joined.has(member.text)) joined.set(member.text, { group, member });
    }
    for (const inst of model.instances) {
      const at = joined.get(inst.name);
      if (!at || at.group.trackingWeight) continue;
      // keepalived keeps the first line that tracks a script and ignores the others ("duplicate track_script").
      const tracked = new Set<string>();
      for (const track of inst.trackScripts) {
        if (track.name.opaque || !track.name.text || tracked.has(track.name.text)) continue;
        tracked.add(track.name.text);
        const weight = intOf(trackWeight(track, model.scripts));
        // Weight 0 (or none) is kept: a failure then puts the instance, and with it the group, into FAULT.
        if (!weight) continue;
        report(track.statement.file, track.name.word, `keepalived drops '${track.name.text}' (weight ${weight}) because '${inst.name}' is in vrrp_sync_group '${at.group.name}': this check never runs; add sync_group_tracking_weight to the group`, [
          { file: at.member.statement.file, span: at.member.word, message: `'${inst.name}' joins sync group '${at.group.name}' here` },
        ]);
      }
    }
  },
};
