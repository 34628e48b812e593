/**
 * Fixture annotations: an expected diagnostic is written as a comment on the line below the code it concerns.
 *
 *     auth_pass abcdefghij
 * #             ^^^^^^^^^^ warning[auth-pass-too-long]: auth_pass has 10 characters: ...
 *
 * Carets give the columns (in the line above); `# <-- severity[code]: message` anchors at column 0 of the line
 * above, without checking where the range ends; `# @ severity[code]: message` anchors at column 0 of its own line
 * (for findings on a last line that cannot be followed by another). The line is the nearest non-annotation line above. Messages are
 * compared exactly. Every finding must be annotated: unmatched annotations are "missing", the rest "unexpected".
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Expectation {
  readonly file: string;
  /** 0-based. */
  readonly line: number;
  readonly startColumn: number;
  /** Undefined for `<--` annotations. */
  readonly endColumn?: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

export interface Actual {
  readonly file: string;
  readonly line: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

const ANNOTATION = /^(\s*[#!])(\s*)(\^+|<--|@)\s+(error|warning|information|hint)\[([a-z0-9-]+)\]: (.*)$/;

export function isAnnotation(line: string): boolean {
  return ANNOTATION.test(line);
}

export function parseAnnotations(file: string, text: string): Expectation[] {
  const out: Expectation[] = [];
  const lines = text.split('\n');
  let target = -1;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const m = ANNOTATION.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const marker = m[3]!;
    if (target < 0 && marker !== '@') throw new Error(`${file}:${i + 1}: annotation with no line above it`);
    const anchored = marker === '<--' || marker === '@';
    const col = m[1]!.length + m[2]!.length;
    out.push({
      file,
      line: marker === '@' ? i : target,
      startColumn: anchored ? 0 : col,
      endColumn: anchored ? undefined : col + marker.length,
      severity: m[4]!,
      code: m[5]!,
      message: m[6]!,
    });
  });
  return out;
}

function matches(e: Expectation, a: Actual): boolean {
  return (
    e.file === a.file &&
    e.line === a.line &&
    e.startColumn === a.startColumn &&
    (e.endColumn === undefined || (a.endLine === a.line && e.endColumn === a.endColumn)) &&
    e.severity === a.severity &&
    e.code === a.code &&
    e.message === a.message
  );
}

/** Compares expectations with findings; returns a readable report, or undefined when they agree. */
export function compare(expected: readonly Expectation[], actual: readonly Actual[]): string | undefined {
  const remaining = [...actual];
  const missing: Expectation[] = [];
  for (const e of expected) {
    const i = remaining.findIndex((a) => matches(e, a));
    if (i === -1) missing.push(e);
    else remaining.splice(i, 1);
  }
  if (missing.length === 0 && remaining.length === 0) return undefined;
  const show = (x: { file: string; line: number; startColumn: number; severity: string; code: string; message: string }, end?: number) =>
    `  ${x.file}:${x.line + 1}:${x.startColumn + 1}${end !== undefined ? `-${end + 1}` : ''} ${x.severity}[${x.code}]: ${x.message}`;
  return [
    ...(missing.length ? ['missing (expected, not reported):', ...missing.map((e) => show(e, e.endColumn))] : []),
    ...(remaining.length ? ['unexpected (reported, not annotated):', ...remaining.map((a) => show(a, a.endColumn))] : []),
  ].join('\n');
}

/** Every file below a folder, as paths relative to it. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
