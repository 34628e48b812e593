/**
 * Protocol-level fuzzing: the bundled server (dist/server.js --stdio), started as editors start it, on a
 * workspace folder on disk. Random documents are opened (workspace files, new files, untitled buffers), changed a
 * few times and closed. After every step the peer command serves as a barrier (the server answers it only after
 * the pending analysis has run and its diagnostics were sent), then every published diagnostic must lie inside
 * the document it was published for, as the client knows it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../support/lsp-client.js';
import { ROOT, type FuzzCase } from './case.js';
import { generateCase } from './generate.js';
import type { CrashRecord } from './harness.js';
import { mutate } from './mutate.js';
import { Rng } from './rng.js';
import type { Seeds } from './seeds.js';
import { rangeProblem } from './targets.js';

export const SERVER = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

export interface ProtocolOptions {
  readonly seed: number;
  /** How many documents to open, each changed one to three times. */
  readonly documents: number;
  readonly seeds: Seeds;
  /** Per-request limit: a server that stops answering has hung. */
  readonly timeoutMs?: number;
}

/** Every file the fuzzer touched, its latest text as the client knows it. */
type Texts = Map<string, string>;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (server hung or died)`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export async function fuzzProtocol(o: ProtocolOptions): Promise<CrashRecord | undefined> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
  const timeoutMs = o.timeoutMs ?? 30_000;
  const rng = new Rng(o.seed ^ 0x1f2e3d4c, 7);
  const root = mkdtempSync(join(tmpdir(), 'hapair-fuzz-lsp-'));
  const texts: Texts = new Map();
  const uriOf = (rel: string) => `file://${root}/${rel}`;
  // The workspace on disk: a generated node pair, as the first workspace case the generator makes.
  let disk: FuzzCase | undefined;
  for (let k = 0; !disk; k++) {
    const c = generateCase(new Rng(o.seed, 1_000_000 + k), o.seeds);
    if (c.files.length >= 2 && c.files.every((f) => f.path.startsWith(`${ROOT}/`) && !f.text.includes('\0'))) disk = c;
  }
  for (const f of disk.files) {
    const rel = f.path.slice(ROOT.length + 1);
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), f.text);
    // As the server will read it back (a lone surrogate becomes U+FFFD in UTF-8).
    texts.set(uriOf(rel), readFileSync(join(root, rel), 'utf8'));
  }
  const log: string[] = [];
  const fail = (message: string, stack?: string): CrashRecord => ({
    description: `lsp.protocol: ${message.split('\n')[0]}`,
    failure: { target: 'lsp.protocol', kind: stack ? 'exception' : 'invalid', message, ...(stack ? { stack } : {}) },
    found: `protocol fuzz, seed ${o.seed}; steps:\n${log.slice(-20).join('\n')}`,
    case: disk,
  });

  let client: LspClient | undefined;
  let exited: string | undefined;
  try {
    client = await LspClient.start(SERVER, root, {});
    client.connection.onClose(() => (exited ??= 'the connection closed (server exited)'));
    const barrier = async (uri: string, language: string) => {
      const result = (await withTimeout(
        client!.connection.sendRequest('workspace/executeCommand', { command: 'hapair.server.generatePeer', arguments: [{ uri, language }] }),
        timeoutMs,
        `generatePeer on ${uri}`,
      )) as { ok?: unknown; text?: unknown; message?: unknown } | null;
      if (!result || (result.ok === true ? typeof result.text !== 'string' : typeof result.message !== 'string')) throw new Error(`malformed peer command result: ${JSON.stringify(result)?.slice(0, 200)}`);
    };
    const checkAll = (): string | undefined => {
      for (const [uri, diagnostics] of client!.diagnostics) {
        const text = texts.get(uri) ?? (uri.startsWith('file://') && existsSync(fileURLToPath(uri)) ? readFileSync(fileURLToPath(uri), 'utf8') : undefined);
        if (text === undefined) {
          if (diagnostics.length > 0) return `diagnostics published for ${uri}, a document the client never had`;
          continue;
        }
        const doc = TextDocument.create(uri, 'x', 1, text);
        for (const d of diagnostics) {
          const p = rangeProblem(d.range, doc);
          if (p) return `${uri}: ${d.code}: ${p}`;
          for (const r of d.relatedInformation ?? []) {
            const rt = texts.get(r.location.uri) ?? (r.location.uri.startsWith('file://') && existsSync(fileURLToPath(r.location.uri)) ? readFileSync(fileURLToPath(r.location.uri), 'utf8') : undefined);
            if (rt === undefined) return `${uri}: ${d.code}: related location in unknown document ${r.location.uri}`;
            const rp = rangeProblem(r.location.range, TextDocument.create(r.location.uri, 'x', 1, rt));
            if (rp) return `${uri}: ${d.code}: related ${r.location.uri}: ${rp}`;
          }
        }
      }
      return undefined;
    };

    await barrier(uriOf(disk.files[0]!.path.slice(ROOT.length + 1)), disk.language);
    for (let i = 0; i < o.documents; i++) {
      const c = generateCase(new Rng(o.seed ^ 0x5eed, i), o.seeds);
      const text = c.files.find((f) => f.path === c.main)?.text ?? '';
      const where = rng.weighted<string>([
        [3, 'workspace'],
        [2, 'new'],
        [1, 'untitled'],
      ]);
      const diskFile = rng.pick(disk.files);
      const uri =
        where === 'workspace' ? uriOf(diskFile.path.slice(ROOT.length + 1)) : where === 'new' ? uriOf(`${rng.pick(['lb1', 'lb2', 'other'])}/${c.language === 'haproxy' ? 'haproxy' : 'keepalived'}-${i}.${c.language === 'haproxy' ? 'cfg' : 'conf'}`) : `untitled:Untitled-${i}`;
      const languageId = rng.chance(0.9) ? c.language : rng.pick(['plaintext', 'haproxy', 'keepalived']);
      const before = texts.get(uri);
      let current = text;
      log.push(`open ${uri} as ${languageId}: ${c.origin} (${text.length} chars)`);
      client.open(uri, languageId, current);
      texts.set(uri, current);
      await barrier(uri, c.language);
      let problem = checkAll();
      for (let v = 2; !problem && v <= 1 + rng.range(1, 3); v++) {
        const m = mutate(current, rng, 3);
        current = m.text;
        log.push(`change ${uri} v${v}: ${m.applied.join(',')} (${current.length} chars)`);
        client.change(uri, v, current);
        texts.set(uri, current);
        await barrier(uri, c.language);
        problem = checkAll();
      }
      if (!problem) {
        log.push(`close ${uri}`);
        client.close(uri);
        if (before !== undefined) texts.set(uri, before);
        else if (!uri.startsWith('file://') || !existsSync(fileURLToPath(uri))) texts.delete(uri);
        await barrier(uriOf(disk.files[0]!.path.slice(ROOT.length + 1)), disk.language);
        problem = checkAll();
      }
      if (exited) return fail(exited);
      if (problem) {
        return fail(problem);
      }
    }
    return undefined;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return fail(`${exited ? `${exited}: ` : ''}${err.message}`, err.stack);
  } finally {
    await client?.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
}
