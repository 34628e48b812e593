/**
 * The "Generate peer config" command as both sides of the protocol see it: its name, arguments and result. The
 * VS Code client imports this module, so it imports nothing that would pull the analysis engine into the client.
 */
import type { PeerQuestion } from '../peer/generate.js';
import type { Language } from '../workspace/types.js';

export const GENERATE_PEER_COMMAND = 'hapair.server.generatePeer';

export interface PeerCommandArgs {
  readonly uri: string;
  readonly language: Language;
  readonly srcIp?: string;
  readonly peerIp?: string;
  readonly priority?: number;
}

export type PeerCommandResult =
  | { ok: true; text: string; changes: string[]; warnings: string[]; targets: Array<{ uri: string; exists: boolean }> }
  | { ok: false; message: string; question?: PeerQuestion };

export function isPeerCommandArgs(x: unknown): x is PeerCommandArgs {
  const a = x as PeerCommandArgs | undefined;
  return typeof a?.uri === 'string' && (a.language === 'haproxy' || a.language === 'keepalived');
}

