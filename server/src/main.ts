#!/usr/bin/env node
/**
 * The language server's entry point: `node dist/server.js --stdio` for any LSP editor (VS Code starts it over
 * IPC). Everything else lives in lsp/.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server.js';

startServer(createConnection(ProposedFeatures.all));
