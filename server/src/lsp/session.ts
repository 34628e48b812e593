/**
 * The language server's state: workspace folders, open buffers, settings, and the analysis loop. Edits schedule
 * a run after a short quiet period; a run analyses the workspace (unchanged files come from the parse cache)
 * and publishes diagnostics to every file it read, open or not, clearing files that no longer have any.
 *
 * A run goes a slice at a time (steps.ts), so requests are answered while a huge file is analysed: a request
 * about a document the latest finished run saw as it is now answers from that run at once; one about an edited
 * document waits for the run that includes the edit. An edit abandons the run in progress, which had become
 * outdated; what it had finished is reused by the next one.
 */
import { Analyzer, type AnalysisResult } from '../analysis/analyze.js';
import type { Steps } from '../syntax/steps.js';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../analysis/settings.js';
import { sameItems } from '../analysis/memo.js';
import type { Diagnostic } from 'vscode-languageserver';
import { nodeFileSystem } from '../workspace/node-fs.js';
import type { FileSystem } from '../workspace/fs.js';
import { isInside } from '../workspace/paths.js';
import type { Language, WorkspaceProblem } from '../workspace/types.js';
import { Workspace } from '../workspace/workspace.js';
import { MANIFEST_NAME } from '../workspace/manifest.js';
import { detectLanguage } from '../workspace/detect.js';
import { problemDiagnostic, sameJson, toDiagnostic } from './diagnostics.js';
import { featureContext, type FeatureContext } from '../features/context.js';
import { OverlayFileSystem } from './overlay-fs.js';
import { isFilePath } from './uris.js';

/** Long enough to coalesce a burst of keystrokes, short enough to feel immediate. */
export const QUIET_MS = 15;
/** How long a run works before it lets requests and edits in. */
export const SLICE_MS = 20;

export type Publisher = (path: string, diagnostics: Diagnostic[]) => void;

/** What an editor shows for a file nothing was published to. */
const NOTHING: readonly Diagnostic[] = [];

export class Session {
  readonly fs: OverlayFileSystem;
  readonly ws: Workspace;
  private roots: string[] = [];
  private includeFolders: string[] = [];
  private settings: AnalysisSettings = DEFAULT_SETTINGS;
  /** Open documents and their language, as the editor says. */
  private readonly openLanguages = new Map<string, Language>();
  private needsDiscovery = true;
  /** Documents were opened or closed since the entries were last brought in line with them. */
  private openChanged = true;
  /**
   * What the last discovery found, in the language it read each file as; other entries come from open buffers and
   * leave when closed.
   */
  private discovered = new Map<string, Language>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** What was last published per file, to skip sending unchanged lists. */
  private readonly published = new Map<string, readonly Diagnostic[]>();
  /** The workspace problems last published, and the files that showed them (hapair.json), to clear once they have none. */
  private shownProblems: readonly WorkspaceProblem[] = [];
  private shownLayoutProblems: readonly WorkspaceProblem[] = [];
  private problemFiles = new Set<string>();
  /** Workspace problems with no file to show them in, already told to the user. */
  private readonly told = new Set<string>();
  /** The run in progress, if any. */
  private current: Steps<AnalysisResult> | undefined;
  private idleWaiters: Array<() => void> = [];
  private readonly analyzer = new Analyzer();
  /** The latest finished run's models and nodes, for requests (peer generation, editor features). */
  last: AnalysisResult | undefined;
  /** Documents edited since the latest finished run: once one is parsed again, that run reads its new positions. */
  private edited = new Set<string>();

  constructor(
    private readonly publish: Publisher,
    base: FileSystem = nodeFileSystem,
    /** Tells the user a workspace problem that no file can show (a folder with more configs than the limit). */
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    this.fs = new OverlayFileSystem(base);
    this.ws = new Workspace(this.fs, []);
  }

  setRoots(roots: string[]): void {
    this.roots = roots;
    this.updateIncludeRoots();
  }

