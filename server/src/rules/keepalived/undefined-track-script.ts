import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { KeepalivedRule } from '../rule.js';

export const rule: KeepalivedRule = {
  id: 'undefined-track-script',
  scope: 'keepalived',
  severity: 'error',
  summary: 'track_script names a vrrp_script that is not defined before it.',
  docs: 'keepalived looks the script up while it reads the track_script block, so the vrrp_script must appear earlier in the file (or in an earlier include). Otherwise it logs "track script … not found, ignoring" and the health check silently never affects failover.',
  mirrors: 'keepalived',
  check(model, report) {
    // With {% %} tags the vrrp_script may come from another template or a loop.
    if (model.controlFlow) return;
    // Scripts and instances are top-level statements, and the instances are in file order: reading the tree up to
    // each instance gives the scripts keepalived has seen when it reads that instance's track_script.
    const seen = new Set<KStatement>();
    let next = 0;
    for (const inst of model.instances) {
      for (; next < model.tree.length && model.tree[next] !== inst.statement; next++) {
        if (model.tree[next]!.keyword.value === 'vrrp_script') seen.add(model.tree[next]!);
      }
      next++;
      for (const track of inst.trackScripts) {
        const name = track.name.text;
        if (track.name.opaque || !name) continue;
        const script = model.scripts.get(name);
        if (!script) {
          report(track.statement.file, track.name.word, `track_script '${name}' names no vrrp_script: keepalived ignores it, so this health check never triggers failover`);
        } else if (!seen.has(script.statement)) {
          report(track.statement.file, track.name.word, `vrrp_script '${name}' is defined after this track_script: keepalived has not seen it yet and ignores the reference`, [
            { file: script.statement.file, span: script.statement.keyword, message: `vrrp_script '${name}' is defined here` },
          ]);
        }
      }
    }
  },
};
