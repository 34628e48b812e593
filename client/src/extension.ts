/**
 * The VS Code extension: starts the language server (dist/server.js, over IPC), registers the commands, and
 * stops the server on deactivation. Diagnostics, peer generation and everything else happen in the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { generatePeer } from './generate-peer.js';
import { PeerPreviews, PREVIEW_SCHEME } from './peer-preview.js';
import { windowPrompter, type Prompter } from './prompter.js';
import { detectByContent } from './detect-language.js';

/** Files whose creation, change or deletion can change the analysis (Ansible inventories and vars included). */
const WATCHED = '**/{*.cfg,*.conf,*.j2,*.jinja,*.jinja2,hapair.json,*.yml,*.yaml,*.ini,hosts,group_vars/**,host_vars/**,inventory/**,inventories/**}';

let client: LanguageClient | undefined;

/** What the extension offers other extensions (the end-to-end tests use it to answer prompts). */
export interface HapairApi {
  setPrompter(prompter: Prompter | undefined): void;
  /** Resolves when the language server is running. */
  ready: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): HapairApi {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'haproxy' },
      { scheme: 'file', language: 'keepalived' },
      { scheme: 'untitled', language: 'haproxy' },
      { scheme: 'untitled', language: 'keepalived' },
    ],
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(WATCHED),
        // A deleted folder is reported as the folder alone, which the pattern above does not match.
        vscode.workspace.createFileSystemWatcher('**/*', true, true, false),
      ],
    },
    outputChannelName: 'HA Pair',
  };
  client = new LanguageClient('hapair', 'HA Pair', serverOptions, clientOptions);
  const ready = client.start();

  let prompter: Prompter = windowPrompter;
  const previews = new PeerPreviews();
  const running = client;
  context.subscriptions.push(
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand('hapair.generatePeer', async () => {
      await ready;
      return generatePeer(running, previews, prompter, running.outputChannel);
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => void detectByContent(doc)),
  );
  vscode.workspace.textDocuments.forEach((doc) => void detectByContent(doc));

  return {
    setPrompter: (p) => {
      prompter = p ?? windowPrompter;
    },
    ready,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
