/**
 * The editor features' LSP binding: which providers the server announces, and the request handlers. Each handler
 * converts LSP positions to offsets (positions.ts), asks the Session for the document's FeatureContext, calls one
 * pure function of server/src/features/, and converts its answer back. No feature logic lives here.
 */
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import type { Session } from './session.js';

/** Providers announced in the initialize result; each feature adds its own. */
export const FEATURE_CAPABILITIES: ServerCapabilities = {};

export function registerFeatures(connection: Connection, session: Session): void {
  void connection;
  void session;
}
