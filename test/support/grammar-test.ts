/**
 * Runs the TextMate grammars in grammars/ with vscode-textmate + vscode-oniguruma (the engine VS Code uses) and
 * checks syntax-test files, a small version of the format VS Code grammar tests use:
 *
 *     # SYNTAX TEST source.haproxy
 *     frontend fe
 *     # <-------- keyword.control.section.haproxy
 *     #        ^^ entity.name.section.haproxy - keyword.control.section.haproxy
 *
 * - The first line names the grammar's scopeName.
 * - An assertion line starts with `#`, then markers: `^` under each column to check, or `<` followed by n dashes
 *   for columns 0..n-1 (which a `^` cannot reach: the `#` is there). It refers to the closest source line above.
 * - After the markers: scopes every marked column's token must have (exact names in its scope stack), then
 *   optionally `-` and scopes it must not have.
 * - Assertion lines are not fed to the grammar, so they cannot disturb multi-line constructs. Any other line,
 *   comments included, is source.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import textmate from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);

export const GRAMMAR_FILES: Record<string, URL> = {
  'source.haproxy': new URL('../../grammars/haproxy.tmLanguage.json', import.meta.url),
  'source.keepalived': new URL('../../grammars/keepalived.tmLanguage.json', import.meta.url),
};

let onig: Promise<void> | undefined;

/** Loads the Oniguruma WebAssembly once per process. */
export function loadOniguruma(): Promise<void> {
  onig ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return onig;
}

let registry: textmate.Registry | undefined;

export async function loadGrammar(scopeName: string): Promise<textmate.IGrammar> {
  await loadOniguruma();
  registry ??= new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (name: string) => {
      const url = GRAMMAR_FILES[name];
      return url ? textmate.parseRawGrammar(readFileSync(url, 'utf8'), url.pathname) : null;
    },
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

export interface LineTokens {
  line: string;
  tokens: textmate.IToken[];
}

/** Tokenizes lines in order, carrying the rule stack like the editor does. */
export function tokenizeLines(grammar: textmate.IGrammar, lines: readonly string[]): LineTokens[] {
  let stack = textmate.INITIAL;
  return lines.map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return { line, tokens: r.tokens };
  });
}

export interface Assertion {
  /** 1-based line of the assertion in the test file. */
  at: number;
  columns: number[];
  present: string[];
  absent: string[];
}

export interface SyntaxTest {
  scopeName: string;
  /** Source lines (assertion lines removed), with their 1-based line in the test file. */
  source: { text: string; at: number; assertions: Assertion[] }[];
}

const ASSERTION = /^#\s*(?:\^|<-)/;

export function parseSyntaxTest(text: string): SyntaxTest {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = /^# SYNTAX TEST (\S+)\s*$/.exec(lines[0] ?? '');
  if (!header) throw new Error('first line must be `# SYNTAX TEST <scopeName>`');
  const test: SyntaxTest = { scopeName: header[1]!, source: [] };
  lines.forEach((line, i) => {
    if (i === 0) return;
    if (!ASSERTION.test(line)) {
      test.source.push({ text: line, at: i + 1, assertions: [] });
      return;
    }
    const target = test.source[test.source.length - 1];
    if (!target) throw new Error(`line ${i + 1}: assertion before any source line`);
    target.assertions.push(parseAssertion(line, i + 1));
  });
  return test;
}

function parseAssertion(line: string, at: number): Assertion {
  let columns: number[];
  let rest: string;
  const arrow = /^#\s*<(-+)(.*)$/.exec(line);
  if (arrow) {
    columns = [...Array(arrow[1]!.length).keys()];
    rest = arrow[2]!;
  } else {
    const markers = /^#[ \t^]*/.exec(line)![0];
    columns = [...markers].flatMap((c, i) => (c === '^' ? [i] : []));
    rest = line.slice(markers.length);
  }
  const [pos, neg] = rest.split(/\s-\s|^-\s/, 2);
  const words = (s: string | undefined) => (s ?? '').trim().split(/\s+/).filter(Boolean);
  const a: Assertion = { at, columns, present: words(pos), absent: words(neg) };
  if (a.present.length + a.absent.length === 0) throw new Error(`line ${at}: assertion without scopes`);
  return a;
}

/** Checks every assertion; returns one message per failure. */
export function checkSyntaxTest(grammar: textmate.IGrammar, test: SyntaxTest, file: string): string[] {
  const tokenized = tokenizeLines(
    grammar,
    test.source.map((s) => s.text),
  );
  const failures: string[] = [];
  test.source.forEach((src, i) => {
    const { tokens } = tokenized[i]!;
    for (const a of src.assertions) {
      for (const col of a.columns) {
        const token = tokens.find((t) => t.startIndex <= col && col < t.endIndex);
        const where = `${file}:${a.at} (line ${src.at}, column ${col + 1} '${src.text[col] ?? ''}')`;
        if (!token || col >= src.text.length) {
          failures.push(`${where}: no token there`);
          continue;
        }
        const missing = a.present.filter((s) => !token.scopes.includes(s));
        const unwanted = a.absent.filter((s) => token.scopes.includes(s));
        if (missing.length || unwanted.length) {
          const text = src.text.slice(token.startIndex, token.endIndex);
          failures.push(`${where}: token '${text}' has [${token.scopes.join(' ')}]` + (missing.length ? `; missing ${missing.join(' ')}` : '') + (unwanted.length ? `; unwanted ${unwanted.join(' ')}` : ''));
        }
      }
    }
  });
  return failures;
}
