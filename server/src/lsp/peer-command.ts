/**
 * The server side of "Generate peer config": computes the peer's text from the current buffers and proposes
 * where to save it. The editor asks the user only what comes back as a question, then calls again.
 */
import { peerForFile } from '../peer/for-file.js';
import { PeerError, type PeerQuestion } from '../peer/generate.js';
import { suggestPeerTargets } from '../peer/targets.js';
import type { Language } from '../workspace/types.js';
import type { Session } from './session.js';
import { pathToUri, uriToPath } from './uris.js';

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

export function runPeerCommand(session: Session, args: PeerCommandArgs): PeerCommandResult {
  const path = uriToPath(args.uri);
  try {
    const result = peerForFile(session.ws, path, args.language, { srcIp: args.srcIp, peerIp: args.peerIp, priority: args.priority });
    const exists = (p: string) => session.fs.kind(p) !== undefined;
    const targets = path.startsWith('/') ? suggestPeerTargets(path, args.language, exists).map((p) => ({ uri: pathToUri(p), exists: exists(p) })) : [];
    return { ok: true, ...result, targets };
  } catch (e) {
    if (e instanceof PeerError) return { ok: false, message: e.message, ...(e.question ? { question: e.question } : {}) };
    throw e;
  }
}