  /** Folders outside the workspace that includes may read (hapair.includes.allowedFolders). */
  setAllowedIncludeFolders(folders: string[]): void {
    if (folders.join('\n') === this.includeFolders.join('\n')) return;
    this.includeFolders = folders;
    this.updateIncludeRoots();
  }

  private updateIncludeRoots(): void {
    // The Workspace's roots bound includes; discovery walks the workspace folders only.
    this.ws.roots.splice(0, this.ws.roots.length, ...this.roots, ...this.includeFolders);
    this.needsDiscovery = true;
    this.startSliced();
  }

  /**
   * Like folders, settings are no keystroke and start a run at once. The editor opens its first document right
   * after the handshake, before the settings the server asked for arrive: waiting a quiet period here would hold
   * that document's first diagnostics back.
   */
  setSettings(settings: AnalysisSettings): void {
    this.settings = settings;
    this.startSliced();
  }

  /**
   * Opening is no keystroke: nothing to coalesce, so the run starts in the next turn of the event loop (not after a
   * zero timer, which Node holds back by a millisecond). Another open before then replaces that run before its
   * first slice: the editor restoring a dozen tabs costs one run.
   */
  open(path: string, language: Language | undefined, text: string): void {
    this.fs.setOpen(path, text);
    if (language) this.openLanguages.set(path, language);
    this.openChanged = true;
    this.startSliced();
  }

  /**
   * An edit. One that leaves the text as it was starts nothing: the LSP library reports every open as a change of
   * content too, right after it, and that must not hold the open's run back by the quiet period.
   */
  change(path: string, text: string): void {
    if (!this.fs.setOpen(path, text)) return;
    this.edited.add(path);
    this.schedule();
  }

  close(path: string): void {
    this.fs.close(path);
    this.fs.invalidate(path);
    this.openLanguages.delete(path);
    // Closed unsaved, the buffer gives way to the file on disk, which discovery may read otherwise than it read the
    // buffer (or than the editor called it): as another language, as a config, or as none.
    if (this.differsFromDiscovery(path)) this.needsDiscovery = true;
    this.openChanged = true;
    this.schedule();
  }

  /** Files changed on disk (from the client's watcher). New or deleted files change the layout. */
  filesChanged(changes: ReadonlyArray<{ path: string; kind: 'created' | 'changed' | 'deleted' }>): void {
    for (const c of changes) {
      this.fs.invalidate(c.path);
      this.edited.add(c.path);
      if (c.kind === 'deleted') {
        this.ws.forget(c.path);
        // A buffer of a deleted file (or folder) stays open in the editor for a while; it is not a config any more.
        for (const open of [...this.openLanguages.keys()]) {
          if (isInside(open, c.path)) {
            this.openLanguages.delete(open);
            this.fs.close(open);
            this.openChanged = true;
          }
        }
      }
      if (c.kind !== 'changed' || !this.ws.has(c.path) || c.path.endsWith(`/${MANIFEST_NAME}`) || (!this.openLanguages.has(c.path) && this.differsFromDiscovery(c.path))) this.needsDiscovery = true;
    }
    this.schedule();
  }

  /**
   * Whether a file in the workspace folders now reads as another language than the last discovery found it in, or
   * as a config when it found none there, or the reverse: a `.conf` found by its content can lose the block that
   * made it a keepalived file.
   */
  private differsFromDiscovery(path: string): boolean {
    if (!isFilePath(path) || !this.roots.some((r) => isInside(path, r))) return false;
    // As discovery reads it: by name and content, else as the manifest says.
    return (detectLanguage(path, () => this.fs.readFile(path)?.text) ?? this.ws.declaredLanguage(path)) !== this.discovered.get(path);
  }

