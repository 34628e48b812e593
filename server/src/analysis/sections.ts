/**
 * The per-section half of a HAProxy file's analysis. Rules marked `perSection` (rules/rule.ts) run over one section
 * at a time, each seen as a file of its own, and their findings are kept with the section's proxy (or the section,
 * or the chunk of lines before the first header). After an edit only the sections it touched are checked again:
 * the others are the same objects as before (syntax/haproxy/chunks.ts), so their findings are reused, placed where
 * their chunk is now.
 *
 * A proxy object stands for its lines and the defaults it inherits from (model/haproxy.ts), which is all such a rule
 * may read; file-wide flags that rules consult (templated, control flow) are part of the cache's key.
 */
import { chunkAt, type Chunk } from '../syntax/haproxy/chunks.js';
import type { HaproxySyntax } from '../syntax/haproxy/ast.js';
import type { SourceFile, Span } from '../syntax/text.js';
import type { HaproxyModel, Proxy } from '../model/haproxy.js';
import { sameEnds } from '../model/same-ends.js';
import { drain, type Steps } from '../syntax/steps.js';
import type { Report } from '../rules/rule.js';

/** A section's model has no name tables: per-section rules do not look names up across sections. */
const NO_PROXIES: Map<string, Proxy> = new Map();

/** A span kept relative to the chunk it lies in, so that it follows the chunk when an edit moves it. */
interface Anchored {
  readonly chunk: Chunk;
  readonly start: number;
  readonly end: number;
}

/** A finding kept between runs. */
interface Kept {
  readonly code: string;
  readonly at: Anchored;
  readonly message: string;
  readonly related?: ReadonlyArray<{ readonly file: SourceFile; readonly at: Anchored | Span; readonly message: string }>;
  readonly replacement?: string;
}

/** Most sections have no findings: they share one empty list. */
const NO_FINDINGS: readonly Kept[] = [];

/** A check of one rule, bound to its id: how the analysis hands the per-section rules over. */
export type SectionCheck = (model: HaproxyModel, report: Report) => void | Steps<void>;

/**
 * The span relative to the chunk it starts in: `own`, the checked section's chunk where nearly every finding lies,
 * or the one found by search. A chunk holds [start, end): a span starting where one chunk ends belongs to the next.
 */
function anchor(chunks: readonly Chunk[], own: Chunk | undefined, span: Span): Anchored {
  const chunk = own && own.start <= span.start && span.start < own.end ? own : chunks[chunkAt(chunks, span.start)]!;
  return { chunk, start: span.start - chunk.delta, end: span.end - chunk.delta };
}

const place = (a: Anchored): Span => ({ start: a.chunk.delta + a.start, end: a.chunk.delta + a.end });

/** What per-section rules found, kept per section between runs of one Analyzer. */
export class SectionFindings {
  /** What each section of the file had last time, in file order, keyed by its proxy, section or chunk. */
  private kept: Array<{ key: object; line: number; findings: readonly Kept[] }> = [];
  private flags = '';

