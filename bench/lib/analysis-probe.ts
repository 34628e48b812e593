/**
 * In-process analysis time of the language server's Session (server/src/lsp/session.ts; bench/run.ts bundles it
 * like the shipped server): the work the server does for one edit (workspace preparation, analysis, diagnostics)
 * without the 15 ms quiet period, the JSON-RPC transport and the editor; timed after 20 warm-up edits, each edit a
 * turn of the event loop after the previous one, as in the server. Depends on
 * Session's public methods (constructor(publish), open, change, run); prints one JSON line.
 * Usage: node --import tsx bench/lib/analysis-probe.ts FILE EDITS (or the bundle: node PROBE.mjs FILE EDITS)
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
  // The server gets each edit in a message of its own, a turn of the event loop later; V8 finishes work between
  // turns (installing code it optimised in the background, garbage collection steps), so edits do not run back to back.
  await new Promise((resolve) => setImmediate(resolve));
  t0 = now();
  session.run();
  samples.push(now() - t0);
}
process.stdout.write(JSON.stringify({ firstMs, samples, published }) + '\n');
process.exit(0);
