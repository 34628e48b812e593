/**
 * The per-section half of a HAProxy file's analysis. Rules marked `perSection` (rules/rule.ts) run over one section
 * at a time, each seen as a file of its own, and their findings are kept with the section's proxy (or the section,
 * or the chunk of lines before the first header). After an edit only the sections it touched are checked again:
 * the others are the same objects as before (syntax/haproxy/chunks.ts), so their findings are reused, placed where
 * their chunk is now.
 *
 * A proxy object stands for its lines and the defaults it inherits from (model/haproxy.ts), which is all such a rule
 * may read; file-wide flags that rules consult (templated, control flow) are part of the cache's key. Rules marked
 * `perSection: 'names'` may also look other proxies up by name: their findings are kept apart and also keyed on the
 * file's name index (model/proxy-names.ts), and made again in every section when it changes.
 */
import { chunkAt, type Chunk } from '../syntax/haproxy/chunks.js';
import type { HaproxySyntax } from '../syntax/haproxy/ast.js';
import type { SourceFile, Span } from '../syntax/text.js';
import type { HaproxyModel, NameIndex, Proxy } from '../model/haproxy.js';
import { RULES_BY_ID } from '../rules/index.js';
import { drain, type Steps } from '../syntax/steps.js';
import type { Report } from '../rules/rule.js';

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

/** What the per-section rules found in one section last time: the local rules apart from those that read names. */
interface Entry {
  /** The section's proxy, else its section, else its chunk (the lines before the first header). */
  readonly key: object;
  readonly proxy: Proxy | undefined;
  /** The key's chunk (the same object while the key is), and its line when the findings were made. */
  readonly chunk: Chunk;
  readonly line: number;
  readonly local: readonly Kept[];
  readonly named: readonly Kept[];
}

/**
 * What a chunk is checked under: its proxy (which stands for its lines and its defaults), else its section, else the
 * chunk (the lines before the first header); nothing for a chunk without lines to check.
 */
const keyOf = (chunk: Chunk, proxy: Proxy | undefined): object | undefined => proxy ?? chunk.section ?? (chunk.orphans.length > 0 ? chunk : undefined);

/** The chunk's proxy, if it is the one at `index` of the model's list (which lists proxies in file order). */
const proxyAt = (chunk: Chunk, proxies: readonly Proxy[], index: number): Proxy | undefined =>
  chunk.section !== undefined && proxies[index]?.section === chunk.section ? proxies[index] : undefined;

/** Rules marked `perSection: 'names'` (rules/rule.ts) also read other proxies through the file's name index. */
function readsNames(code: string): boolean {
  const rule = RULES_BY_ID.get(code);
  return (rule?.scope === 'haproxy' || rule?.scope === 'file') && rule.perSection === 'names';
}

/** Findings by the chunk they lie in. */
type ByChunk = Map<Chunk, Kept[]>;
const fileBy = (into: ByChunk) => (k: Kept) => void (into.get(k.at.chunk) ?? into.set(k.at.chunk, []).get(k.at.chunk)!).push(k);

/**
 * Whether the places a kept finding names in other sections are still where the file has them. A rule that reads
 * names points into the section of the name (a backend's header…); an edit inside that section replaces its chunk
 * while the index, and the finding's own section, stay the same.
 */
function relatedHold(findings: readonly Kept[], chunks: readonly Chunk[]): boolean {
  for (const k of findings) {
    if (!k.related) continue;
    for (const r of k.related) if ('chunk' in r.at && chunks[chunkAt(chunks, r.at.chunk.start)] !== r.at.chunk) return false;
  }
  return true;
}

/** What per-section rules found, kept per section between runs of one Analyzer. */
export class SectionFindings {
  /** What each section of the file had last time, in file order. */
  private kept: Entry[] = [];
  private flags = '';
  /** The name index the kept findings of the rules that read names were made with. */
  private names: NameIndex | undefined;

