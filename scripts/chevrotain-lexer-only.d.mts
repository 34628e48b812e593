import type { Plugin } from 'esbuild';

/** See chevrotain-lexer-only.mjs. */
export declare const chevrotainLexerOnly: Plugin;
