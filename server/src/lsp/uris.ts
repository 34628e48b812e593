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

export function pathToUri(path: string): string {
  return path.includes(':') && !path.startsWith('/') ? path : pathToFileURL(path).href;
}

export function isFilePath(path: string): boolean {
  return path.startsWith('/');
}
