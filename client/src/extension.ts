/**
 * The VS Code extension: starts the language server (dist/server.js, over IPC), registers the commands, and
 * stops the server on deactivation. Diagnostics, peer generation and everything else happen in the server.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { generatePeer } from './generate-peer.js';
import { PeerPreviews, PREVIEW_SCHEME } from './peer-preview.js';
import { windowPrompter, type Prompter } from './prompter.js';
import { detectByContent } from './detect-language.js';

let client: LanguageClient | undefined;

/** What the extension offers other extensions (the end-to-end tests use it to answer prompts). */
export interface HapairApi {
  setPrompter(prompter: Prompter | undefined): void;
  /** Resolves when the language server is running. */
  ready: Promise<void>;
}

/**
 * Activation registers the commands and returns at once. The language client library (most of the extension's
 * code) is a separate bundle, loaded and started in the next turn of the event loop: VS Code waits for
 * activate() before it goes on, and the client is not needed before the server answers anyway.
 */
export function activate(context: vscode.ExtensionContext): HapairApi {
  const started = new Promise<LanguageClient>((resolve, reject) => {
    setImmediate(() => {
      import('./language-client.js')
        .then(({ createLanguageClient }) => {
          client = createLanguageClient(context);
          return client.start().then(() => resolve(client!));
        })
        .catch(reject);
    });
  });
  started.catch((e: Error) => void vscode.window.showErrorMessage(`HA Pair: the language server did not start: ${e.message}`));
  const ready = started.then(() => undefined);
  // Callers of the API see a failure; nobody else has to handle it twice.
  ready.catch(() => undefined);

  let prompter: Prompter = windowPrompter;
  const previews = new PeerPreviews();
  context.subscriptions.push(
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand('hapair.generatePeer', async () => {
      const running = await started;
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
