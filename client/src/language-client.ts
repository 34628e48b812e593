/**
 * The language client: starts the server (dist/server.js) over IPC for HAProxy and keepalived documents and
 * forwards file-system events that can change the analysis. Bundled apart from extension.ts and loaded after
 * activation (see there), because this library is most of the extension's code.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Files whose creation, change or deletion can change the analysis (Ansible inventories and vars included). */
const WATCHED = '**/{*.cfg,*.conf,*.j2,*.jinja,*.jinja2,hapair.json,*.yml,*.yaml,*.ini,hosts,group_vars/**,host_vars/**,inventory/**,inventories/**}';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
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
  return new LanguageClient('hapair', 'HA Pair', serverOptions, clientOptions);
}
