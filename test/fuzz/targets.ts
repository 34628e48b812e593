/**
 * What the fuzzer exercises, as a table: each target runs one feature on a case (with a cursor position, for the
 * features that take one) and validates what comes back. An exception is a failure unless the target declares it
 * expected (a PeerError is how peer generation says "cannot"); so is any result outside the document.
 *
 * This file holds the core targets (detection, parsers, includes, analysis, LSP diagnostics, peer generation, the
 * language server session); feature-targets.ts holds the editor features (completion, hover, navigation, rename,
 * outline, formatting, quick fixes). A new feature is one entry there, for example:
 *
 *   feature('inlay hints', (fc, cursor) => inlayHints(fc).map((h) => inside(fc.file, h.span, 'inlay hint')).find(Boolean)),
 *
 * cursor.offset is a UTF-16 offset, always 0 … text.length (0 and the end over-represented); cursor.position is
 * the LSP position of it.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { analyze, Analyzer, type AnalysisResult } from '../../server/src/analysis/analyze.js';
import type { AnalysisSettings } from '../../server/src/analysis/settings.js';
import { toDiagnostic } from '../../server/src/lsp/diagnostics.js';
import { runPeerCommand } from '../../server/src/lsp/peer-command.js';
import { Session } from '../../server/src/lsp/session.js';
import { pathToUri, uriToPath } from '../../server/src/lsp/uris.js';
import { peerForFile } from '../../server/src/peer/for-file.js';
import { PeerError, type PeerResult } from '../../server/src/peer/generate.js';
import { RULES_BY_ID } from '../../server/src/rules/index.js';
import { SEVERITIES, type Finding } from '../../server/src/rules/rule.js';
import type { SourceFile, Span } from '../../server/src/syntax/text.js';
import { detectLanguage, languageFromContent, languageFromName } from '../../server/src/workspace/detect.js';
import { Workspace } from '../../server/src/workspace/workspace.js';
import { NEWEST } from '../../server/src/knowledge/versions.js';
import { mainText, ROOT, type FuzzCase } from './case.js';
import { MemoryFileSystem } from './memfs.js';

export interface Cursor {
  readonly offset: number;
  readonly position: { line: number; character: number };
}

/** One case, set up lazily: targets share the workspace and the analysis. */
export class CaseContext {
  readonly text: string;
  private readonly docs = new Map<string, TextDocument>();
  private ws?: Workspace;
  private result?: AnalysisResult;
  private open?: OpenSession;

  constructor(readonly c: FuzzCase) {
    this.text = mainText(c);
  }

  get settings(): AnalysisSettings {
    return this.c.versions ? { severity: {}, versions: this.c.versions } : { severity: {}, versions: NEWEST };
  }

  fs(): MemoryFileSystem {
    return new MemoryFileSystem(this.c.files);
  }

  /** The workspace as the CLI builds it: discovery from the root, or the main file alone. */
  workspace(): Workspace {
    if (this.ws) return this.ws;
    this.ws = buildWorkspace(this.c, this.fs());
    return this.ws;
  }

  /** The session shared by the session target and the editor features. */
  session(): OpenSession {
    this.open ??= openSession(this.c, this.fs(), this.settings, this.text);
    return this.open;
  }

  analysis(): AnalysisResult {
    this.result ??= analyze(this.workspace(), this.settings);
    return this.result;
  }

  /** The document as the editor sees it (LSP line rules: \n, \r\n and a lone \r all end a line). */
  doc(path: string, text: string): TextDocument {
    let d = this.docs.get(path);
    if (!d || d.getText() !== text) {
      d = TextDocument.create(pathToUri(path), 'plaintext', 1, text);
      this.docs.set(path, d);
    }
    return d;
  }
}

export interface OpenSession {
  readonly session: Session;
  /** What it published, by path, since the last check. */
  readonly published: Map<string, Diagnostic[]>;
}

/**
 * The language server's session in-process, with the case's files on its disk and the main file open with `text`
 * (no file open without it), run once.
 */
export function openSession(c: FuzzCase, fs: MemoryFileSystem, settings: AnalysisSettings, text: string | undefined): OpenSession {
  const published = new Map<string, Diagnostic[]>();
  const session = new Session((path, d) => published.set(path, d), fs);
  // Runs are driven by hand here: no timers, and no runs queued for the event loop, which a worker running case
  // after case never reaches (each queued run held its session, and a long fuzz run ran out of memory).
  const driven = session as unknown as { schedule: () => void; startSliced: () => void };
  driven.schedule = () => undefined;
  driven.startSliced = () => undefined;
  if (c.discover) session.setRoots([ROOT]);
  session.setSettings(settings);
  if (text !== undefined) session.open(c.main, c.language, text);
  session.run();
  return { session, published };
}

