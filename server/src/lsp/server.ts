/**
 * The LSP binding: translates protocol messages into Session calls and findings into diagnostics. No analysis
 * logic lives here. Works with any LSP client over stdio, IPC or sockets (createConnection picks from argv).
 */
import {
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Language } from '../workspace/types.js';
import { Session } from './session.js';
import { allowedIncludeFolders, analysisSettingsFrom, type EditorSettings } from './settings.js';
import { runPeerCommand } from './peer-command.js';
import { GENERATE_PEER_COMMAND, isPeerCommandArgs } from './peer-command-protocol.js';
import { pathToUri, uriToPath } from './uris.js';
import { FEATURE_CAPABILITIES, registerFeatures } from './features.js';

const LANGUAGES = new Set<string>(['haproxy', 'keepalived']);
const VERSION = '0.1.0';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const session = new Session(
    (path, diagnostics) => void connection.sendDiagnostics({ uri: pathToUri(path), diagnostics }),
    undefined,
    (message) => void connection.window.showWarningMessage(`hapair: ${message}`),
  );
  let pullsConfiguration = false;
  let roots: string[] = [];

  const refreshSettings = async (pushed?: unknown) => {
    let raw: EditorSettings | undefined;
    if (pullsConfiguration) raw = (await connection.workspace.getConfiguration('hapair')) as EditorSettings | undefined;
    else raw = (pushed as { hapair?: EditorSettings } | undefined)?.hapair;
    const { settings, problems } = analysisSettingsFrom(raw);
    const includes = allowedIncludeFolders(raw);
    for (const p of [...problems, ...includes.problems]) connection.console.warn(`hapair settings: ${p}`);
    session.setAllowedIncludeFolders(includes.folders);
    session.setSettings(settings);
  };

  connection.onInitialize((params): InitializeResult => {
    pullsConfiguration = params.capabilities.workspace?.configuration === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map(uriToPath).filter((p) => p.startsWith('/'));
    return {
      capabilities: {
        ...FEATURE_CAPABILITIES,
        textDocumentSync: TextDocumentSyncKind.Incremental,
        executeCommandProvider: { commands: [GENERATE_PEER_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'hapair', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (pullsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'hapair' });
    // Settings first, so the first analysis of the workspace is already the one the user configured.
    try {
      await refreshSettings();
    } finally {
      session.setRoots(roots);
    }
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
      session.setRoots(folders.map((f) => uriToPath(f.uri)).filter((p) => p.startsWith('/')));
    });
  });

  connection.onDidChangeConfiguration((change) => void refreshSettings(change.settings));

  documents.onDidOpen(({ document }) => {
    const language = LANGUAGES.has(document.languageId) ? (document.languageId as Language) : undefined;
    session.open(uriToPath(document.uri), language, document.getText());
  });
  documents.onDidChangeContent(({ document }) => session.change(uriToPath(document.uri), document.getText()));
  documents.onDidClose(({ document }) => session.close(uriToPath(document.uri)));

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const kinds = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' } as const;
    session.filesChanged(changes.map((c) => ({ path: uriToPath(c.uri), kind: kinds[c.type] })));
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== GENERATE_PEER_COMMAND || !isPeerCommandArgs(args?.[0])) return undefined;
    await session.whenIdle();
    return runPeerCommand(session, args[0]);
  });

  registerFeatures(connection, session);
  documents.listen(connection);
  connection.listen();
}
