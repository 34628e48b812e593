/**
 * The scaling suite (bench/run.ts, full mode only): shapes of input where an earlier version compared each of n
 * things with the others, so that its time grew with the square of n (found by generating inputs at doubling sizes;
 * each fix's commit gives the figures). `hapair check` runs on each shape at n and at GROWTH times n, and the ratio
 * of the two times must stay below MAX_GROWTH: linear work gives about 4x or less (start-up does not grow), work
 * that grows with the square about 16x.
 *
 * n is chosen so that the larger run takes about 0.5 to 1.5 s on the 2-core machine of bench/baseline.json under
 * Node 24, where the quadratic versions took 3 to 35 s (and more: see k_sample_copies). A quadratic term shows only once it outweighs start-up and
 * the linear work at n: see the figures at SCALING.
 *
 * Inputs are cached like the others (lib/inputs.ts), in one folder per version of bench/generators.ts and of the
 * Ansible seed the ansible shape extends; the folders of other versions are deleted.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ANSIBLE_SEED, readTree, SCALE_SHAPES, writeScaleInput } from '../generators.js';
import { cacheDir, cachedPath, generatorHash } from './inputs.js';

/** The larger size is GROWTH times the smaller. */
export const GROWTH = 4;
/** The target: time(GROWTH n) / time(n) below this. */
export const MAX_GROWTH = 8;
/** Interleaved runs at each size; the median of each size is taken. */
export const SCALING_RUNS = 3;

export interface ScalingCase {
  /** A key of SCALE_SHAPES (bench/generators.ts). */
  shape: string;
  n: number;
}

/**
 * The shapes and their sizes, in the order they are reported. In comments, what `hapair check` took at n and 4n
 * before the fix (a build of fc9a919, Node 24, 2 cores; one run each; the last two: the builds named there): 9 of
 * the 12 would fail the target, and k_files_beside_one_haproxy only just passes. The two keepalived shapes that
 * would pass are ones where the old code's square-growing part was still small beside its linear work at these
 * sizes (their fixes gained 2x to 3x at 4 to 8 times as many instances).
 */
export const SCALING: readonly ScalingCase[] = [
  { shape: 'h_same_name_frontends_refs', n: 4_000 }, // 1.8 s → 23 s (13x)
  { shape: 'h_same_name_backends', n: 8_000 }, // 1.0 s → 22 s (21x)
  { shape: 'h_acl_refs_before', n: 16_000 }, // 0.88 s → 14 s (16x)
  { shape: 'h_portless_check', n: 8_000 }, // 2.0 s → 33 s (17x)
  { shape: 'k_dup_vrid_unicast', n: 2_000 }, // 0.49 s → 3.0 s (6.1x)
  { shape: 'k_sync_pairs_tracked', n: 5_000 }, // 0.82 s → 4.0 s (4.8x)
  { shape: 'k_untracked_served', n: 5_000 }, // 1.2 s → 12 s (10x)
  { shape: 'k_vip_mismatch', n: 16_000 }, // 3.2 s → 35 s (11x)
  { shape: 'k_many_vips_excluded', n: 4_000 }, // 1.5 s → 15 s (9.8x)
  { shape: 'ansible_inventory_group', n: 10_000 }, // 0.54 s → 6.8 s (12x; median of 3)
  { shape: 'k_files_beside_one_haproxy', n: 1_000 }, // 1.1 s → 8.1 s (7.7x; a build of 30d33c3)
  { shape: 'k_sample_copies', n: 300 }, // 8.5 s → more than 54 s (a build of 446c8cc: 600 copies took 54 s, 3.1 million lines of output)
];

/**
 * Typing in a workspace of TYPING_PAIRS and GROWTH times as many LB pairs: the in-process analysis time of one-line
 * edits (p50) of one node's files, and of a copy of its haproxy.cfg open outside the folder, must grow less than
 * MAX_TYPING_GROWTH, since a keystroke redoes only what it reaches. The p50 is about 1 ms at these sizes; work in
 * proportion to the workspace shows from here on. At 7577575 (tsx, 2 cores) a keepalived edit flattened every
 * scope's peer groups, 2.5 ms at 2,000 pairs and 7.9 ms at 8,000, and an edit of a file outside the folder ran the
 * whole analysis again, 97 ms at 500 pairs and 227 ms at 2,000.
 */
export const TYPING_PAIRS = 2_000;
/** Timed edits of each file at each size. */
export const TYPING_EDITS = 200;
export const MAX_TYPING_GROWTH = 2;

let folder: string | undefined;
/** The cache folder of this version of the generators and the seed, created (and older ones deleted) once. */
function scalingDir(): string {
  if (folder) return folder;
  const hash = createHash('sha256').update(generatorHash());
  for (const [path, text] of Object.entries(readTree(ANSIBLE_SEED))) hash.update(`${path}\0${text}\0`);
  const name = `scaling-${hash.digest('hex').slice(0, 10)}`;
  const base = cacheDir();
  for (const other of readdirSync(base)) if (/^scaling-[0-9a-f]{10}$/.test(other) && other !== name) rmSync(join(base, other), { recursive: true, force: true });
  folder = join(base, name);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Path of the cached input of `shape` at size n (a file, or a folder), generating it first (atomically). */
export function scalingInput(shape: string, n: number): string {
  const found = SCALE_SHAPES[shape];
  if (!found) throw new Error(`no scaling shape '${shape}' in bench/generators.ts`);
  const { ext, make } = found;
  return cachedPath(join(scalingDir(), `${shape}-${n}${ext ? `.${ext}` : ''}`), (tmp) => writeScaleInput(tmp, make(n)));
}
