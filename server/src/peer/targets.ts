/**
 * Where a generated peer config naturally goes, best first:
 *  - node folders side by side (`lb1/keepalived.conf`): the next number, `lb2/keepalived.conf`, keeping zero
 *    padding (`node01` → `node02`), and when that exists also the first free one (`lb3/`); a `keepalived/` or
 *    `haproxy/` folder inside the node folder is kept;
 *  - a file named for its role (`keepalived-master.conf`): the same name for the other role;
 *  - a numbered file (`keepalived1.conf`): the next number;
 *  - otherwise `<name>-backup<ext>` (or `-peer` for HAProxy) next to the original.
 * Pure: the caller says which paths exist.
 */
import { basename, dirname, join } from '../workspace/paths.js';

const ROLE_SWAPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/master/i, 'backup'],
  [/primary/i, 'secondary'],
  [/active/i, 'standby'],
];
const INNER_FOLDERS = new Set(['keepalived', 'haproxy', 'etc']);

/** `lb1` → `lb2`, `node-09` → `node-10`, `lb` → undefined. */
function nextNumbered(name: string, step: number): string | undefined {
  const m = /^(.*?)(\d+)(\D*)$/.exec(name);
  if (!m) return undefined;
  const n = Number(m[2]) + step;
  return `${m[1]}${String(n).padStart(m[2]!.length, '0')}${m[3]}`;
}

function withRole(name: string): string | undefined {
  for (const [from, to] of ROLE_SWAPS) {
    if (from.test(name)) return name.replace(from, (s) => (s[0] === s[0]!.toUpperCase() ? to[0]!.toUpperCase() + to.slice(1) : to));
  }
  return undefined;
}

function splitExt(name: string): [string, string] {
  const m = /^(.+?)((?:\.[a-z0-9]+)*(?:\.(?:j2|jinja2?))?)$/i.exec(name);
  return m ? [m[1]!, m[2]!] : [name, ''];
}

/** The node folder a config sits in, and the path inside it (`lb1` and `etc/keepalived/keepalived.conf`). */
function nodeFolder(path: string): { folder: string; inner: string } {
  let folder = dirname(path);
  let inner = basename(path);
  while (INNER_FOLDERS.has(basename(folder)) && dirname(folder) !== folder) {
    inner = `${basename(folder)}/${inner}`;
    folder = dirname(folder);
  }
  return { folder, inner };
}

export function suggestPeerTargets(path: string, language: 'haproxy' | 'keepalived', exists: (p: string) => boolean): string[] {
  const out: string[] = [];
  const add = (p: string | undefined) => {
    if (p && p !== path && !out.includes(p)) out.push(p);
  };
  const { folder, inner } = nodeFolder(path);
  const parent = dirname(folder);
  // The next numbered sibling folder (its file may exist: regenerating a pair's peer is common), and the
  // first one that does not hold the file yet (a third node).
  for (let step = 1; step < 100; step++) {
    const sibling = nextNumbered(basename(folder), step);
    if (!sibling) break;
    const target = join(join(parent, sibling), inner);
    add(target);
    if (!exists(target)) break;
  }
  const dir = dirname(path);
  const name = basename(path);
  const role = withRole(name);
  add(role ? join(dir, role) : undefined);
  const [stem, ext] = splitExt(name);
  const numbered = nextNumbered(stem, 1);
  add(numbered ? join(dir, numbered + ext) : undefined);
  add(join(dir, `${stem}-${language === 'keepalived' ? 'backup' : 'peer'}${ext}`));
  return out;
}
