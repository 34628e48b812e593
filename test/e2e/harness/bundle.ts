// The e2e bundle step (separate from build.mjs, which builds the product): esbuild turns
//   test/e2e/runner-extension/src/extension.ts -> test/e2e/runner-extension/dist/extension.js (mocha inside)
//   test/e2e/suite/NAME.test.ts                -> test/e2e/runner-extension/dist/suite/NAME.test.js
// as CommonJS for the extension host, with `vscode` external and inline source maps (failures point
// at the .ts lines). dist/ is gitignored.
//
// Run by hand: node --import tsx test/e2e/harness/bundle.ts

import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const E2E_DIR = join(REPO_ROOT, 'test', 'e2e');
export const RUNNER_EXTENSION_DIR = join(E2E_DIR, 'runner-extension');
export const SUITE_SRC_DIR = join(E2E_DIR, 'suite');

export interface E2EBundle {
  /** The runner extension folder (package.json + dist/), ready to copy into an extensions folder. */
  extensionDir: string;
  /** The runner's bundle: main of the extension and extensionTestsPath for @vscode/test-electron. */
  main: string;
  /** Bundled suite files. */
  suites: string[];
}

export async function bundleE2E(): Promise<E2EBundle> {
  const dist = join(RUNNER_EXTENSION_DIR, 'dist');
  rmSync(dist, { recursive: true, force: true });
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'error',
    absWorkingDir: REPO_ROOT,
  };
  await build({
    ...common,
    entryPoints: { extension: join(RUNNER_EXTENSION_DIR, 'src', 'extension.ts') },
    outdir: dist,
    // Mocha loads the suite files with require() at run time; esbuild must leave those calls alone.
    logOverride: { 'unsupported-require-call': 'silent', 'unsupported-dynamic-import': 'silent' },
  });
  const suiteNames = readdirSync(SUITE_SRC_DIR)
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  const entryPoints = Object.fromEntries(suiteNames.map((f) => [f.replace(/\.ts$/, ''), join(SUITE_SRC_DIR, f)]));
  if (suiteNames.length > 0) await build({ ...common, entryPoints, outdir: join(dist, 'suite') });
  // Where the bundles were made: the runner maps stack frames through the inline source maps, whose
  // paths are relative to this folder, also after the extension was copied elsewhere.
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'bundle-info.json'), JSON.stringify({ suiteDir: join(dist, 'suite'), repoRoot: REPO_ROOT }, null, 2) + '\n');
  return {
    extensionDir: RUNNER_EXTENSION_DIR,
    main: join(dist, 'extension.js'),
    suites: suiteNames.map((f) => join(dist, 'suite', f.replace(/\.ts$/, '.js'))),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const b = await bundleE2E();
  console.log(`e2e bundle: ${b.main} and ${b.suites.length} suite file(s) in ${join(b.extensionDir, 'dist', 'suite')}`);
}
