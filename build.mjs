// Bundles the CLI, the language server and the extension client into dist/ as CommonJS (chevrotain is
// ESM-only, and VS Code loads extensions with require). `--production` minifies and drops source maps.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const entries = { cli: 'server/src/cli.ts' };
if (existsSync('server/src/main.ts')) entries.server = 'server/src/main.ts';
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
});
