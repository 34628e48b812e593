/**
 * hapair.json: nodes and clusters stated explicitly, for layouts the folder names do not tell. A manifest that
 * cannot be read as one is refused with a problem placed where it is wrong (the folder layout is used instead);
 * one that names files the workspace does not check as configs of that kind is used, with a problem per file.
 */
// The ESM build: the package's `main` is a UMD build that loads its parts with a require bundlers cannot follow.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError, type JSONPath } from 'jsonc-parser/lib/esm/main.js';
import { sourceFile, type SourceFile, type Span } from '../syntax/text.js';
import { dirname, join } from './paths.js';
import type { Language, WorkspaceProblem } from './types.js';

export const MANIFEST_NAME = 'hapair.json';

export interface ManifestNode {
  name?: string;
  keepalived: string;
  haproxy?: string[];
  configId?: string;
}

export interface Manifest {
  readonly source: SourceFile;
  /** The parsed text, to place problems with the files it names. */
  readonly tree: JsonNode;
  /** Folder the manifest's relative paths start from. */
  readonly dir: string;
  readonly clusters: ReadonlyArray<{ name?: string; nodes: ManifestNode[] }>;
}

/** A node's name when the manifest gives none: its keepalived file, and the config-id chosen in it. */
export function defaultNodeName(file: string, configId: string | undefined): string {
  return configId === undefined ? file : `${file}@${configId}`;
}

/** What each syntax error means, in words (jsonc-parser names them by code only). */
const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'a character JSON does not allow here',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: "':' is expected after the property name",
  CommaExpected: "',' is expected between two values",
  CloseBraceExpected: "'}' is expected",
  CloseBracketExpected: "']' is expected",
  EndOfFileExpected: 'nothing may follow the value',
  InvalidCommentToken: 'JSON has no comments',
  UnexpectedEndOfComment: 'JSON has no comments',
  UnexpectedEndOfString: 'the string is not closed',
  UnexpectedEndOfNumber: 'the number is not finished',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'an escape JSON does not know',
  InvalidCharacter: 'a control character inside a string',
};

/** The first syntax error in words, where it is. A comma before a closing bracket is the usual one: said as such. */
function syntaxError(text: string, error: ParseError): { message: string; span: Span } {
  const span = { start: error.offset, end: error.offset + Math.max(1, error.length) };
  const before = text.slice(0, error.offset).trimEnd();
  if (before.endsWith(',') && /^\s*[\]}]/.test(text.slice(error.offset))) return { message: 'a comma before the closing bracket, which JSON does not allow', span: { start: before.length - 1, end: before.length } };
  return { message: SYNTAX[printParseErrorCode(error.error)] ?? 'not valid JSON', span };
}

/** Reads hapair.json; what cannot be read as a manifest becomes a problem (an error), never an exception. */
export function parseManifest(path: string, text: string): Manifest | WorkspaceProblem {
  const source = sourceFile(path, text);
  const refuse = (message: string, span: Span): WorkspaceProblem => ({ path, at: { file: source, span }, severity: 'error', message });
  const body = withoutMark(text);
  if (body.trim() === '') return refuse('the file is empty: a manifest needs a "clusters" array', { start: 0, end: 0 });
  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors[0] || !tree) {
    const { message, span } = errors[0] ? syntaxError(body, errors[0]) : { message: 'not valid JSON', span: { start: 0, end: 0 } };
    return refuse(`not valid JSON: ${message}`, span);
  }
  const place = (where: JSONPath) => placeIn(tree, where);
  // The values from the same parse: the syntax is strict JSON (no comments, no trailing commas).
  const raw: unknown = getNodeValue(tree);
  const clusters = isObject(raw) ? raw.clusters : undefined;
  if (!Array.isArray(clusters)) return refuse('a manifest needs a "clusters" array', place(['clusters']));
  const clusterNames = new Set<string>();
  for (const [ci, cluster] of clusters.entries()) {
    const at = (...steps: JSONPath) => place(['clusters', ci, ...steps]);
    if (!isObject(cluster) || !Array.isArray(cluster.nodes)) return refuse('a cluster needs a "nodes" array', at('nodes'));
    if (!optionalString(cluster.name)) return refuse('a cluster\'s "name" is a string', at('name'));
    // Clusters are told apart by name: two with one name would be searched for peers as one.
    if (typeof cluster.name === 'string') {
      if (clusterNames.has(cluster.name)) return refuse(`two clusters are named "${cluster.name}": each cluster needs a name of its own`, at('name'));
      clusterNames.add(cluster.name);
    }
    const names = new Set<string>();
    for (const [ni, node] of cluster.nodes.entries()) {
      const field = (key: string) => at('nodes', ni, key);
      if (!isObject(node) || typeof node.keepalived !== 'string') return refuse('a node needs a "keepalived" file name', field('keepalived'));
      if (!optionalString(node.name)) return refuse('a node\'s "name" is a string', field('name'));
      if (!optionalString(node.configId)) return refuse('a node\'s "configId" is a string', field('configId'));
      if (!(node.haproxy === undefined || (Array.isArray(node.haproxy) && node.haproxy.every((h) => typeof h === 'string')))) return refuse('a node\'s "haproxy" is an array of file names', field('haproxy'));
      // Findings, peer groups and what the analysis keeps between runs all go by the node's name within its cluster.
      const name = typeof node.name === 'string' ? node.name : defaultNodeName(join(dirname(path), node.keepalived), node.configId as string | undefined);
      if (names.has(name)) {
        return typeof node.name === 'string'
          ? refuse(`two nodes of this cluster are named "${name}": each node needs a name of its own`, field('name'))
          : refuse(`this cluster lists ${node.keepalived}${node.configId === undefined ? '' : ` with config-id ${String(node.configId)}`} twice`, field('keepalived'));
      }
      names.add(name);
    }
  }
  return { source, tree, dir: dirname(path), clusters: clusters as Manifest['clusters'] };
}

