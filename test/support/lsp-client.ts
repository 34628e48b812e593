/**
 * Starts the bundled language server (dist/server.js --stdio) the way other editors do, and speaks LSP to it.
 * Waits are event-driven: a promise resolves when matching diagnostics arrive, with a timeout as a safety net.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  relatedInformation?: Array<{ location: { uri: string; range: Diagnostic['range'] }; message: string }>;
}

type Waiter = { uri: string; ok: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void };

export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: Waiter[] = [];
  private constructor(
    readonly connection: MessageConnection,
    private readonly child: ChildProcess,
  ) {}

  /** `configuration` answers workspace/configuration requests (null: the client does not support them). */
  static start(serverPath: string, rootPath: string, configuration: unknown | null = {}): Promise<LspClient> {
    return LspClient.spawn([process.execPath, serverPath, '--stdio'], rootPath, configuration);
  }

  /** Starts the server with an exact command line (an installed `hapair-language-server --stdio`, say). */
  static async spawn(command: readonly string[], rootPath: string, configuration: unknown | null = {}): Promise<LspClient> {
    const child = spawn(command[0]!, command.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child);
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      client.diagnostics.set(p.uri, p.diagnostics);
      for (const w of [...client.waiters]) {
        if (w.uri === p.uri && w.ok(p.diagnostics)) {
          client.waiters.splice(client.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => client.configuration));
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
    client.configuration = configuration;
    const rootUri = `file://${rootPath}`;
    const initialized: { capabilities: Record<string, unknown> } = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'root' }],
      capabilities: { workspace: { configuration: configuration !== null, didChangeConfiguration: { dynamicRegistration: true } } },
    });
    client.capabilities = initialized.capabilities;
    await connection.sendNotification('initialized', {});
    return client;
  }

  configuration: unknown = {};
  /** What the server announced in its initialize result. */
  capabilities: Record<string, unknown> = {};

  /** Resolves with the file's diagnostics once they satisfy `ok` (immediately if they already do). */
  waitFor(uri: string, ok: (d: Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && ok(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, ok, resolve };
      this.waiters.push(waiter);
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri)?.map((d) => d.code))}`));
      }, timeoutMs);
      waiter.resolve = (d) => {
        clearTimeout(timer);
        resolve(d);
      };
    });
  }

  open(uri: string, languageId: string, text: string): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, version: number, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}
