/**
 * Groups HAProxy lines into sections. HAProxy's format has no nesting beyond "a section header starts a
 * section", so after the lexer the structure is a linear pass that cuts the file into one chunk per
 * section (chunks.ts); a grammar engine would only add cost.
 */
import type { SourceFile, Span } from '../text.js';
import type { SyntaxIssue } from '../issue.js';
import { Atoms } from './atoms.js';
import { lexHaproxySteps } from './lexer.js';
import { drain, type Steps } from '../steps.js';
import { WordTable } from './words.js';
import { cutStretch, openBlocks, type Chunk } from './chunks.js';
import type { HaproxySyntax, Section, Statement } from './ast.js';

/** Parses a whole file, pausing between slices of lexing and grouping (steps.ts). */
export function* parseHaproxySteps(file: SourceFile): Steps<HaproxySyntax> {
  // About one word per 7 characters in typical configs; the table grows if there are more.
  const table = new WordTable(file.text, new Atoms(), file.text.length >> 3);
  const lines = yield* lexHaproxySteps(table);
  table.atoms.settled = table.atoms.strings.length;
  return fileSyntax(file, yield* cutStretch({ table, lines }, 0, 0, undefined));
}

export function parseHaproxy(file: SourceFile): HaproxySyntax {
  return drain(parseHaproxySteps(file));
}

/** Pushes every item of a list, however long (a spread call takes a limited number of arguments). */
function append<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]!);
}

/** What the chunks of a file hold, in file order. */
interface Gathered {
  readonly orphans: Statement[];
  readonly sections: Section[];
  readonly directives: Statement[];
  readonly issues: SyntaxIssue[];
  templated: boolean;
  controlFlow: boolean;
}

/**
 * One pass over the chunks. A function of its own, with its result made before the loop: the engine optimises a
 * long loop from inside it, and such code gave up at the object made after the loop (a few times per 200 edits,
 * seen with --trace-deopt).
 */
function gather(chunks: readonly Chunk[]): Gathered {
  const out: Gathered = { orphans: [], sections: [], directives: [], issues: [], templated: false, controlFlow: false };
  // Indexed, and the chunk's lists only looked into when not empty: this runs after every edit, and for…of makes an
  // iterator even for an empty list until the engine optimises the loop.
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    if (chunk.section) out.sections.push(chunk.section);
    // A file without headers has all its lines in one list: appended item by item, not spread into one call.
    if (chunk.orphans.length > 0) append(out.orphans, chunk.orphans);
    if (chunk.directives.length > 0) append(out.directives, chunk.directives);
    if (chunk.hasIssues) append(out.issues, chunk.issues());
    out.templated ||= chunk.templated;
    out.controlFlow ||= chunk.controlFlow;
  }
  return out;
}

/** The file's syntax from its chunks: lists of the chunks' parts, O(chunks) apart from the lines before any header. */
export function fileSyntax(file: SourceFile, chunks: readonly Chunk[]): HaproxySyntax {
  const { orphans, sections, directives, issues, templated, controlFlow } = gather(chunks);
  for (const frame of openBlocks(chunks[chunks.length - 1]?.exit)) {
    issues.push({ code: 'parse-error', start: frame.opener.start, end: frame.opener.end, message: "'.if' block is not closed by '.endif'" });
  }
  let comments: Span[] | undefined;
  return {
    file,
    orphans,
    sections,
    directives,
    issues,
    // Folding, formatting and suppression comments need them; a keystroke's analysis does not.
    get comments() {
      if (!comments) {
        comments = [];
        for (const chunk of chunks) chunk.comments(comments);
      }
      return comments;
    },
    // `{% … %}` anywhere (a standalone tag or inside a word) means control flow; `{# … #}` comments do not.
    templated: templated || controlFlow,
    controlFlow,
    chunks,
  };
}
