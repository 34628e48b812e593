// The V8 settings dist/cli.js and dist/server.js make before they load their bundle, each on the V8 versions it was
// measured with (11.3 is Node 20's, 13.6 Node 24's; editors built on Electron bring other V8 versions under the same
// Node version numbers): an unknown flag makes V8 print an error on every start, and a later V8 may drop or rename
// one. All three are numbers V8 reads afresh each time it uses them, so setting them once the process runs takes
// effect (a flag that changes how V8 compiles or lays out its heap would not be safe to switch there). build.mjs
// writes them into the launchers; the benchmark's in-process probe starts with the same flags, to be timed as shipped.
//
// - The young generation grows eight-fold at a time instead of two-fold (V8 11 to 13). Nearly everything a first
//   check allocates (the syntax and model of the files) lives until the end, and each young-generation collection
//   copies what is alive, so many small collections at the start of a large file copy the same model again and
//   again: on the 200k-line benchmark file 8 collections (40 ms) became 3 (18 ms), with the same peak memory.
// - The optimising compiler (Turbofan) takes a function only after ten times the calls and loop iterations V8 waits
//   for by default (V8 13). A first analysis runs hundreds of functions hot at once; with the defaults V8 sent 30 of
//   them to Turbofan and 111 to Maglev while a fresh server analysed the 24k-line benchmark file: about 390 ms of
//   compiling on background threads within 160 ms, on a machine with two cores. Those threads took the analysing
//   thread's core time, and their code came too late to help. With the later threshold, 24 and 114 (about 200 ms):
//   didOpen → diagnostics on a fresh server went from 179 to 151 ms (median of 15 servers each, interleaved), with
//   the warm opens, the edits and the 200k-line CLI run unchanged. Maglev, which compiles in a fraction of the time,
//   covers the gap. Node 20's V8 has no Maglev and knows neither flag; raising its older Turbofan budget
//   (`--interrupt-budget`) made the 200k-line check slower there, so the setting stays on V8 13.

/**
 * Each flag with the V8 major versions it is set on, `from` to `to`.
 * @type {ReadonlyArray<{ flag: string; from: number; to: number }>}
 */
const V8_FLAGS = [
  { flag: '--semi-space-growth-factor=8', from: 11, to: 13 },
  { flag: '--invocation-count-for-turbofan=30000', from: 13, to: 13 },
  { flag: '--invocation-count-for-osr=5000', from: 13, to: 13 },
];

/** The flags for a V8 version (`process.versions.v8`, e.g. 13.6.233.17-node.53). */
export function v8FlagsFor(v8Version) {
  const major = Number(v8Version.split('.')[0]);
  return V8_FLAGS.filter((f) => major >= f.from && major <= f.to).map((f) => f.flag);
}

/** The launcher's lines that set them, on whatever runtime runs it. */
export function launcherFlagLines() {
  return [
    "const v8major = Number(process.versions.v8.split('.')[0]);",
    "const v8 = require('node:v8');",
    ...V8_FLAGS.map((f) => `if (v8major >= ${f.from} && v8major <= ${f.to}) v8.setFlagsFromString('${f.flag}');`),
  ];
}
