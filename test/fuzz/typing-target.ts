/**
 * Typing in the language server. The `analyze.incremental` target refills its workspace after every edit, so each
 * of its runs is a full one; here the case goes through the server's own session (its overlay file system and
 * change log), where a run after a keystroke patches the run before it (analysis/patch.ts). Each edit is one a
 * user makes while typing: a letter added to a keyword, a character deleted, a digit changed (a VRID, a priority, a
 * port), a line deleted or duplicated (a VIP, a peer, a server). Most are made in the open buffer; every third, when
 * the case has other files, lands on disk, as a save from another editor or a `git checkout` would: one of them
 * edited, deleted, or copied into a new folder (a new node).
 *
 * After each run the session must agree with a fresh session opened on the same texts: the same findings, and
 * the same diagnostics published for every file. The second is what the editor shows: a patch that computed the
 * right findings but did not publish a file they changed in leaves the editor showing old diagnostics. Last, the
 * buffer is closed unsaved: the session must then agree with a fresh one that has nothing open.
 */
import { ROOT } from './case.js';
import { Rng } from './rng.js';
import { openSession, summary, type OpenSession, type Target } from './targets.js';

const EDITS = 6;

type Edit = (lines: string[], at: number, rng: Rng) => string;

/** The edits, each on line `at` of `lines` (changed in place); each returns what it did, for the report. */
const KINDS: readonly Edit[] = [
  (lines, at) => {
    lines[at] = lines[at]!.replace(/\S+/, (w) => `${w}x`);
    return `appended a letter to the first word of line ${at + 1}`;
  },
  (lines, at) => {
    lines[at] = lines[at]!.slice(0, -1);
    return `deleted the last character of line ${at + 1}`;
  },
  (lines, at, rng) => {
    const digits = [...lines[at]!.matchAll(/\d/g)];
    if (digits.length === 0) return 'changed no digit (none on the line)';
    const d = digits[rng.int(digits.length)]!;
    lines[at] = `${lines[at]!.slice(0, d.index)}${(Number(d[0]) + 1 + rng.int(8)) % 10}${lines[at]!.slice(d.index + 1)}`;
    return `changed a digit of line ${at + 1}`;
  },
  (lines, at) => {
    lines.splice(at, 1);
    return `deleted line ${at + 1}`;
  },
  (lines, at) => {
    lines.splice(at, 0, lines[at]!);
    return `duplicated line ${at + 1}`;
  },
];

/** `text` after one edit on a line that holds something (any line when none does). */
function edit(text: string, rng: Rng): { text: string; what: string } {
  const lines = text.split('\n');
  const filled = lines.flatMap((l, i) => (l.trim() ? [i] : []));
  const at = filled.length > 0 ? filled[rng.int(filled.length)]! : rng.int(lines.length);
  const what = KINDS[rng.int(KINDS.length)]!(lines, at, rng);
  return { text: lines.join('\n'), what };
}

/** Where the typed-in session differs from a fresh one, or undefined. */
function difference(typed: OpenSession, fresh: OpenSession): string | undefined {
  const a = typed.session.last;
  const b = fresh.session.last;
  if (!a || !b) return 'a session has no result';
  const typedFindings = summary(a);
  const freshFindings = summary(b);
  if (typedFindings !== freshFindings) {
    const items = (s: string) => (JSON.parse(s) as unknown[]).map((f) => JSON.stringify(f));
    const only = (x: string[], y: string[]) => x.filter((f) => !y.includes(f)).join(', ').slice(0, 300) || 'none';
    const [t, f] = [items(typedFindings), items(freshFindings)];
    return `the findings differ from a fresh session's: only after typing ${only(t, f)}; only fresh ${only(f, t)}`;
  }
  for (const path of new Set([...typed.published.keys(), ...fresh.published.keys()])) {
    const shown = JSON.stringify(typed.published.get(path) ?? []);
    const expected = JSON.stringify(fresh.published.get(path) ?? []);
    if (shown !== expected) return `${path}: the editor shows ${shown.slice(0, 160)}, a fresh session publishes ${expected.slice(0, 160)}`;
  }
  return undefined;
}

export const TYPING_TARGET: Target<string | undefined> = {
  name: 'lsp.typing',
  runs: 2 * EDITS + 3,
  run: (ctx) => {
    const fs = ctx.fs();
    const typed = openSession(ctx.c, fs, ctx.settings, ctx.text);
    const rng = new Rng(ctx.c.cursor, ctx.c.choice ?? 0);
    const others = ctx.c.discover ? ctx.c.files.filter((f) => f.path !== ctx.c.main && !f.binary) : [];
    // What changed on disk (a text, or undefined for a deleted file), and the open buffer's text.
    const disk = new Map<string, string | undefined>();
    let buffer = ctx.text;
    const done: string[] = [];
    const freshSession = (open: boolean) => {
      const freshFs = ctx.fs();
      for (const [p, t] of disk) {
        if (t === undefined) freshFs.delete(p);
        else freshFs.set(p, t);
      }
      return openSession(ctx.c, freshFs, ctx.settings, open ? buffer : undefined);
    };
    const onDisk = (path: string, text: string | undefined, kind: 'created' | 'changed' | 'deleted') => {
      disk.set(path, text);
      if (text === undefined) fs.delete(path);
      else fs.set(path, text);
      typed.session.filesChanged([{ path, kind }]);
    };
    for (let step = 0; step < EDITS; step++) {
      const present = others.filter((f) => disk.get(f.path) !== undefined || !disk.has(f.path));
      if (present.length > 0 && step % 3 === 2) {
        const other = present[rng.int(present.length)]!;
        const text = disk.get(other.path) ?? other.text;
        const action = rng.int(6);
        if (action === 0) {
          // A file deleted (a node folder cleaned up, a branch switched).
          onDisk(other.path, undefined, 'deleted');
          done.push(`${other.path} deleted on disk`);
        } else if (action === 1) {
          // A copy in a new folder: often a new node, which joins the layout and the peer groups.
          const copy = `${ROOT}/new${step}/${other.path.slice(other.path.lastIndexOf('/') + 1)}`;
          onDisk(copy, text, 'created');
          done.push(`${other.path} copied to ${copy} on disk`);
        } else {
          const edited = edit(text, rng);
          onDisk(other.path, edited.text, 'changed');
          done.push(`${other.path} (on disk): ${edited.what}`);
        }
      } else {
        const edited = edit(buffer, rng);
        buffer = edited.text;
        typed.session.change(ctx.c.main, buffer);
        done.push(`${ctx.c.main}: ${edited.what}`);
      }
      typed.session.run();
      const problem = difference(typed, freshSession(true));
      if (problem) return `after ${done.join('; ')}: ${problem}`;
    }
    // Closed unsaved, the buffer gives way to the file on disk (or leaves the analysis, when it was checked alone).
    typed.session.close(ctx.c.main);
    typed.session.run();
    const problem = difference(typed, freshSession(false));
    return problem && `after ${done.join('; ')}, then closing ${ctx.c.main} unsaved: ${problem}`;
  },
  check: (problem) => problem,
};