  /**
   * Runs `checks` (code → check) over every section of `model` that changed since the last call, and reports
   * every section's findings, in file order, through `report(code)`. The rules that read names run over every
   * section again when the name index changed.
   *
   * An edit replaces a run of chunks and leaves those before and after it (syntax/haproxy/chunks.ts): their entries
   * are found by walking in from both ends while the keys agree, so an edit costs a comparison per section, not a
   * map or an object per section.
   */
  *run(model: HaproxyModel, checks: ReadonlyMap<string, SectionCheck>, report: (code: string) => Report): Steps<void> {
    const syntax = model.syntax;
    const chunks = syntax.chunks;
    const proxies = model.proxies;
    const flags = `${syntax.templated}|${syntax.controlFlow}`;
    if (flags !== this.flags) {
      this.kept = [];
      this.flags = flags;
    }
    const kept = this.kept;
    const local = new Map<string, SectionCheck>();
    const named = new Map<string, SectionCheck>();
    for (const [code, check] of checks) (readsNames(code) ? named : local).set(code, check);
    // A first run, and a run after the names changed, checks the whole file at once, one call per rule rather than
    // one per rule and section. A per-section rule reports inside the section it checks (a test holds them to it),
    // so each finding is kept with the section it lies in.
    let namedByChunk: ByChunk | undefined;
    let localByChunk: ByChunk | undefined;
    if (kept.length === 0 || model.names !== this.names) yield* this.collect(model, undefined, named, fileBy((namedByChunk = new Map())));
    if (kept.length === 0) yield* this.collect(model, undefined, local, fileBy((localByChunk = new Map())));

    // The entries whose keys agree from the start, then from the end.
    let c = 0;
    let p = 0;
    let e = 0;
    for (; c < chunks.length; c++) {
      const proxy = proxyAt(chunks[c]!, proxies, p);
      const key = keyOf(chunks[c]!, proxy);
      if (key === undefined) continue;
      if (e === kept.length || kept[e]!.key !== key) break;
      if (proxy) p++;
      e++;
    }
    let d = chunks.length - 1;
    let q = proxies.length - 1;
    let f = kept.length - 1;
    for (; d >= c; d--) {
      const proxy = q >= p ? proxyAt(chunks[d]!, proxies, q) : undefined;
      const key = keyOf(chunks[d]!, proxy);
      if (key === undefined) continue;
      if (f < e || kept[f]!.key !== key) break;
      if (proxy) q--;
      f--;
    }
    // The chunks in between are new: checked one by one, or read from the whole-file results of a first run.
    const next = kept.slice(0, e);
    let fresh = 0;
    for (; c <= d; c++) {
      const chunk = chunks[c]!;
      const proxy = proxyAt(chunk, proxies, p);
      const key = keyOf(chunk, proxy);
      if (key === undefined) continue;
      if (proxy) p++;
      if (localByChunk) {
        next.push({ key, proxy, chunk, line: chunk.line, local: localByChunk.get(chunk) ?? NO_FINDINGS, named: namedByChunk!.get(chunk) ?? NO_FINDINGS });
        continue;
      }
      const part = sectionModel(model, chunk, proxy);
      next.push({ key, proxy, chunk, line: chunk.line, local: this.check(part, chunk, local), named: this.check(part, chunk, named) });
      // A pause every few hundred sections checked: a huge file's first run goes in slices.
      if (++fresh % 256 === 0) yield;
    }
    for (let i = f + 1; i < kept.length; i++) next.push(kept[i]!);

    for (let i = 0; i < next.length; i++) {
      let entry = next[i]!;
      if (entry.local.length === 0 && entry.named.length === 0 && !namedByChunk) continue;
      // Messages may name lines ("declared only after this line (line 12)"): findings of a section that moved to
      // other lines are made again. Most sections have none, so a moved section usually costs nothing.
      const moved = entry.line !== entry.chunk.line;
      const localNow = moved && entry.local.length > 0 ? undefined : entry.local;
      const namedNow = namedByChunk ? (namedByChunk.get(entry.chunk) ?? NO_FINDINGS) : entry.named.length === 0 || (!moved && relatedHold(entry.named, chunks)) ? entry.named : undefined;
      if (localNow !== entry.local || namedNow !== entry.named) {
        const part = localNow && namedNow ? undefined : sectionModel(model, entry.chunk, entry.proxy);
        entry = next[i] = {
          key: entry.key,
          proxy: entry.proxy,
          chunk: entry.chunk,
          line: entry.chunk.line,
          local: localNow ?? this.check(part!, entry.chunk, local),
          named: namedNow ?? this.check(part!, entry.chunk, named),
        };
      }
      this.report(syntax, entry.local, report);
      this.report(syntax, entry.named, report);
    }
    // A run abandoned before this point leaves the previous findings, which are still right for unchanged sections.
    this.kept = next;
    this.names = model.names;
  }

  /** The findings of `checks` in one section. */
  private check(part: HaproxyModel, chunk: Chunk, checks: ReadonlyMap<string, SectionCheck>): readonly Kept[] {
    const findings: Kept[] = [];
    drain(this.collect(part, chunk, checks, (k) => findings.push(k)));
    return findings.length > 0 ? findings : NO_FINDINGS;
  }

  private report(syntax: HaproxySyntax, findings: readonly Kept[], report: (code: string) => Report): void {
    // Most sections have none; an empty loop still made an iterator, a third of what an edit of a large file allocated.
    if (findings.length === 0) return;
    for (const k of findings) {
      report(k.code)(syntax.file, place(k.at), k.message, k.related?.map((r) => ({ file: r.file === syntax.file || 'chunk' in r.at ? syntax.file : r.file, span: 'chunk' in r.at ? place(r.at) : r.at, message: r.message })), k.replacement);
    }
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

/**
 * One chunk as a file of its own: its section (with its proxy) or its lines before any header. The name tables are
 * the whole file's: a rule that reads names looks other proxies up through them.
 */
export function sectionModel(model: HaproxyModel, chunk: Chunk, proxy: Proxy | undefined): HaproxyModel {
  const syntax = model.syntax;
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
  return { ...model, syntax: part, proxies: proxy ? [proxy] : [] };
}
