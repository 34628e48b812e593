/**
 * Generates grammars/haproxy.tmLanguage.json and grammars/keepalived.tmLanguage.json from the keyword knowledge
 * in server/src/knowledge, so the highlighting knows the same keywords as the checks. The JSON files are
 * committed (the extension ships them as they are); test/grammars.test.ts fails when they are stale.
 *
 *   node --import tsx scripts/gen-grammars.ts           write the files
 *   node --import tsx scripts/gen-grammars.ts --check   exit 1 if they are stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { haproxyGrammar } from './grammars/haproxy.js';
import { keepalivedGrammar } from './grammars/keepalived.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Path relative to the repository root → wanted content. */
export function grammarFiles(): Record<string, string> {
  return {
    'grammars/haproxy.tmLanguage.json': `${JSON.stringify(haproxyGrammar(), null, 2)}\n`,
    'grammars/keepalived.tmLanguage.json': `${JSON.stringify(keepalivedGrammar(), null, 2)}\n`,
  };
}

if (process.argv[1]?.endsWith('gen-grammars.ts')) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [path, text] of Object.entries(grammarFiles())) {
    let current = '';
    try {
      current = readFileSync(ROOT + path, 'utf8');
    } catch {
      /* missing: stale */
    }
    if (current === text) continue;
    stale = true;
    if (!check) writeFileSync(ROOT + path, text);
  }
  if (check && stale) {
    console.error('grammars are stale: run `node --import tsx scripts/gen-grammars.ts`');
    process.exit(1);
  }
}
