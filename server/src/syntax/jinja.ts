/**
 * Jinja2 (Ansible) template syntax inside config files. Both config languages treat a `{{ … }}` run as
 * part of a word whose value is unknown until rendering, and `{% … %}` / `{# … #}` as trivia: they never
 * change the config's structure as hapair sees it.
 */

/** If `text` has a Jinja opener at `at` (`{{`, `{%` or `{#`), returns the offset just past its closer on the
 * same line, or the line end when the closer is missing. Returns -1 when there is no opener at `at`. */
export function jinjaEnd(text: string, at: number): number {
  if (text.charCodeAt(at) !== 123 /* { */) return -1;
  const next = text.charCodeAt(at + 1);
  let closer: string;
  if (next === 123) closer = '}}';
  else if (next === 37 /* % */) closer = '%}';
  else if (next === 35 /* # */) closer = '#}';
  else return -1;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd === -1) lineEnd = text.length;
  const close = text.indexOf(closer, at + 2);
  return close === -1 || close + 2 > lineEnd ? lineEnd : close + 2;
}

