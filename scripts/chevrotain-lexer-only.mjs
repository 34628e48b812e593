// An esbuild plugin: bundles only chevrotain's lexer (createToken and Lexer, all hapair uses of it) instead of the
// whole package. The package's entry point also brings in the parser engine, whose modules set themselves up when
// loaded (mixins applied to its classes, among others): some 150 KB and 3–4 ms of every `hapair` run and server
// start, for code hapair never calls. The package exports only its entry point, so the plugin reaches the two
// files by their place next to it. A new value imported from 'chevrotain' fails the build ("No matching export")
// until it is added here.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const source = dirname(createRequire(import.meta.url).resolve('chevrotain'));

/** @type {import('esbuild').Plugin} */
export const chevrotainLexerOnly = {
  name: 'chevrotain-lexer-only',
  setup(build) {
    build.onResolve({ filter: /^chevrotain$/ }, () => ({ path: 'chevrotain', namespace: 'chevrotain-lexer-only' }));
    build.onLoad({ filter: /.*/, namespace: 'chevrotain-lexer-only' }, () => ({
      contents: [
        `export { Lexer } from ${JSON.stringify(join(source, 'scan', 'lexer_public.js'))};`,
        `export { createToken } from ${JSON.stringify(join(source, 'scan', 'tokens_public.js'))};`,
      ].join('\n'),
      resolveDir: source,
      loader: 'js',
    }));
  },
};