  /** Something changed: the run in progress is outdated, a new one starts after the quiet period. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.current = undefined;
    this.timer = setTimeout(() => this.startSliced(), QUIET_MS);
  }

  /**
   * The context editor features answer from. A document the latest run saw as it is now is answered from that
   * run, even while another runs. Otherwise the pending run starts now rather than after the quiet period (a
   * request right after a keystroke must see that keystroke) and the request waits for it, unless cancelled.
   */
  async context(path: string, token?: { readonly isCancellationRequested: boolean }): Promise<FeatureContext | undefined> {
    if (!this.isCurrent(path)) {
      if (this.timer) this.startSliced();
      await this.whenIdle();
      // The editor gave up on the request while it waited (the user typed on): no point answering it.
      if (token?.isCancellationRequested) return undefined;
    }
    return this.latestContext(path);
  }

  /** The context from the latest finished run as it is, without waiting (for callers that ran the analysis). */
  latestContext(path: string): FeatureContext | undefined {
    const language = this.ws.entry(path)?.language ?? this.openLanguages.get(path);
    if (!language || !this.last) return undefined;
    return featureContext(this.ws, this.last, this.settings, path, language);
  }

  /**
   * Whether the latest finished run read `path` with the text it has now, and read no document edited since. (An
   * edited file is parsed again in place: its unchanged sections and blocks move to their new positions, which the
   * latest run then reads too, so answers that reach into that file would mix two versions. Files created or
   * changed on disk elsewhere may change what it says across files; it still answers about this document correctly.)
   */
  private isCurrent(path: string): boolean {
    if (!this.last) return false;
    for (const other of this.edited) if (other !== path && this.last.files.has(other)) return false;
    const seen = this.last.files.get(path)?.text;
    return seen !== undefined && seen === this.fs.readFile(path)?.text;
  }

  /** Resolves once no run is pending or running: for tests and for requests that need fresh results. */
  whenIdle(): Promise<void> {
    if (!this.timer && !this.current) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Runs the whole analysis at once (tests, and callers that cannot wait). */
  run(): void {
    this.start();
    while (this.current) this.slice(Infinity);
  }

  private prepareEntries(): void {
    if (this.needsDiscovery) {
      this.ws.clear();
      this.fs.invalidateAll();
      for (const root of this.roots) this.ws.discover(root);
      // New or deleted files may change what includes and globs resolve to.
      this.analyzer.reset();
      this.discovered = new Map(this.ws.allEntries().map((e) => [e.path, e.language]));
      this.needsDiscovery = false;
      this.openChanged = true;
    }
    // Typing changes no entry: the loops below (over every file of the workspace) run only when they may.
    if (!this.openChanged) return;
    this.openChanged = false;
    for (const e of this.ws.allEntries()) {
      if (this.openLanguages.has(e.path)) continue;
      const found = this.discovered.get(e.path);
      if (found === undefined) this.ws.remove(e.path);
      // A closed buffer the editor had in the other language: back to the one discovery found.
      else if (found !== e.language) this.ws.addFile(e.path, found, false);
    }
    // Open buffers the editor calls haproxy/keepalived join the analysis even when discovery missed them (an unusual
    // name, or a file outside every folder, which is then checked on its own). The editor's language wins over the
    // one discovery read from the content: it is what the user sees, and it does not change while they type, which
    // can turn a `.conf` found by its keepalived block into one discovery would skip.
    for (const [path, language] of this.openLanguages) {
      if (this.ws.entry(path)?.language === language) continue;
      const inFolder = isFilePath(path) && this.roots.some((r) => isInside(path, r));
      this.ws.addFile(path, language, !inFolder);
    }
  }

  /** Makes a new run the current one (replacing any in progress), without advancing it. */
  private start(): Steps<AnalysisResult> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.prepareEntries();
    this.current = this.analyzer.steps(this.ws, this.settings);
    return this.current;
  }

  /** Starts a run that goes a slice per turn of the event loop. */
  private startSliced(): void {
    const run = this.start();
    setImmediate(() => this.continue(run));
  }