  /**
   * Runs `checks` (code → check) over every section of `model` that changed since the last call, and reports
   * every section's findings, in file order, through `report(code)`.
   */
  *run(model: HaproxyModel, checks: ReadonlyMap<string, SectionCheck>, report: (code: string) => Report): Steps<void> {
    const syntax = model.syntax;
    const flags = `${syntax.templated}|${syntax.controlFlow}`;
    if (flags !== this.flags) {
      this.kept = [];
      this.flags = flags;
    }
    // Each chunk that holds lines is checked under a key: its proxy (which stands for its lines and its defaults),
    // else its section, else the chunk (the lines before the first header). The model lists proxies in file order.
    const proxies = model.proxies;
    let index = 0;
    const parts: Array<{ key: object; chunk: Chunk; proxy: Proxy | undefined }> = [];
    for (const chunk of syntax.chunks) {
      const section = chunk.section;
      const proxy = section && proxies[index]?.section === section ? proxies[index++] : undefined;
      if (section || chunk.orphans.length > 0) parts.push({ key: proxy ?? section ?? chunk, chunk, proxy });
    }
    // The first run checks the whole file at once, one call per rule rather than one per rule and section. A
    // per-section rule reports inside the section it checks (a test holds them to it), so each finding is kept
    // with the section it lies in.
    if (this.kept.length === 0) {
      const found = new Map<Chunk, Kept[]>();
      yield* this.collect(model, undefined, checks, (k) => (found.get(k.at.chunk) ?? found.set(k.at.chunk, []).get(k.at.chunk)!).push(k));
      this.kept = parts.map(({ key, chunk }) => ({ key, line: chunk.line, findings: found.get(chunk) ?? NO_FINDINGS }));
    }
    const previous = sameEnds(this.kept, parts, (k, p) => k.key === p.key);
    const next: typeof this.kept = [];
    let fresh = 0;
    for (let i = 0; i < parts.length; i++) {
      const { key, chunk, proxy } = parts[i]!;
      let kept = previous(i);
      // Messages may name lines ("declared only after this line (line 12)"): findings of a section that moved to
      // other lines are made again. Most sections have none, so a moved section usually costs nothing.
      if (!kept || (kept.findings.length > 0 && kept.line !== chunk.line)) {
        const findings: Kept[] = [];
        drain(this.collect(sectionModel(syntax, chunk, proxy), chunk, checks, (k) => findings.push(k)));
        kept = { key, line: chunk.line, findings: findings.length > 0 ? findings : NO_FINDINGS };
        // A pause every few hundred sections checked: a huge file's first run goes in slices.
        if (++fresh % 256 === 0) yield;
      }
      next.push(kept);
      // Most sections have none; an empty loop still made an iterator, a third of what an edit of a large file allocated.
      if (kept.findings.length === 0) continue;
      for (const k of kept.findings) {
        report(k.code)(syntax.file, place(k.at), k.message, k.related?.map((r) => ({ file: r.file === syntax.file || 'chunk' in r.at ? syntax.file : r.file, span: 'chunk' in r.at ? place(r.at) : r.at, message: r.message })), k.replacement);
      }
    }
    // A run abandoned before this point leaves the previous findings, which are still right for unchanged sections.
    this.kept = next;
  }

  /** Runs the checks over `model`, handing each finding over anchored to its chunk (`own` is tried first). */
  private *collect(model: HaproxyModel, own: Chunk | undefined, checks: ReadonlyMap<string, SectionCheck>, keep: (k: Kept) => void): Steps<void> {
    const chunks = model.syntax.chunks;
    const at = (span: Span) => anchor(chunks, own, span);
    for (const [code, check] of checks) {
      const steps = check(model, (file, span, message, related, replacement) => {
        keep({
          code,
          at: at(span),
          message,
          ...(related ? { related: related.map((r) => ({ file: r.file, at: r.file === file ? at(r.span) : r.span, message: r.message })) } : {}),
          ...(replacement !== undefined ? { replacement } : {}),
        });
      });
      if (steps) yield* steps;
    }
  }
}

/** One chunk as a file of its own: its section (with its proxy) or its lines before any header. */
export function sectionModel(syntax: HaproxySyntax, chunk: Chunk, proxy: Proxy | undefined): HaproxyModel {
  const part: HaproxySyntax = {
    file: syntax.file,
    orphans: chunk.orphans,
    sections: chunk.section ? [chunk.section] : [],
    directives: chunk.directives,
    issues: [],
    comments: [],
    templated: syntax.templated,
    controlFlow: syntax.controlFlow,
    // The whole file's chunks: findings are anchored to the chunk they lie in.
    chunks: syntax.chunks,
  };
  return { syntax: part, proxies: proxy ? [proxy] : [], frontends: NO_PROXIES, backends: NO_PROXIES };
}
