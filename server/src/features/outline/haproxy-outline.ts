/** The outline of a HAProxy file: sections, and in them the lines worth finding (binds, servers, ACLs, routing). */
import type { HaproxySyntax, Section, SectionKind, Statement } from '../../syntax/haproxy/ast.js';
import { clip, NO_CHILDREN, type OutlineSymbol } from './outline-symbol.js';
import { sectionIcon, type SymbolIcon } from './icons.js';

/** A line shown in the outline: its name is word `name` (the keyword when missing), its detail the words from
 * `detailFrom` on. */
interface OutlineLine {
  readonly icon: SymbolIcon;
  readonly name: number;
  readonly detailFrom: number;
}
const line = (icon: SymbolIcon, detailFrom = 2, name = 1): OutlineLine => ({ icon, name, detailFrom });

/** The lines of a section listed in the outline, by keyword (a Map: a line starting with `constructor` lists nothing). */
type ListedLines = ReadonlyMap<string, OutlineLine>;
const listed = (lines: Record<string, OutlineLine>): ListedLines => new Map(Object.entries(lines));

const PROXY_LINES = listed({
  bind: line('Event'),
  server: line('Object'),
  'server-template': line('Object'),
  acl: line('Boolean'),
  // Routing lines are named by their target; the detail keeps the keyword and condition.
  use_backend: line('Key', 0),
  default_backend: line('Key', 0),
});
const MEMBER = line('Object');

const LINES_BY_SECTION: Partial<Record<SectionKind, ListedLines>> = {
  frontend: PROXY_LINES,
  backend: PROXY_LINES,
  listen: PROXY_LINES,
  userlist: listed({ user: line('Variable', 3), group: line('Array') }),
  peers: listed({ peer: MEMBER, server: MEMBER, table: line('Field') }),
  resolvers: listed({ nameserver: MEMBER }),
  mailers: listed({ mailer: MEMBER }),
  ring: listed({ server: MEMBER }),
  'log-forward': listed({ bind: line('Event'), 'dgram-bind': line('Event') }),
};

/** Words `from`… of a line, as written. */
function wordsFrom(st: Statement, from: number): string | undefined {
  if (from >= st.count) return undefined;
  let out = st.written(from)!;
  for (let i = from + 1; i < st.count && out.length <= 80; i++) out += ` ${st.written(i)}`;
  return clip(out);
}

function lineSymbol(st: Statement, shape: OutlineLine): OutlineSymbol {
  const named = shape.name < st.count;
  const selection = st.word(named ? shape.name : 0)!;
  return { name: selection.text || st.keyword, detail: wordsFrom(st, shape.detailFrom), icon: shape.icon, span: st, selection, children: NO_CHILDREN };
}

/**
 * Past this many listed lines, the outline shows sections only. Every row costs about 150 bytes of JSON, and
 * editors ask again after each edit: a 24,000-line file with all its servers would send megabytes each time.
 */
export const MAX_OUTLINE_LINES = 5000;

function listedLines(syntax: HaproxySyntax): number {
  let count = 0;
  for (const section of syntax.sections) {
    const lines = LINES_BY_SECTION[section.kind];
    if (lines) for (const st of section.statements) if (lines.has(st.keyword)) count++;
  }
  return count;
}

function sectionSymbol(section: Section, withLines: boolean): OutlineSymbol {
  const lines = withLines ? LINES_BY_SECTION[section.kind] : undefined;
  const children: OutlineSymbol[] = [];
  if (lines) {
    for (const st of section.statements) {
      const shape = lines.get(st.keyword);
      if (shape) children.push(lineSymbol(st, shape));
    }
  }
  const selection = section.name ?? section.header.word(0)!;
  const name = section.name?.text || section.kind;
  // The kind (unless it is the name already), and what follows the name (`from defaults-name`).
  const rest = wordsFrom(section.header, section.name ? 2 : 1);
  const detail = section.name ? (rest ? `${section.kind} ${rest}` : section.kind) : rest;
  return { name, detail, icon: sectionIcon(section.kind), span: section, selection, children };
}

export function haproxyOutline(syntax: HaproxySyntax): OutlineSymbol[] {
  const withLines = listedLines(syntax) <= MAX_OUTLINE_LINES;
  return syntax.sections.map((section) => sectionSymbol(section, withLines));
}
