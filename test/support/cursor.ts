/**
 * Cursor markers for feature tests: a fixture is written with `‸` where the cursor is (several markers allowed).
 * `‸` (U+2038) never occurs in real configs, so fixtures stay readable as configs.
 */
export const CURSOR = '\u2038';

/** The text without its markers, and the offset of each marker in that text, in order. */
export function cursors(marked: string): { text: string; offsets: number[] } {
  const [head, ...rest] = marked.split(CURSOR);
  let text = head!;
  const offsets: number[] = [];
  for (const part of rest) {
    offsets.push(text.length);
    text += part;
  }
  return { text, offsets };
}
