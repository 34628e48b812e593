/**
 * The core works on POSIX paths; the protocol on URIs. Non-file documents (untitled buffers) keep their URI
 * as their "path": they have no folder, so they are checked on their own.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri).replace(/\\/g, '/');
  } catch {
    return uri;
  }
}

/**
 * URIs of paths already converted: every diagnostic names its file and its related places' files, a few files
 * among thousands of diagnostics, and `pathToFileURL` parses and encodes the path each time (half the cost of
 * converting the diagnostics of a large file in a profile). Cleared when full, so it stays small.
 */
const uris = new Map<string, string>();
const MAX_URIS = 4096;

export function pathToUri(path: string): string {
  if (path.includes(':') && !path.startsWith('/')) return path;
  let uri = uris.get(path);
  if (uri === undefined) {
    if (uris.size >= MAX_URIS) uris.clear();
    uri = pathToFileURL(path).href;
    uris.set(path, uri);
  }
  return uri;
}

export function isFilePath(path: string): boolean {
  return path.startsWith('/');
}
