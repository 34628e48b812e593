/**
 * In-process analysis time of the language server's Session (server/src/lsp/session.ts; bench/run.ts bundles it
 * like the shipped server): the work the server does for one edit (workspace preparation, analysis, diagnostics)
 * without the 15 ms quiet period, the JSON-RPC transport and the editor; timed after 20 warm-up edits, each edit a
 * turn of the event loop after the previous one, as in the server. Depends on Session's public methods
 * (constructor(publish), setRoots, open, change, run); prints one JSON line.
 * Usage (or the bundle: node PROBE.mjs …):
 *   node --import tsx bench/lib/analysis-probe.ts FILE EDITS           one haproxy.cfg on its own
 *   node --import tsx bench/lib/analysis-probe.ts --keepalived FILE EDITS  one keepalived.conf on its own
 *   node --import tsx bench/lib/analysis-probe.ts --workspace DIR EDITS [FOLDER TEMPLATE]  one node's haproxy.cfg
 *       and keepalived.conf, a copy of the haproxy.cfg open outside the folders and a keepalived TEMPLATE of the
 *       Ansible layout in FOLDER, edited in turn, in a workspace of pairs (DIR) with FOLDER as a second workspace
 *       folder (run.ts passes the Ansible seed: its rendered hosts must not make typing elsewhere take full runs, nor
 *       typing in its template grow with the pairs)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../../server/src/lsp/session.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdit, contentChange, editPlan, withTypoNearEnd, type Edit } from './edits.js';
import { now } from './stats.js';

/**
 * One document being typed into: the document, its lines (for planning edits), and the edits still to make. Each edit
 * goes through the server's own document store (vscode-languageserver-textdocument), as the LSP change message the
 * server would get, so the timed run reads the text the server reads: the text before the change, the insertion and
 * the text after it, which V8 keeps as pieces until something reads them and then copies into one string (for a
 * large file, a good part of the analysis).
 */
class Typing {
  private readonly lines: string[];
  private document: TextDocument;

  constructor(
    private readonly session: Session,
    readonly path: string,
    text: string,
    /** A line the edits leave alone (one that already has a finding). */
    private readonly avoid = -1,
  ) {
    this.document = TextDocument.create(`file://${path}`, 'plaintext', 1, text);
    this.lines = text.split('\n');
  }

  /** Untimed edits, from another seed than the timed ones. */
  warmUp(): Edit[] {
    return editPlan(this.lines, 20, this.avoid, 99);
  }

  timed(count: number): Edit[] {
    return editPlan(this.lines, count, this.avoid);
  }

  /** Throws when the document and the planning lines went apart (an edit the two apply differently). */
  agree(): void {
    if (this.document.getText() !== this.lines.join('\n')) throw new Error(`${this.path}: the document store and the planned lines differ`);
  }

  /** Makes the edit and runs the analysis; returns its time, ms. */
  async edit(e: Edit, timed: boolean): Promise<number> {
    this.document = TextDocument.update(this.document, [contentChange(e)], this.document.version + 1);
    applyEdit(this.lines, e);
    this.session.change(this.path, this.document.getText());
    if (!timed) {
      this.session.run();
      return 0;
    }
    // The server gets each edit in a message of its own, a turn of the event loop later; V8 finishes work between
    // turns (installing code it optimised in the background, garbage collection steps), so edits do not run back to back.
    await new Promise((resolve) => setImmediate(resolve));
    const t0 = now();
    this.session.run();
    return now() - t0;
  }
}

/** Warms up on each document, then times `count` edits per document, taking the documents in turn. */
async function timeEdits(docs: readonly Typing[], count: number): Promise<number[][]> {
  for (const doc of docs) for (const e of doc.warmUp()) await doc.edit(e, false);
  const plans = docs.map((d) => d.timed(count));
  const samples = docs.map((): number[] => []);
  for (let i = 0; i < count; i++) for (const [d, doc] of docs.entries()) samples[d]!.push(await doc.edit(plans[d]![i]!, true));
  for (const doc of docs) doc.agree();
  return samples;
}

let published = 0;
const session = new Session(() => void published++);
const args = process.argv.slice(2);
if (args[0] === '--workspace') {
  const [, dir, count, beside, template] = args;
  session.setRoots(beside ? [dir!, beside] : [dir!]);
  const t0 = now();
  session.run();
  const firstMs = now() - t0;
  const node = join(dir!, 'pair-007', 'lb1');
  const docs = (['haproxy', 'keepalived'] as const).map((language) => {
    const path = join(node, language === 'haproxy' ? 'haproxy.cfg' : 'keepalived.conf');
    const text = readFileSync(path, 'utf8');
    session.open(path, language, text);
    return new Typing(session, path, text);
  });
  // A copy of the haproxy.cfg open outside the workspace folder, as /etc/haproxy/haproxy.cfg might be: checked on its own.
  const outsidePath = '/hapair-bench/outside/haproxy.cfg';
  const outsideText = readFileSync(join(node, 'haproxy.cfg'), 'utf8');
  session.open(outsidePath, 'haproxy', outsideText);
  docs.push(new Typing(session, outsidePath, outsideText));
  if (template) {
    const text = readFileSync(template, 'utf8');
    session.open(template, 'keepalived', text);
    docs.push(new Typing(session, template, text));
  }
  session.run();
  const [haproxy, keepalived, outside, typedTemplate] = await timeEdits(docs, Number(count));
  process.stdout.write(JSON.stringify({ firstMs, haproxy, keepalived, outside, template: typedTemplate, published }) + '\n');
} else {
  // One file on its own: a haproxy.cfg gets a misspelt keyword near its end (a finding the edits leave alone).
  const keepalived = args[0] === '--keepalived';
  const [file, count] = keepalived ? args.slice(1) : args;
  const original = readFileSync(file!, 'utf8');
  const { text, line: avoid } = keepalived ? { text: original, line: -1 } : withTypoNearEnd(original);
  const path = keepalived ? '/hapair-bench/probe/keepalived.conf' : '/hapair-bench/probe/haproxy.cfg';
  session.open(path, keepalived ? 'keepalived' : 'haproxy', text);
  const t0 = now();
  session.run();
  const firstMs = now() - t0;
  const [samples] = await timeEdits([new Typing(session, path, text, avoid)], Number(count));
  process.stdout.write(JSON.stringify({ firstMs, samples, published }) + '\n');
}
process.exit(0);
