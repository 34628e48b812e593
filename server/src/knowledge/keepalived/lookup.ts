/**
 * Questions about keepalived keywords that diagnostics, completion and hover all ask: is this word a keyword
 * of this block for this version (and if not, why not and what was probably meant), and what does keepalived
 * do when the keyword is given without its value. Pure functions over the data in keywords.ts.
 */
import { KEEPALIVED_VERSIONS, type KeepalivedVersion } from '../versions.js';
import { closest } from '../edit-distance.js';
import { BLOCKS, REMOVED_BEFORE_2_0, availableIn, blockOf, type BlockSpec, type KeywordSpec } from './keywords.js';
import { ACCEPTED_WHEN_EMPTY, IGNORED_WHEN_EMPTY } from './empty-values.js';

export type Resolution =
  /** Valid here for this version; `opens` is the block its `{ }` holds, if any. */
  | { readonly status: 'known'; readonly spec: KeywordSpec; readonly opens?: BlockSpec }
  /** A keyword of this block, but only from a later version. */
  | { readonly status: 'too-new'; readonly spec: KeywordSpec; readonly since: KeepalivedVersion }
  /** A keyword of this block that the version no longer accepts. */
  | { readonly status: 'removed'; readonly spec: KeywordSpec; readonly removedIn: KeepalivedVersion }
  /** A keepalived 1.x keyword that no 2.x version knows. */
  | { readonly status: 'obsolete'; readonly note: string }
  /** Valid for this version, but in other blocks (ids of those blocks, in BLOCKS order). */
  | { readonly status: 'misplaced'; readonly homes: readonly string[]; readonly suggestion?: string }
  | { readonly status: 'unknown'; readonly suggestion?: string };

const versionIndex = (v: KeepalivedVersion): number => KEEPALIVED_VERSIONS.indexOf(v);

/** Each block's keywords by name, and the blocks of keywords (not value lists) each name appears in: every line
 * of every file asks, and a file full of unknown words asks for each of them which block they belong to. */
const byName = new Map<BlockSpec, Map<string, KeywordSpec>>();
const blocksByName = new Map<string, BlockSpec[]>();
for (const block of Object.values(BLOCKS)) {
  const names = new Map<string, KeywordSpec>();
  for (const k of block.keywords) if (!names.has(k.name)) names.set(k.name, k);
  byName.set(block, names);
  if (block.content !== 'keywords') continue;
  for (const name of names.keys()) blocksByName.set(name, [...(blocksByName.get(name) ?? []), block]);
}

function findIn(block: BlockSpec, name: string): KeywordSpec | undefined {
  return byName.get(block)?.get(name);
}

/** Blocks of keywords (not value lists) where `name` is valid for `version`, in BLOCKS order. */
export function homesOf(name: string, version: KeepalivedVersion): BlockSpec[] {
  return (blocksByName.get(name) ?? []).filter((b) => availableIn(findIn(b, name)!, version));
}

/** Keyword names of a block for a version, and suggestions already computed: a file full of unknown words (a
 * mangled or generated one) asks the same questions many times, and each answer costs an edit distance against
 * every keyword of the block. */
const candidatesCache = new Map<string, string[]>();
const suggestionCache = new Map<string, string | undefined>();
const CACHE_LIMIT = 10_000;

/** The keyword of `block` (valid for `version`) that `name` is most plausibly a typo of. */
export function suggestKeyword(block: BlockSpec, name: string, version: KeepalivedVersion, maxEdits?: number): string | undefined {
  const key = `${block.id}\n${version}\n${maxEdits ?? ''}\n${name}`;
  if (suggestionCache.has(key)) return suggestionCache.get(key);
  const listKey = `${block.id}\n${version}`;
  let candidates = candidatesCache.get(listKey);
  if (!candidates) candidatesCache.set(listKey, (candidates = block.keywords.filter((k) => availableIn(k, version)).map((k) => k.name)));
  const suggestion = closest(name, candidates, maxEdits);
  if (suggestionCache.size >= CACHE_LIMIT) suggestionCache.clear();
  suggestionCache.set(key, suggestion);
  return suggestion;
}

/** What `name` is as the first word of a line inside `block` (a keyword block) for keepalived `version`. */
export function resolveKeyword(block: BlockSpec, name: string, version: KeepalivedVersion): Resolution {
  const spec = findIn(block, name);
  if (spec) {
    if (spec.since && versionIndex(spec.since) > versionIndex(version)) return { status: 'too-new', spec, since: spec.since };
    if (spec.removedIn && versionIndex(spec.removedIn) <= versionIndex(version)) return { status: 'removed', spec, removedIn: spec.removedIn };
    return spec.opens ? { status: 'known', spec, opens: blockOf(spec.opens) } : { status: 'known', spec };
  }
  const homes = homesOf(name, version);
  if (homes.length > 0) {
    // A real keyword of another block was most likely meant as written (vrrp_strict at the top level belongs in
    // global_defs; it is no typo of vrrp_script), so only a one-letter slip is worth suggesting (interfaces).
    const near = suggestKeyword(block, name, version, 1);
    return near ? { status: 'misplaced', homes: homes.map((h) => h.id), suggestion: near } : { status: 'misplaced', homes: homes.map((h) => h.id) };
  }
  const note = Object.prototype.hasOwnProperty.call(REMOVED_BEFORE_2_0, name) ? REMOVED_BEFORE_2_0[name] : undefined;
  if (note) return { status: 'obsolete', note };
  const suggestion = suggestKeyword(block, name, version);
  return suggestion ? { status: 'unknown', suggestion } : { status: 'unknown' };
}

/**
 * The block a keyword's `{ }` holds when it is the same in every block that knows the keyword (MISC_CHECK,
 * url…), else undefined (track_file opens a definition at the top level but a list inside vrrp_instance).
 */
export function uniqueOpenedBlock(name: string, version: KeepalivedVersion): BlockSpec | undefined {
  const targets = new Set(homesOf(name, version).map((b) => findIn(b, name)!.opens));
  if (targets.size !== 1) return undefined;
  const [id] = [...targets];
  return id ? blockOf(id) : undefined;
}

/** How a block is called in messages: its keyword, qualified when the keyword opens different blocks. */
export function blockLabel(blockId: string): string {
  let label = blockLabels.get(blockId);
  if (label === undefined) blockLabels.set(blockId, (label = labelOf(blockId)));
  return label;
}
/** Labels are asked for in every message about a block, and finding one scans every block's keywords: kept. */
const blockLabels = new Map<string, string>();

function labelOf(blockId: string): string {
  if (blockId === 'root') return 'the top level';
  for (const parent of Object.values(BLOCKS)) {
    const opener = parent.keywords.find((k) => k.opens === blockId);
    if (opener) return opener.name === blockId ? blockId : `${opener.name} (in ${parent.id})`;
  }
  return blockId;
}

/**
 * What keepalived does when `spec` (a keyword of `block`) has no value on its line:
 * 'fatal' — it stops reading the configuration (exit code 2);
 * 'ignored' — it reports an error and drops the line, or the whole block for a block keyword without its name;
 * 'fine' — the value is optional (or keepalived silently does nothing).
 */
export function emptyValueEffect(block: BlockSpec, spec: KeywordSpec): 'fatal' | 'ignored' | 'fine' {
  if (spec.arg.optional || spec.arg.kind === 'none') return 'fine';
  const key = `${block.id}/${spec.name}`;
  if (ACCEPTED_WHEN_EMPTY.has(key)) return 'fine';
  if (IGNORED_WHEN_EMPTY.has(key)) return 'ignored';
  return 'fatal';
}