/** A file a manifest names: where it is, as written, the config it is said to be, and where it is said. */
export interface NamedFile {
  readonly path: string;
  readonly name: string;
  readonly language: Language;
  readonly where: JSONPath;
}

/** Every file a manifest names: each node's keepalived config, then its HAProxy files. */
export function namedFiles(manifest: Manifest): NamedFile[] {
  const named = (name: string, language: Language, where: JSONPath): NamedFile => ({ path: join(manifest.dir, name), name, language, where });
  return manifest.clusters.flatMap((cluster, ci) =>
    cluster.nodes.flatMap((node, ni) => [
      named(node.keepalived, 'keepalived', ['clusters', ci, 'nodes', ni, 'keepalived']),
      ...(node.haproxy ?? []).map((h, hi) => named(h, 'haproxy', ['clusters', ci, 'nodes', ni, 'haproxy', hi])),
    ]),
  );
}

/**
 * What is wrong with the files a manifest names, given what the workspace checks: a node without its keepalived
 * config is left out of every cross-check, and so are HAProxy files that are not read. `kindOf` says whether a path
 * is a file or folder, `languageOf` which config the workspace reads it as.
 */
export function manifestFileProblems(manifest: Manifest, kindOf: (path: string) => 'file' | 'dir' | undefined, languageOf: (path: string) => Language | undefined): WorkspaceProblem[] {
  const { source, tree } = manifest;
  const problems: WorkspaceProblem[] = [];
  for (const { path, name, language, where } of namedFiles(manifest)) {
    const read = languageOf(path);
    if (read === language) continue;
    const kind = kindOf(path);
    const what = languageName(language);
    const message =
      kind === undefined ? `${name} does not exist`
      : kind === 'dir' ? `${name} is a folder, not a ${what} config`
      : read !== undefined ? `${name} reads as a ${languageName(read)} config, not a ${what} one`
      : `${name} is outside the folders being checked`;
    // Without its keepalived config a node is no node at all; without a HAProxy file it is checked with the others.
    const effect = language === 'keepalived' ? 'the node is left out of the checks' : 'the node is checked without it';
    problems.push({ path: source.uri, at: { file: source, span: placeIn(tree, where) }, severity: 'warning', message: `${message}: ${effect}` });
  }
  return problems;
}

const languageName = (language: Language) => (language === 'haproxy' ? 'HAProxy' : 'keepalived');

/**
 * The text with a byte-order mark (which some editors write, and JSON.parse refuses) as a space: no reason to refuse
 * the file, and every offset stays where it is.
 */
function withoutMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

/**
 * Where the value at `where` is written: the whole value, or only the opening bracket of an object or array (not a
 * squiggle over many lines). For a member that is missing, the deepest value on the way that exists.
 */
function placeIn(tree: JsonNode | undefined, where: JSONPath): Span {
  let node = tree;
  for (let depth = where.length; depth > 0; depth--) {
    const found = tree && findNodeAtLocation(tree, where.slice(0, depth));
    if (found) {
      node = found;
      break;
    }
  }
  if (!node) return { start: 0, end: 0 };
  return { start: node.offset, end: node.offset + (node.type === 'object' || node.type === 'array' ? 1 : node.length) };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function optionalString(x: unknown): boolean {
  return x === undefined || typeof x === 'string';
}
