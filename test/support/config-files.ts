/** The configs tests run over in bulk: the rule fixtures and the real-world corpus, each with its language. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { detectLanguage } from '../../server/src/workspace/detect.js';
import type { Language } from '../../server/src/workspace/types.js';
import { corpusFiles, REPO_ROOT, type CorpusKind } from './corpus.js';

export interface ConfigFile {
  readonly path: string;
  readonly text: string;
  readonly language: Language;
}

function read(path: string, language?: Language): ConfigFile | undefined {
  const text = readFileSync(path, 'utf8');
  const lang = language ?? detectLanguage(path, () => text);
  return lang && !text.includes('\0') ? { path, text, language: lang } : undefined;
}

/** Every HAProxy or keepalived file under test/fixtures (language from name or content). */
export function fixtureConfigs(): ConfigFile[] {
  const out: ConfigFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const file = read(path);
        if (file) out.push(file);
      }
    }
  };
  walk(join(REPO_ROOT, 'test', 'fixtures'));
  return out;
}

/** The corpus files of one kind (their folder names the language; templates are detected); [] when absent. */
export function corpusConfigs(kind: CorpusKind): ConfigFile[] {
  return corpusFiles(kind)
    .map((path) => {
      const folder = basename(dirname(path));
      return read(path, folder === 'haproxy' || folder === 'keepalived' ? folder : undefined);
    })
    .filter((f): f is ConfigFile => f !== undefined);
}