  private continue(run: Steps<AnalysisResult>): void {
    // A run that an edit replaced (or that run() finished at once) is dropped here.
    if (run !== this.current) return;
    try {
      this.slice(SLICE_MS);
    } catch (e) {
      // A bug, not bad input (that becomes findings): the server goes on with the previous results and the next
      // edit tries again, rather than dying with the editor's requests unanswered.
      console.error(`hapair: the analysis failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return;
    }
    if (this.current === run) setImmediate(() => this.continue(run));
  }

  /** Advances the current run for up to `budget` ms; publishes when it finishes. */
  private slice(budget: number): void {
    const run = this.current!;
    const until = performance.now() + budget;
    try {
      for (;;) {
        const next = run.next();
        if (next.done) {
          this.current = undefined;
          this.finish(next.value);
          return;
        }
        if (performance.now() >= until) return;
      }
    } catch (e) {
      this.current = undefined;
      this.wakeIdle();
      throw e;
    }
  }

  private wakeIdle(): void {
    if (!this.timer && !this.current) this.idleWaiters.splice(0).forEach((w) => w());
  }

  private finish(result: AnalysisResult): void {
    try {
      const previous = this.last;
      this.last = result;
      // An edit abandons the run in progress, so a run that finishes has read every edit made so far.
      this.edited.clear();
      // A discovery may have found new workspace problems, whatever the analysis found.
      this.publishProblems();
      // Nothing changed since the previous run (the analyzer handed it back): nothing to send.
      if (result === previous) return;
      // A run that patched the previous one says which files it may have changed: only those are looked at. The
      // analyzer hands back the same Finding objects for what it did not recompute, so a file whose list is made of
      // the very same findings as last time is skipped without converting or comparing anything.
      const patched = previous && result.patchOf?.serial === previous.serial ? result.patchOf.files : undefined;
      for (const path of patched ?? new Set([...result.files.keys(), ...this.published.keys()])) {
        const list = result.byFile.get(path);
        if (list && previous && sameItems(previous.byFile.get(path), list)) continue;
        // hapair.json and Ansible vars files show problems, which are no run's findings.
        if (!list && this.problemFiles.has(path)) continue;
        // A file the run no longer read (closed, or no longer included) is cleared.
        this.send(path, (list ?? []).map(toDiagnostic), list !== undefined);
      }
    } finally {
      this.wakeIdle();
    }
  }

  /** Publishes a file's diagnostics unless they are what it has (`read`: the run read the file, so it may have none). */
  private send(path: string, diagnostics: Diagnostic[], read: boolean): void {
    const before = this.published.get(path) ?? (read ? undefined : NOTHING);
    // Compared as data, stopping at the first difference: turning a large file's list into JSON to compare it took
    // a third of a keystroke's work in a profile.
    if (before && sameJson(before, diagnostics)) return;
    this.published.set(path, diagnostics);
    this.publish(path, diagnostics);
  }

  /**
   * Problems with files that are no configs: the workspace's (a hapair.json refused, or naming files that are not
   * checked) and the latest run's (an Ansible inventory or vars file it could not use). Those placed in a file are
   * that file's diagnostics, cleared once it has none; the others are told once.
   */
  private publishProblems(): void {
    // The workspace hands back the same list until a discovery or an open changes its entries, and a run without an
    // Ansible layout has none of its own: typing costs nothing here.
    const problems = this.ws.problems;
    const layout = this.last?.problems ?? [];
    if (problems === this.shownProblems && sameItems(layout, this.shownLayoutProblems)) return;
    this.shownProblems = problems;
    this.shownLayoutProblems = layout;
    const byFile = new Map<string, Diagnostic[]>();
    for (const p of [...problems, ...layout]) {
      const said = `${p.path}: ${p.message}`;
      if (p.at) (byFile.get(p.path) ?? byFile.set(p.path, []).get(p.path)!).push(problemDiagnostic(p, p.at));
      else if (!this.told.has(said)) {
        this.told.add(said);
        this.warn(said);
      }
    }
    for (const path of new Set([...this.problemFiles, ...byFile.keys()])) this.send(path, byFile.get(path) ?? [], byFile.has(path));
    this.problemFiles = new Set(byFile.keys());
  }
}
