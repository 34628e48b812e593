import type { Setting } from '../../model/keepalived.js';

/** Checks an integer setting against keepalived's range; returns a message when it is outside, undefined when fine or unknowable. */
export function intOutsideRange(s: Setting | undefined, name: string, min: number, max: number): string | undefined {
  if (!s || s.opaque || s.text === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(s.text)) return `${name} '${s.text}' is not a whole number (allowed: ${min}..${max})`;
  const n = Number(s.text);
  return n < min || n > max ? `${name} ${n} is outside ${min}..${max}` : undefined;
}
