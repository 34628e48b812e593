#!/usr/bin/env node
/**
 * `hapair` command line: `hapair check` reports findings like a compiler, `hapair peer` prints the peer config.
 * No LSP code here: the CLI and the language server share workspace/, rules/ and peer/.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve, relative, sep } from 'node:path';
import { nodeFileSystem } from './workspace/node-fs.js';
import { CachedFileSystem } from './workspace/cached-fs.js';
import { Workspace } from './workspace/workspace.js';
import { languageFromContent, languageFromName } from './workspace/detect.js';
import type { Language } from './workspace/types.js';
import { analyze } from './analysis/analyze.js';
import { normalizeSettings } from './analysis/settings.js';
import { NEWEST } from './knowledge/versions.js';
import { PeerError } from './peer/generate.js';
import { peerForFile } from './peer/for-file.js';
import { formatJson, formatProblem, formatSarif, formatText, summary, type Located } from './cli/format.js';
import { maskSecrets, secretsOf } from './analysis/secrets.js';
import { parseArgs, UsageError } from './cli/args.js';

const VERSION = '0.1.0';

const HELP = `hapair ${VERSION}: checks HAProxy and keepalived configs of a load-balancer pair together

Usage:
  hapair check [--format text|json|sarif] [--language haproxy|keepalived]
               [--haproxy-version V] [--keepalived-version V] [--include-dir DIR]... [PATH...]
      Check files and folders (default: .). Folders are searched for haproxy.cfg / keepalived.conf files;
      those found and those named are grouped into nodes and VRRP peers by their folders, so naming a node's
      two files (/etc/keepalived/keepalived.conf /etc/haproxy/haproxy.cfg) cross-checks them.
      The versions (default: newest known, HAProxy ${NEWEST.haproxy}, keepalived ${NEWEST.keepalived}) decide which keywords exist.
      keepalived includes are followed only inside the checked folders and the --include-dir folders.
  hapair peer FILE [--priority N] [--src-ip IP] [--peer-ip IP] [--router-id ID] [-o OUT [--force]]
      Print the config of FILE's peer node: for keepalived, MASTER ⇄ BACKUP changing only what must differ;
      for HAProxy, a copy whose binds on this node's own address move to the peer's (addresses from the
      node's keepalived config, or --peer-ip for this node and --src-ip for the new one).
  hapair --version | --help

Exit status: 0 no errors, 1 errors found (in the configs or in hapair.json), 2 usage or I/O problem.`;

class IoError extends Error {}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path) || '.';
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}

function toPosix(path: string): string {
  return resolve(path).split(sep).join('/');
}

function runCheck(argv: string[]): number {
  const args = parseArgs(argv, { '--format': true, '--language': true, '--haproxy-version': true, '--keepalived-version': true, '--include-dir': true }, { '-f': '--format' });
  const { settings, problems } = normalizeSettings({ versions: { haproxy: args.flags.get('--haproxy-version'), keepalived: args.flags.get('--keepalived-version') } });
  // A mistyped version is a usage error here, not a silent fallback as in the editor.
  if (problems.length > 0) throw new UsageError(problems[0]!.replace(/; using .*$/, ''));
  const format = (args.flags.get('--format') as string | undefined) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format '${format}' (use text, json or sarif)`);
  const forced = args.flags.get('--language') as Language | undefined;
  if (forced !== undefined && forced !== 'haproxy' && forced !== 'keepalived') throw new UsageError(`unknown language '${String(forced)}' (use haproxy or keepalived)`);
  const paths = (args.positional.length > 0 ? args.positional : ['.']).map(toPosix);
  // The workspace asks for a file's text again at each step of a check: from the disk, each file is read once.
  const disk = new CachedFileSystem(nodeFileSystem);

  // Includes are followed inside the checked folders, and inside folders the user allows explicitly.
  const roots = [...paths.map((p) => (disk.kind(p) === 'dir' ? p : p.slice(0, p.lastIndexOf('/')) || '/')), ...(args.lists.get('--include-dir') ?? []).map(toPosix)];
  const ws = new Workspace(disk, roots);
  let fileCount = 0;
  for (const path of paths) {
    const kind = disk.kind(path);
    if (kind === 'dir') {
      fileCount += ws.discover(path);
    } else if (kind === 'file') {
      const content = disk.readFile(path);
      if (!content) throw new IoError(`cannot read ${displayPath(path)}`);
      const language = forced ?? languageFromName(path) ?? (content.binary ? undefined : languageFromContent(content.text));
      if (!language) throw new UsageError(`cannot tell whether ${displayPath(path)} is a HAProxy or keepalived config; use --language haproxy|keepalived`);
      // Grouped with the other files as if found in a folder: a node's two files, named, are cross-checked.
      ws.addFile(path, language, false);
      fileCount++;
    } else {
      throw new IoError(`no such file or directory: ${displayPath(path)}`);
    }
  }
  const wsProblems = ws.problems;
  for (const problem of wsProblems) process.stderr.write(`hapair: ${formatProblem(problem, displayPath)}\n`);

  const { findings, problems: layoutProblems } = analyze(ws, settings, displayPath);
  for (const problem of layoutProblems ?? []) process.stderr.write(`hapair: ${formatProblem(problem, displayPath)}\n`);
  // No secret of any file the finding touches reaches the output, in the message or in the quoted source line.
  const located: Located[] = findings.map((f) => {
    const secrets = [f.file, ...(f.related ?? []).map((r) => r.file)].flatMap(secretsOf);
    const finding = secrets.length === 0 ? f : { ...f, message: maskSecrets(f.message, secrets), related: f.related?.map((r) => ({ ...r, message: maskSecrets(r.message, secrets) })) };
    return { finding, file: displayPath(f.file.uri), range: f.file.lines().rangeOf(f.span), secrets };
  });
  if (format === 'json') process.stdout.write(formatJson(located) + '\n');
  else if (format === 'sarif') process.stdout.write(formatSarif(located, VERSION, displayPath) + '\n');
  else {
    const body = formatText(located, process.stdout.isTTY === true, displayPath);
    process.stdout.write((body ? body + '\n' : '') + summary(located, fileCount) + '\n');
  }
  return findings.some((f) => f.severity === 'error') || wsProblems.some((p) => p.severity === 'error') ? 1 : 0;
}

function intFlag(args: ReturnType<typeof parseArgs>, name: string): number | undefined {
  const v = args.flags.get(name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) throw new UsageError(`${name} needs a whole number`);
  return Number(v);
}

function runPeer(argv: string[]): number {
  const args = parseArgs(argv, { '--priority': true, '--src-ip': true, '--peer-ip': true, '--router-id': true, '-o': true, '--force': false }, { '--output': '-o' });
  if (args.positional.length !== 1) throw new UsageError('hapair peer needs exactly one keepalived config file');
  const path = toPosix(args.positional[0]!);
  const disk = new CachedFileSystem(nodeFileSystem);
  if (disk.kind(path) !== 'file') throw new IoError(`no such file: ${displayPath(path)}`);
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const content = disk.readFile(path);
  if (!content || content.binary) throw new IoError(`${displayPath(path)} is not a readable text file`);
  const language = languageFromName(path) ?? languageFromContent(content.text) ?? 'keepalived';
  const ws = new Workspace(disk, [dir]);
  if (language === 'haproxy') {
    // The node's keepalived config says which address is this node's own: beside the file, or in ../keepalived/.
    ws.discover(dir, 50);
    if (dir.endsWith('/haproxy')) ws.discover(dir.slice(0, -'haproxy'.length) + 'keepalived', 50);
  }
  ws.addFile(path, language, false);
  const result = peerForFile(ws, path, language, {
    priority: intFlag(args, '--priority'),
    srcIp: args.flags.get('--src-ip') as string | undefined,
    peerIp: args.flags.get('--peer-ip') as string | undefined,
    routerId: args.flags.get('--router-id') as string | undefined,
  });
  for (const w of result.warnings) process.stderr.write(`hapair: warning: ${w}\n`);
  const out = args.flags.get('-o') as string | undefined;
  if (out === undefined) {
    process.stdout.write(result.text);
    // Someone at a terminal should see what changed (a dropped nopreempt is easy to miss); pipes stay clean.
    if (process.stderr.isTTY) for (const c of result.changes) process.stderr.write(`  ${c}\n`);
    return 0;
  }
  if (existsSync(out) && !args.flags.has('--force')) throw new IoError(`${out} exists; add --force to overwrite it`);
  try {
    writeFileSync(out, result.text);
  } catch (e) {
    throw new IoError(`cannot write ${out}: ${(e as Error).message}`);
  }
  for (const c of result.changes) process.stderr.write(`  ${c}\n`);
  process.stderr.write(`hapair: wrote ${out}\n`);
  return 0;
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'check') return runCheck(rest);
    if (command === 'peer') return runPeer(rest);
    if (command === '--version' || command === '-V') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(HELP + '\n');
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command '${command}' (use check or peer)`);
  } catch (e) {
    if (e instanceof UsageError) process.stderr.write(`hapair: ${e.message}\nTry 'hapair --help'.\n`);
    else if (e instanceof IoError || e instanceof PeerError) process.stderr.write(`hapair: ${e.message}\n`);
    else process.stderr.write(`hapair: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return e instanceof PeerError ? 1 : 2;
  }
}

process.exitCode = main(process.argv.slice(2));
