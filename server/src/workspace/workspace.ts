/**
 * The set of config files being checked, their parses (cached by text, so unchanged files are never parsed
 * twice), and how they group into nodes. No I/O happens outside the FileSystem it is given.
 */
import { sourceFile, type SourceFile } from '../syntax/text.js';
import { parseHaproxySteps } from '../syntax/haproxy/parser.js';
import { drain, type Steps } from '../syntax/steps.js';
import { reparseHaproxySteps } from '../syntax/haproxy/incremental.js';
import { parseKeepalived } from '../syntax/keepalived/parser.js';
import { reparseKeepalived } from '../syntax/keepalived/incremental.js';
import type { HaproxySyntax } from '../syntax/haproxy/ast.js';
import type { KeepalivedSyntax, KStatement } from '../syntax/keepalived/ast.js';
import { expandIncludes, type IncludeResolver, type IncludeUse } from '../model/keepalived.js';
import type { FileSystem } from './fs.js';
import { detectLanguage } from './detect.js';
import { resolveInclude } from './includes.js';
import { MANIFEST_NAME, manifestFileProblems, namedFiles, parseManifest, type Manifest } from './manifest.js';
import { isInside, join } from './paths.js';
import type { Language, WorkspaceProblem } from './types.js';

// keepalived files are parsed in one piece: no pause inside.
function* keepalivedSteps(file: SourceFile): Steps<KeepalivedSyntax> {
  return parseKeepalived(file);
}

