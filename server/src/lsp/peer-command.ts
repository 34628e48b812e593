/**
 * The server side of "Generate peer config": computes the peer's text from the current buffers and proposes
 * where to save it. The editor asks the user only what comes back as a question, then calls again.
 */
import { peerForFile } from '../peer/for-file.js';
import { PeerError } from '../peer/generate.js';
import type { PeerCommandArgs, PeerCommandResult } from './peer-command-protocol.js';
import { suggestPeerTargets } from '../peer/targets.js';
import type { Session } from './session.js';
import { pathToUri, uriToPath } from './uris.js';

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
