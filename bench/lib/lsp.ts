/**
 * A lean LSP client for timing: starts `node SERVER --stdio` as editors do, frames JSON-RPC with
 * Content-Length headers itself, and stamps every message with the time it was written or fully received,
 * so latencies do not include client-library overhead. Server requests (workspace/configuration,
 * client/registerCapability, ...) are answered at once with empty settings / null.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { now } from './stats.js';
import { vmHwmMB } from './proc.js';

export interface Position {
  line: number;
  character: number;
}
export interface Diagnostic {
  range: { start: Position; end: Position };
  severity?: number;
  code?: string | number;
  message: string;
}
export interface Publish {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  /** When the message was fully received, ms (stats.now clock). */
  at: number;
}

type Waiter = { uri: string; ok: (p: Publish) => boolean; resolve: (p: Publish) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export class BenchLsp {
  /** Every publishDiagnostics in arrival order. */
  readonly publishes: Publish[] = [];
  readonly latest = new Map<string, Publish>();
  private readonly waiters: Waiter[] = [];
  private readonly pending = new Map<number, { resolve: (v: { result: unknown; at: number }) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private buffer: Buffer = Buffer.alloc(0);
  private stderr = '';
  private exited = false;
  readonly startedAt: number;

  private constructor(readonly child: ChildProcess) {
    this.startedAt = now();
    child.stdout!.on('data', (d: Buffer) => this.onData(d));
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      const err = new Error(`language server exited (code ${code}, signal ${signal}); stderr: ${this.stderr.trim().slice(-500)}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      for (const w of this.waiters.splice(0)) {
        clearTimeout(w.timer);
        w.reject(err);
      }
    });
    child.stdin!.on('error', () => undefined);
  }

  /** Spawns the server on `node`; nothing is sent yet. */
  static spawn(serverPath: string, node = process.execPath): BenchLsp {
    return new BenchLsp(spawn(node, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Peak RSS of the server process so far, MB. */
  peakRssMB(): number | null {
    return vmHwmMB(this.pid);
  }

  /** Sends initialize (root folder or none) and initialized; returns the server's capabilities. */
  async initialize(rootPath: string | null): Promise<{ capabilities: Record<string, unknown>; ms: number }> {
    const rootUri = rootPath ? `file://${rootPath}` : null;
    const { result, ms } = await this.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'hapair-bench' },
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: {},
        },
      },
    });
    this.notify('initialized', {});
    return { capabilities: ((result as { capabilities?: Record<string, unknown> }).capabilities ?? {}) as Record<string, unknown>, ms };
  }

  private send(msg: object): number {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    const t = now();
    this.child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    return t;
  }

  /** Sends a notification; returns the time it was written. */
  notify(method: string, params: unknown): number {
    return this.send({ method, params });
  }

  /** Sends a request; resolves with the result and the time from writing it to receiving the response. */
  request(method: string, params: unknown, timeoutMs = 60_000): Promise<{ result: unknown; ms: number }> {
    if (this.exited) return Promise.reject(new Error('language server is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no response within ${timeoutMs} ms`));
      }, timeoutMs);
      let t0 = 0;
      this.pending.set(id, {
        resolve: ({ result, at }) => {
          clearTimeout(timer);
          resolve({ result, ms: at - t0 });
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      t0 = this.send({ id, method, params });
    });
  }

  /** Resolves with the next publishDiagnostics for uri (arriving after this call) that satisfies ok. */
  nextPublish(uri: string, ok: (p: Publish) => boolean = () => true, timeoutMs = 60_000): Promise<Publish> {
    if (this.exited) return Promise.reject(new Error('language server is not running'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        uri,
        ok,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new Error(`no publishDiagnostics for ${uri} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves with the time at which every one of uris has had at least one publishDiagnostics. */
  allPublished(uris: ReadonlySet<string>, timeoutMs = 120_000): Promise<number> {
    const check = (): number | undefined => {
      let last = 0;
      for (const u of uris) {
        const p = this.latest.get(u);
        if (!p) return undefined;
        last = Math.max(last, this.firstAt.get(u)!);
      }
      return last;
    };
    return new Promise((resolve, reject) => {
      const done = check();
      if (done !== undefined) return resolve(done);
      const timer = setTimeout(() => {
        this.onAnyPublish = undefined;
        const missing = [...uris].filter((u) => !this.latest.has(u));
        reject(new Error(`${missing.length} of ${uris.size} files got no diagnostics within ${timeoutMs} ms (e.g. ${missing[0]})`));
      }, timeoutMs);
      this.onAnyPublish = () => {
        const t = check();
        if (t !== undefined) {
          clearTimeout(timer);
          this.onAnyPublish = undefined;
          resolve(t);
        }
      };
    });
  }

  private readonly firstAt = new Map<string, number>();
  private onAnyPublish: (() => void) | undefined;

  private onData(chunk: Buffer): void {
    const at = now();
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const m = /Content-Length:\s*(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('LSP message without Content-Length');
      const len = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + len) return;
      const body = this.buffer.subarray(start, start + len).toString('utf8');
      this.buffer = this.buffer.subarray(start + len);
      this.dispatch(JSON.parse(body) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } }, at);
    }
  }

  private dispatch(msg: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } }, at: number): void {
    if (msg.method === undefined && msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve({ result: msg.result, at });
      return;
    }
    if (msg.method !== undefined && msg.id !== undefined) {
      // A request from the server.
      const result = msg.method === 'workspace/configuration' ? ((msg.params as { items?: unknown[] }).items ?? []).map(() => ({})) : null;
      this.send({ id: msg.id, result });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      const p = msg.params as { uri: string; version?: number; diagnostics: Diagnostic[] };
      const pub: Publish = { uri: p.uri, version: p.version, diagnostics: p.diagnostics, at };
      this.publishes.push(pub);
      this.latest.set(p.uri, pub);
      if (!this.firstAt.has(p.uri)) this.firstAt.set(p.uri, at);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.ok(pub)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          clearTimeout(w.timer);
          w.resolve(pub);
        }
      }
      this.onAnyPublish?.();
    }
  }

  /** shutdown + exit, then kills the process if it has not exited within a second. */
  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await this.request('shutdown', null, 5_000);
      this.notify('exit', null);
    } catch {
      /* kill below */
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 1_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
