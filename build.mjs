// Bundles the CLI, the language server and the extension client into dist/ as CommonJS (chevrotain is
// ESM-only, and VS Code loads extensions with require). `--production` minifies and drops source maps.
//
// dist/cli.js and dist/server.js, the programs users and editors start, are launchers of a few lines: on a Node
// that has it (22.1 and later; VS Code and code-server run the server on Node 24) they turn on V8's compile
// cache before loading the bundle, so every start after the first skips compiling about a megabyte of
// JavaScript: some 20 ms of each `hapair` run and server start. Elsewhere they just load the bundle.
//
// They also set a few V8 flags first, on the V8 versions they were measured with: scripts/v8-flags.mjs says which
// and why.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { chevrotainLexerOnly } from './scripts/chevrotain-lexer-only.mjs';
import { launcherFlagLines } from './scripts/v8-flags.mjs';

const production = process.argv.includes('--production');
/** Launcher name → its bundle's entry point. */
const launched = { cli: 'server/src/cli.ts', server: 'server/src/main.ts' };
const entries = Object.fromEntries(Object.entries(launched).map(([name, entry]) => [`${name}-bundle`, entry]));
if (existsSync('client/src/extension.ts')) {
  entries.client = 'client/src/extension.ts';
  // The language client library is loaded after activation (see client/src/extension.ts): its own bundle.
  entries['language-client'] = 'client/src/language-client.ts';
}

mkdirSync('dist', { recursive: true });
// The repository is an ES module package; the bundles are CommonJS.
writeFileSync('dist/package.json', JSON.stringify({ type: 'commonjs' }) + '\n');
await build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', './language-client.js'],
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  banner: { js: '' },
  plugins: [chevrotainLexerOnly],
});

// A development build's maps would otherwise stay beside the minified bundles and map them wrongly (in a profile).
if (production) for (const name of Object.keys(entries)) rmSync(`dist/${name}.js.map`, { force: true });

for (const name of Object.keys(launched)) {
  const file = `dist/${name}.js`;
  const launcher = [
    '#!/usr/bin/env node',
    "'use strict';",
    ...launcherFlagLines(),
    "require('node:module').enableCompileCache?.();",
    `require('./${name}-bundle.js');`,
  ];
  writeFileSync(file, launcher.join('\n') + '\n');
  chmodSync(file, 0o755);
}
