/**
 * The editor features' LSP binding: which providers the server announces, and the request handlers. Each handler
 * converts LSP positions to offsets (positions.ts), asks the Session for the document's FeatureContext, calls one
 * pure function of server/src/features/, and converts its answer back. No feature logic lives here.
 */
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import type { Session } from './session.js';
import { NAVIGATION_CAPABILITIES, registerNavigation } from './navigation.js';
import { OUTLINE_CAPABILITIES, registerOutline } from './outline.js';
import { COMPLETION_HOVER_CAPABILITIES, registerCompletionHover } from './completion-hover.js';
import { FORMAT_CAPABILITIES, registerFormatting } from './format.js';
import { CODE_ACTION_CAPABILITIES, registerCodeActions } from './code-actions.js';

/** Providers announced in the initialize result; each feature adds its own. */
export const FEATURE_CAPABILITIES: ServerCapabilities = {
  ...NAVIGATION_CAPABILITIES,
  ...OUTLINE_CAPABILITIES,
  ...COMPLETION_HOVER_CAPABILITIES,
  ...FORMAT_CAPABILITIES,
  ...CODE_ACTION_CAPABILITIES,
};

export function registerFeatures(connection: Connection, session: Session): void {
  registerNavigation(connection, session);
  registerOutline(connection, session);
  registerCompletionHover(connection, session);
  registerFormatting(connection, session);
  registerCodeActions(connection, session);
}
