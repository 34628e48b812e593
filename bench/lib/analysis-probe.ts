/**
 * In-process analysis time of the language server's Session (server/src/lsp/session.ts, loaded from source
 * with tsx): the work the server does for one edit (workspace preparation, analysis, diagnostics) without the
 * 15 ms quiet period, the JSON-RPC transport and the editor; timed after 20 warm-up edits. Depends on
 * Session's public methods (constructor(publish), open, change, run); prints one JSON line.
 * Usage: node --import tsx bench/lib/analysis-probe.ts FILE EDITS
 */
import { readFileSync } from 'node:fs';
import { Session } from '../../server/src/lsp/session.js';
import { applyEdit, editPlan, withTypoNearEnd } from './edits.js';
import { now } from './stats.js';

const [file, count] = process.argv.slice(2);
const { text, line: typoLine } = withTypoNearEnd(readFileSync(file!, 'utf8'));
const lines = text.split('\n');
const path = '/hapair-bench/probe/haproxy.cfg';
let published = 0;
const session = new Session(() => void published++);
session.open(path, 'haproxy', text);
let t0 = now();
session.run();
const firstMs = now() - t0;
// Warm-up, as the language-server run has had several analyses before its edits: 20 edits elsewhere, untimed.
for (const e of editPlan(lines, 20, typoLine, 99)) {
  applyEdit(lines, e);
  session.change(path, lines.join('\n'));
  session.run();
}
const samples: number[] = [];
for (const e of editPlan(lines, Number(count), typoLine)) {
  applyEdit(lines, e);
  session.change(path, lines.join('\n'));
  t0 = now();
  session.run();
  samples.push(now() - t0);
}
process.stdout.write(JSON.stringify({ firstMs, samples, published }) + '\n');
process.exit(0);