// After an edit only the top-level statements it touched are parsed again (keepalived/incremental.ts).
function* reparseKeepalivedSteps(previous: KeepalivedSyntax, file: SourceFile): Steps<KeepalivedSyntax> {
  return reparseKeepalived(previous, file);
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__']);
/**
 * Bounds on keepalived include expansion: nesting (the expansion recurses per level), and files and text read in
 * all (globs that match each other multiply: n files that each include '*.conf' would read n! files).
 */
export const MAX_INCLUDE_DEPTH = 32;
export const MAX_INCLUDE_READS = 1000;
export const MAX_INCLUDED_CHARS = 1_000_000;

export interface Entry {
  readonly path: string;
  readonly language: Language;
  /** Checked on its own: no node layout, no HAProxy/keepalived cross-check (a file named on the command line). */
  readonly standalone: boolean;
}

export interface Parsed<T> {
  readonly file: SourceFile;
  readonly syntax?: T;
  /** Set for files that are not text. */
  readonly binary: boolean;
}

export interface ExpandedKeepalived {
  readonly tree: KStatement[];
  readonly includes: IncludeUse[];
  /** Every file read through includes, the main file excluded. */
  readonly included: SourceFile[];
  /** Files an include matched that are not text (reported on the include line): the expansion changes when they do. */
  readonly unreadable: SourceFile[];
}

/** Every file an expansion depends on besides the main file: those it read, and those it could not. */
export const includedFiles = (x: ExpandedKeepalived): SourceFile[] => [...x.included, ...x.unreadable];

export class Workspace {
  private readonly entries = new Map<string, Entry>();
  /** One cache per language: a file may be read as both (a keepalived `include` can match a HAProxy file). */
  private readonly cache: Record<Language, Map<string, { text: string; parsed: Parsed<HaproxySyntax | KeepalivedSyntax> }>> = { haproxy: new Map(), keepalived: new Map() };
  readonly manifests: Manifest[] = [];
  /** Problems found by discovery: a manifest refused, the config limit reached. */
  private readonly found: WorkspaceProblem[] = [];
  /** Every problem, for the entries as they were at `version`: the same list until they change. */
  private listed: { version: number; problems: readonly WorkspaceProblem[] } | undefined;
  /** The files manifests name inside the discovered folders, with the config each is said to be. */
  private readonly declared = new Map<string, Language>();
  private version = 0;

  constructor(
    readonly fs: FileSystem,
    /** Folders includes may lead into. */
    readonly roots: string[],
  ) {}

  /**
   * Finds every config file under a folder (recursively). Returns how many were found. Each real folder is read
   * once, so symbolic links that lead back up the tree cannot make the walk endless; at most `limit` configs are
   * taken, and reaching the limit is said in `problems`. The files a manifest names in the folder are configs of the
   * kind it says, found or not by their names and content.
   */
  discover(dir: string, limit = 100_000): number {
    this.version++;
    const manifestsBefore = this.manifests.length;
    let found = 0;
    let stopped = false;
    const visited = new Set<string>();
    const walk = (d: string) => {
      const real = this.fs.realPath?.(d) ?? d;
      if (visited.has(real)) return;
      visited.add(real);
      for (const name of this.fs.readDir(d) ?? []) {
        if (found >= limit) {
          stopped = true;
          return;
        }
        const path = join(d, name);
        const kind = this.fs.kind(path);
        if (kind === 'dir') {
          if (!SKIPPED_DIRS.has(name) && !name.startsWith('.')) walk(path);
        } else if (kind === 'file') {
          if (name === MANIFEST_NAME) this.loadManifest(path);
          const language = detectLanguage(path, () => this.fs.readFile(path)?.text);
          if (language) {
            this.entries.set(path, { path, language, standalone: false });
            found++;
          }
        }
      }
    };
    walk(dir);
    if (stopped) this.found.push({ path: dir, severity: 'warning', message: `more than ${limit.toLocaleString('en')} config files; the rest are not checked` });
    for (const m of this.manifests.slice(manifestsBefore)) {
      for (const { path, language } of namedFiles(m)) {
        if (!isInside(path, dir)) continue;
        this.declared.set(path, language);
        if (found >= limit || this.entries.has(path) || this.fs.kind(path) !== 'file') continue;
        this.entries.set(path, { path, language, standalone: false });
        found++;
      }
    }
    return found;
  }

  /** The config a manifest says a file in the discovered folders is, which discovery takes when the file does not tell. */
  declaredLanguage(path: string): Language | undefined {
    return this.declared.get(path);
  }

  /**
   * What is wrong with the workspace beyond its configs: a refused manifest, files a manifest names that are not
   * checked as it says, a config limit reached. The same list object while the entries stay as they are.
   */
  get problems(): readonly WorkspaceProblem[] {
    if (this.listed?.version !== this.version) {
      const named = this.manifests.flatMap((m) => manifestFileProblems(m, (path) => this.fs.kind(path), (path) => this.entries.get(path)?.language));
      this.listed = { version: this.version, problems: [...this.found, ...named] };
    }
    return this.listed.problems;
  }

  /** Adds a file named explicitly; it is always analysed, in the given language. */
  addFile(path: string, language: Language, standalone = true): void {
    this.entries.set(path, { path, language, standalone });
    this.version++;
  }

  /** Changes whenever the entries or manifests change (a run that only re-reads files can build on the last one). */
  get entriesVersion(): number {
    return this.version;
  }

  /** Drops every entry and manifest before a new discovery; parses stay cached (they are keyed by text). */
  clear(): void {
    this.version++;
    this.entries.clear();
    this.manifests.length = 0;
    this.found.length = 0;
    this.declared.clear();
  }

  /** Drops a file's cached parse (the file was deleted), so a long-running server does not keep it. */
  forget(path: string): void {
    this.version++;
    this.cache.haproxy.delete(path);
    this.cache.keepalived.delete(path);
  }

  /**
   * Takes a file out of the analysis (a closed editor buffer that discovery did not find), with its cached parse:
   * a server that opens and closes such files all day would otherwise keep every one of them.
   */
  remove(path: string): void {
    this.entries.delete(path);
    this.forget(path);
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  entry(path: string): Entry | undefined {
    return this.entries.get(path);
  }

  allEntries(): Entry[] {
    return [...this.entries.values()];
  }

  private loadManifest(path: string): void {
    const text = this.fs.readFile(path)?.text;
    if (text === undefined) return;
    const parsed = parseManifest(path, text);
    if ('message' in parsed) this.found.push(parsed);
    else this.manifests.push(parsed);
  }

  /**
   * A file's parse, from the cache while its text is unchanged. `reparser` parses a new version of a file from the
   * previous version's parse (incremental parsing); a full parse may pause (steps.ts).
   */
  private *parseSteps<T extends HaproxySyntax | KeepalivedSyntax>(path: string, language: Language, parser: (f: SourceFile) => Steps<T>, reparser?: (previous: T, f: SourceFile) => Steps<T>): Steps<Parsed<T>> {
    const content = this.fs.readFile(path);
    const text = content?.text ?? '';
    const cache = this.cache[language];
    const cached = cache.get(path);
    // A binary file reads as no text: an empty text file is another file all the same.
    if (cached && content && cached.text === text && cached.parsed.binary === content.binary) return cached.parsed as Parsed<T>;
    const file = sourceFile(path, text, cached?.parsed.file);
    const previous = cached?.parsed.syntax as T | undefined;
    let parsed: Parsed<T>;
    if (content?.binary) parsed = { file, binary: true };
    else parsed = { file, syntax: previous && reparser ? yield* reparser(previous, file) : yield* parser(file), binary: false };
    cache.set(path, { text, parsed });
    return parsed;
  }

  /** The parse of a HAProxy file; a long first parse pauses between slices (the Analyzer runs it that way). */
  haproxySteps(path: string): Steps<Parsed<HaproxySyntax>> {
    return this.parseSteps(path, 'haproxy', parseHaproxySteps, reparseHaproxySteps);
  }

  haproxy(path: string): Parsed<HaproxySyntax> {
    return drain(this.haproxySteps(path));
  }

  keepalived(path: string): Parsed<KeepalivedSyntax> {
    return drain(this.parseSteps(path, 'keepalived', keepalivedSteps, reparseKeepalivedSteps));
  }

  /** A keepalived file with its includes expanded; cycles are cut and reported on the include line. */
  expandKeepalived(path: string): ExpandedKeepalived | undefined {
    const main = this.keepalived(path).syntax;
    if (!main) return undefined;
    const included: SourceFile[] = [];
    const unreadable: SourceFile[] = [];
    const includes: IncludeUse[] = [];
    const reading = [path];
    let reads = 0;
    let chars = 0;
    const resolve: IncludeResolver = (st) => {
      const pattern = st.args[0]?.value;
      if (!pattern) return { files: [], statements: [], problem: 'include needs a file name' };
      if (reading.length > MAX_INCLUDE_DEPTH) return { files: [], statements: [], problem: `includes nested more than ${MAX_INCLUDE_DEPTH} files deep; not followed` };
      const match = resolveInclude(this.fs, st.file.uri, pattern, this.roots);
      const files: SourceFile[] = [];
      const statements: KStatement[] = [];
      let problem = match.problem;
      for (const p of match.paths) {
        if (reading.includes(p)) {
          problem = `'${pattern}' leads back to a file that is already being read (include cycle); not followed`;
          continue;
        }
        if (reads >= MAX_INCLUDE_READS) {
          problem = `the includes read more than ${MAX_INCLUDE_READS} files in all (globs that include each other?); the rest are not followed`;
          break;
        }
        const parsed = this.keepalived(p);
        if (!parsed.syntax) {
          unreadable.push(parsed.file);
          problem = `'${p}' is not a text file`;
          continue;
        }
        if (chars + parsed.file.text.length > MAX_INCLUDED_CHARS) {
          problem = `the includes add more than ${MAX_INCLUDED_CHARS.toLocaleString('en')} characters of configuration in all (globs that include each other?); the rest are not followed`;
          break;
        }
        reads++;
        chars += parsed.file.text.length;
        files.push(parsed.file);
        included.push(parsed.file);
        reading.push(p);
        for (const x of expandIncludes(parsed.syntax.statements, resolve, includes)) statements.push(x);
        reading.pop();
      }
      return { files, statements, problem };
    };
    return { tree: expandIncludes(main.statements, resolve, includes), includes, included, unreadable };
  }
}
