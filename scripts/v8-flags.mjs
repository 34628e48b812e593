// The V8 settings dist/cli.js and dist/server.js make before they load their bundle, each on the Node versions it
// was measured on: an unknown flag makes V8 print an error on every start, and a later V8 may drop or rename one.
// All three are numbers V8 reads afresh each time it uses them, so setting them once the process runs takes effect
// (a flag that changes how V8 compiles or lays out its heap would not be safe to switch there). build.mjs writes
// them into the launchers; the benchmark's in-process probe starts with the same flags, to be timed as shipped.
//
// - The young generation grows eight-fold at a time instead of two-fold (Node 20 to 24). Nearly everything a first
//   check allocates (the syntax and model of the files) lives until the end, and each young-generation collection
//   copies what is alive, so many small collections at the start of a large file copy the same model again and
//   again: on the 200k-line benchmark file 8 collections (40 ms) became 3 (18 ms), with the same peak memory.
// - The optimising compiler (Turbofan) takes a function only after ten times the calls and loop iterations V8
//   waits for by default (Node 24). A first analysis runs hundreds of functions hot at once; with the defaults V8
//   sent 30 of them to Turbofan and 111 to Maglev while a fresh server analysed the 24k-line benchmark file: about
//   390 ms of compiling on background threads within 160 ms, on a machine with two cores. Those threads took the
//   analysing thread's core time, and their code came too late to help. With the later threshold, 24 and 114
//   (about 200 ms): didOpen → diagnostics on a fresh server went from 179 to 151 ms (median of 15 servers each,
//   interleaved), with the warm opens, the edits and the 200k-line CLI run unchanged. Maglev, which compiles in a
//   fraction of the time, covers the gap; Node 20 has no Maglev, and there the same delay made the 200k-line run
//   slower, so the setting stays on Node 24.

/** @type {ReadonlyArray<{ flag: string; from: number; to: number }>} */
export const V8_FLAGS = [
  { flag: '--semi-space-growth-factor=8', from: 20, to: 24 },
  { flag: '--invocation-count-for-turbofan=30000', from: 24, to: 24 },
  { flag: '--invocation-count-for-osr=5000', from: 24, to: 24 },
];

/** The flags for Node major version `major`. */
export const v8FlagsFor = (major) => V8_FLAGS.filter((f) => major >= f.from && major <= f.to).map((f) => f.flag);

/** The launcher's lines that set them, on whatever Node runs it. */
export function launcherFlagLines() {
  return [
    "const major = Number(process.versions.node.split('.')[0]);",
    "const v8 = require('node:v8');",
    ...V8_FLAGS.map((f) => `if (major >= ${f.from} && major <= ${f.to}) v8.setFlagsFromString('${f.flag}');`),
  ];
}