/** The workspace as the CLI builds it; `ws`, when given, is refilled instead (its parse cache stays). */
export function buildWorkspace(c: FuzzCase, fs: MemoryFileSystem, ws = new Workspace(fs, [ROOT])): Workspace {
  ws.clear();
  if (c.discover) {
    ws.discover(ROOT);
    if (!ws.has(c.main)) ws.addFile(c.main, c.language, false);
  } else ws.addFile(c.main, c.language, true);
  return ws;
}

export interface Target<R = unknown> {
  readonly name: string;
  run(ctx: CaseContext, cursor: Cursor): R;
  /** A description of what is wrong with the result, or undefined. */
  check?(result: R, ctx: CaseContext, cursor: Cursor): string | undefined;
  /** Exceptions that are a legitimate outcome. */
  expected?(error: unknown): boolean;
  /** How many analyses one run makes (its time limit is that many times the per-input limit). */
  readonly runs?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Validators

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

export function spanProblem(span: Span, text: string): string | undefined {
  if (!isInt(span.start) || !isInt(span.end)) return `span [${span.start}, ${span.end}) is not a pair of integers`;
  if (span.start < 0 || span.start > span.end || span.end > text.length) return `span [${span.start}, ${span.end}) is outside the text (length ${text.length})`;
  return undefined;
}

/** A range is inside a document when both ends are on existing lines, at most at the end of the line's content. */
export function rangeProblem(range: { start: { line: number; character: number }; end: { line: number; character: number } }, doc: TextDocument): string | undefined {
  for (const [which, p] of [['start', range.start], ['end', range.end]] as const) {
    if (!isInt(p.line) || !isInt(p.character) || p.line < 0 || p.character < 0) return `${which} ${JSON.stringify(p)} is not a valid position`;
    if (p.line >= doc.lineCount) return `${which} line ${p.line} is past the last line (${doc.lineCount - 1})`;
    const lineStart = doc.offsetAt({ line: p.line, character: 0 });
    const line = doc.getText({ start: { line: p.line, character: 0 }, end: { line: p.line, character: Number.MAX_SAFE_INTEGER } });
    if (p.character > line.length) {
      const next = doc.getText().slice(lineStart + line.length, lineStart + line.length + 2);
      return `${which} ${p.line}:${p.character} is past the end of line ${p.line} (${line.length} characters, then ${JSON.stringify(next)})`;
    }
  }
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return `range ${JSON.stringify(range)} ends before it starts`;
  return undefined;
}

const SUSPICIOUS = /\bundefined\b|\bNaN\b|\[object \w+\]|\bnull\b/;
/** Rule ids, which a message may name ("1,000 more undefined-acl findings…") and which hold such words themselves. */
const RULE_IDS = new RegExp(`\\b(?:${[...RULES_BY_ID.keys()].join('|')})\\b`, 'g');

/**
 * A message that shows `undefined`, `NaN`, `null` or `[object …]` that no input file contains is a formatting bug;
 * a rule id it names is not.
 */
export function messageProblem(message: unknown, ctx: CaseContext): string | undefined {
  if (typeof message !== 'string' || message.trim() === '') return `empty or non-string message ${JSON.stringify(message)}`;
  const m = SUSPICIOUS.exec(message.replace(RULE_IDS, ''));
  if (m && !ctx.c.files.some((f) => f.text.includes(m[0]))) return `message shows '${m[0]}': ${message}`;
  return undefined;
}

/** A finding's file must be one of the case's, with the text it has there ('' for a file read as binary). */
function fileProblem(file: SourceFile, ctx: CaseContext): string | undefined {
  const expected = ctx.c.files.find((f) => f.path === file.uri);
  if (expected === undefined) return `finding in a file that is not part of the case: ${file.uri}`;
  const text = expected.binary === false || !expected.text.slice(0, 8192).includes('\0') ? expected.text : '';
  if (file.text !== text) return `finding's file text differs from the file ${file.uri} (${file.text.length} vs ${text.length} characters)`;
  return undefined;
}

export function findingProblem(f: Finding, ctx: CaseContext): string | undefined {
  if (!RULES_BY_ID.has(f.code)) return `unknown rule id '${f.code}'`;
  if (!SEVERITIES.includes(f.severity)) return `${f.code}: invalid severity '${f.severity}'`;
  const where = `${f.code} at ${JSON.stringify(f.span)} in ${f.file.uri}`;
  const problem =
    fileProblem(f.file, ctx) ??
    spanProblem(f.span, f.file.text) ??
    messageProblem(f.message, ctx) ??
    (f.related ?? []).map((r) => fileProblem(r.file, ctx) ?? spanProblem(r.span, r.file.text) ?? messageProblem(r.message, ctx)).find((p) => p !== undefined);
  return problem && `${where}: ${problem}`;
}

function analysisProblem(result: AnalysisResult, ctx: CaseContext): string | undefined {
  const files = new Set(result.files.keys());
  for (const f of result.findings) {
    const p = findingProblem(f, ctx);
    if (p) return p;
    if (!files.has(f.file.uri)) return `${f.code}: its file ${f.file.uri} is missing from the analysis' file list`;
  }
  return undefined;
}

export function summary(result: AnalysisResult): string {
  return JSON.stringify(result.findings.map((f) => [f.code, f.severity, f.file.uri, f.span.start, f.span.end, f.message, (f.related ?? []).map((r) => [r.file.uri, r.span.start, r.span.end, r.message])]));
}

function diagnosticsProblem(diagnostics: readonly Diagnostic[], doc: TextDocument, docFor: (uri: string) => TextDocument | undefined): string | undefined {
  for (const d of diagnostics) {
    const p = rangeProblem(d.range, doc);
    if (p) return `${d.code}: ${p} (${JSON.stringify(String(d.message).slice(0, 80))})`;
    for (const r of d.relatedInformation ?? []) {
      const rdoc = docFor(r.location.uri);
      if (!rdoc) return `${d.code}: related information in an unknown document ${r.location.uri}`;
      const rp = rangeProblem(r.location.range, rdoc);
      if (rp) return `${d.code}: related ${r.location.uri}: ${rp}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Targets

const detect: Target<unknown> = {
  name: 'detect',
  run: (ctx) => [detectLanguage(ctx.c.main, () => ctx.text), languageFromContent(ctx.text), languageFromName(ctx.c.main)],
  check: (r) => ((r as unknown[]).every((x) => x === undefined || x === 'haproxy' || x === 'keepalived') ? undefined : `not a language: ${JSON.stringify(r)}`),
};

/** Both parsers on the main file whatever its language, through the workspace (its public entry points). */
const parse: Target<string | undefined> = {
  name: 'parse',
  run: (ctx) => {
    // The case's own workspace when it reads the main file as text (the analysis then reuses the parse).
    const asText = ctx.workspace().keepalived(ctx.c.main).syntax !== undefined;
    const ws = asText ? ctx.workspace() : new Workspace(new MemoryFileSystem([{ path: ctx.c.main, text: ctx.text, binary: false }]), [ROOT]);
    const h = ws.haproxy(ctx.c.main).syntax!;
    const k = ws.keepalived(ctx.c.main).syntax!;
    for (const [lang, issues] of [['haproxy', h.issues], ['keepalived', k.issues]] as const) {
      for (const i of issues) {
        const p = (RULES_BY_ID.has(i.code) ? undefined : `unknown issue code ${i.code}`) ?? spanProblem(i, ctx.text) ?? messageProblem(i.message, ctx);
        if (p) return `${lang} issue ${i.code}: ${p}`;
      }
    }
    return undefined;
  },
  check: (problem) => problem,
};

const includes: Target<string | undefined> = {
  name: 'includes',
  run: (ctx) => {
    if (ctx.c.language !== 'keepalived') return undefined;
    const x = ctx.workspace().expandKeepalived(ctx.c.main);
    if (!x) return undefined;
    for (const f of x.included) {
      const p = fileProblem(f, ctx);
      if (p) return `included file: ${p}`;
    }
    for (const st of x.tree) {
      const p = spanProblem(st, st.file.text);
      if (p) return `expanded statement '${st.keyword.value}' in ${st.file.uri}: ${p}`;
    }
    return undefined;
  },
  check: (problem) => problem,
};

const analysis: Target<AnalysisResult> = {
  name: 'analyze',
  run: (ctx) => ctx.analysis(),
  check: (result, ctx) => {
    const p = analysisProblem(result, ctx);
    if (p || !ctx.c.recheck) return p;
    // A fresh workspace (no parse cache) must find exactly the same.
    const again = analyze(buildWorkspace(ctx.c, ctx.fs()), ctx.settings);
    return summary(again) === summary(result) ? undefined : 'a second analysis in a fresh workspace gives different findings';
  },
};

/**
 * Incremental analysis against fresh ones: one Analyzer keeps its parses, models and per-section findings while the
 * main file is edited (its middle third cut out, then put back, then a line typed at a line start), and after every
 * edit it must say exactly what an analysis of a fresh workspace says.
 */
const incremental: Target<string | undefined> = {
  name: 'analyze.incremental',
  runs: 7,
  run: (ctx) => {
    const fs = ctx.fs();
    const ws = buildWorkspace(ctx.c, fs);
    const analyzer = new Analyzer();
    analyzer.run(ws, ctx.settings);
    const text = ctx.text;
    const third = Math.floor(text.length / 3);
    const lineStart = text.lastIndexOf('\n', third) + 1;
    const versions = [
      text.slice(0, third) + text.slice(2 * third),
      text,
      `${text.slice(0, lineStart)}${ctx.c.language === 'haproxy' ? 'backend typed\n    server s 192.0.2.1:80\n' : 'vrrp_script typed {\n    script "true"\n}\n'}${text.slice(lineStart)}`,
    ];
    for (const [i, version] of versions.entries()) {
      fs.set(ctx.c.main, version);
      // Found again, as a fresh workspace finds them: an edit may change what a file's content says it is.
      buildWorkspace(ctx.c, fs, ws);
      const kept = summary(analyzer.run(ws, ctx.settings));
      const freshFs = ctx.fs();
      freshFs.set(ctx.c.main, version);
      if (kept !== summary(analyze(buildWorkspace(ctx.c, freshFs), ctx.settings))) return `after edit ${i + 1} of ${versions.length}, the incremental analysis differs from a fresh one`;
    }
    return undefined;
  },
  check: (problem) => problem,
};

const diagnostics: Target<Array<{ finding: Finding; diagnostic: Diagnostic }>> = {
  name: 'lsp.toDiagnostic',
  run: (ctx) => ctx.analysis().findings.map((finding) => ({ finding, diagnostic: toDiagnostic(finding) })),
  check: (pairs, ctx) => {
    const byUri = new Map<string, TextDocument>();
    for (const { finding } of pairs) {
      byUri.set(pathToUri(finding.file.uri), ctx.doc(finding.file.uri, finding.file.text));
      for (const r of finding.related ?? []) byUri.set(pathToUri(r.file.uri), ctx.doc(r.file.uri, r.file.text));
    }
    for (const { finding, diagnostic } of pairs) {
      const p = diagnosticsProblem([diagnostic], ctx.doc(finding.file.uri, finding.file.text), (u) => byUri.get(u));
      if (p) return `${finding.file.uri}: ${p}`;
    }
    return undefined;
  },
};

/** Findings about where things are written, which changing values cannot cause. */
const STRUCTURAL = new Set(['parse-error', 'unbalanced-braces', 'unknown-keyword', 'keyword-outside-section', 'missing-value', 'invalid-address', 'missing-final-newline']);

const peer: Target<PeerResult> = {
  name: 'peer',
  run: (ctx) => peerForFile(ctx.workspace(), ctx.c.main, ctx.c.language, ctx.c.peer),
  expected: (e) => e instanceof PeerError,
  check: (r, ctx) => {
    if (typeof r.text !== 'string' || !Array.isArray(r.changes) || !Array.isArray(r.warnings)) return `malformed result ${JSON.stringify(r).slice(0, 200)}`;
    for (const m of [...r.changes, ...r.warnings]) {
      const p = messageProblem(m, ctx);
      if (p) return p;
    }
    // The peer's config is itself an input: it must analyse cleanly too (checked on its own, its includes read)…
    const alone = (text: string) =>
      new CaseContext({ ...ctx.c, files: ctx.c.files.map((f) => (f.path === ctx.c.main ? { path: f.path, text, binary: false } : f)), discover: false, recheck: false });
    const next = alone(r.text);
    const p = analysisProblem(next.analysis(), next);
    if (p) return `analysis of the generated peer: ${p}`;
    // …and must not read worse than the original: the generator only swaps values, so any new syntax or keyword
    // finding means it wrote something in the wrong place.
    const count = (x: CaseContext) => {
      const n = new Map<string, number>();
      for (const f of x.analysis().findings) if (STRUCTURAL.has(f.code) && f.file.uri === ctx.c.main) n.set(f.code, (n.get(f.code) ?? 0) + 1);
      return n;
    };
    const after = count(next);
    // Rules hold back in a Jinja template; a peer whose edits happened to remove the Jinja is not comparable. Nor is
    // one the generator says is incomplete: what it could not change in an included file still has the old value.
    if (after.size === 0 || /\{[{%#]/.test(ctx.text) || r.warnings.some((w) => w.includes('in an included file'))) return undefined;
    const original = alone(ctx.text);
    // Nor when the original has a stray `{`: a line added before it changes what it opens (hapair's reader lets a
    // `{` on the next line open a block for any keyword).
    if (original.analysis().findings.some((f) => f.message.startsWith("Unexpected '{'"))) return undefined;
    const before = count(original);
    for (const [code, n] of after) {
      if (n > (before.get(code) ?? 0)) return `the generated peer has more ${code} findings (${n}) than the original (${before.get(code) ?? 0}): ${JSON.stringify(next.analysis().findings.find((f) => f.code === code)?.message)}; peer text ${JSON.stringify(r.text.slice(0, 300))}`;
    }
    return undefined;
  },
};

/**
 * The language server's session in-process: open the main file, analyse, publish, then the peer command; for cases
 * with `edits`, then an edit (the analyzer's memo must not serve the old text) and closing the buffer.
 */
const session: Target<string | undefined> = {
  name: 'lsp.session',
  runs: 4,
  run: (ctx) => {
    /** Every list published since the last check, against the text the session reads for its file now. */
    const check = ({ session: s, published }: OpenSession): string | undefined => {
      for (const [path, list] of published) {
        const p = diagnosticsProblem(list, TextDocument.create(pathToUri(path), 'x', 1, s.fs.readFile(path)?.text ?? ''), (uri) => {
          const other = s.fs.readFile(uriToPath(uri));
          return other ? TextDocument.create(uri, 'x', 1, other.text) : undefined;
        });
        if (p) return `${path}: ${p}`;
      }
      published.clear();
      return undefined;
    };
    const shared = ctx.session();
    const first = check(shared);
    if (first) return first;
    const result = runPeerCommand(shared.session, { uri: pathToUri(ctx.c.main), language: ctx.c.language, ...ctx.c.peer });
    if (result.ok ? typeof result.text !== 'string' : typeof result.message !== 'string') return `malformed peer command result ${JSON.stringify(result).slice(0, 200)}`;
    if (!ctx.c.edits) return undefined;
    // A session of its own (the features share the first one): an edit in which the buffer loses its second half
    // (the analyzer's memo must not serve the old text), then closing the buffer.
    const own = openSession(ctx.c, ctx.fs(), ctx.settings, ctx.text);
    own.published.clear();
    own.session.change(ctx.c.main, ctx.text.slice(0, Math.floor(ctx.text.length / 2)));
    own.session.run();
    const second = check(own);
    if (second) return `after an edit: ${second}`;
    own.session.close(ctx.c.main);
    own.session.run();
    const third = check(own);
    return third && `after closing: ${third}`;
  },
  check: (problem) => problem,
};

/** The cursor as every future editor feature will receive it: a valid LSP position that maps back to the offset. */
const cursor: Target<Cursor> = {
  name: 'cursor',
  run: (_ctx, cur) => cur,
  check: (cur, ctx) => {
    const doc = ctx.doc(ctx.c.main, ctx.text);
    const back = doc.offsetAt(cur.position);
    // An offset between \r and \n is the end of its line.
    const midCrlf = ctx.text[cur.offset - 1] === '\r' && ctx.text[cur.offset] === '\n';
    return rangeProblem({ start: cur.position, end: cur.position }, doc) ?? (back === cur.offset || (midCrlf && back === cur.offset - 1) ? undefined : `cursor ${cur.offset} → ${JSON.stringify(cur.position)} → ${back}`);
  },
};

/** Every target, in the order they run. New features are one line here. */
export const TARGETS: readonly Target<never>[] = [detect, parse, includes, analysis, incremental, diagnostics, peer, session, cursor] as unknown as Target<never>[];

export function cursorOf(ctx: CaseContext): Cursor {
  const offset = Math.max(0, Math.min(ctx.c.cursor, ctx.text.length));
  return { offset, position: ctx.doc(ctx.c.main, ctx.text).positionAt(offset) };
}
