/**
 * auth-pass-too-long: keepalived only ever used the first 8 bytes, so writing just those changes nothing on the
 * wire. Every peer of the instance gets the same treatment in the same edit, so the pair keeps working.
 */
import type { VrrpInstance } from '../../model/keepalived.js';
import { peerName } from '../../rules/cross/peers.js';
import { KWORD_ESCAPED } from '../../syntax/keepalived/lexer.js';
import type { FileEdits } from '../edits.js';
import { findInstance, isAt } from './instance-edits.js';
import { fixOf, type Fixer } from './quick-fix.js';
import { replaceWord } from './text-edits.js';

/** The longest prefix of at most 8 UTF-8 bytes; undefined when byte 8 falls inside a character (no text has exactly those bytes). */
function first8Bytes(pass: string): string | undefined {
  let bytes = 0;
  let out = '';
  for (const ch of pass) {
    const size = new TextEncoder().encode(ch).length;
    if (bytes + size > 8) return bytes === 8 ? out : undefined;
    bytes += size;
    out += ch;
  }
  return out;
}

/** The edit shortening one instance's auth_pass, if it is too long and written literally. */
function shorten(inst: VrrpInstance): FileEdits | undefined {
  const pass = inst.authPass;
  if (!pass || pass.opaque || pass.text === undefined || pass.text !== pass.word.value || pass.word.flags & KWORD_ESCAPED) return undefined;
  if (new TextEncoder().encode(pass.text).length <= 8) return undefined;
  const short = first8Bytes(pass.text);
  return short === undefined ? undefined : { file: pass.statement.file, edits: [replaceWord(pass.word, short)] };
}

export const shortenAuthPass: Fixer = (ctx, finding) => {
  const inst = findInstance(ctx, (i) => i.authPass !== undefined && isAt(finding, i.authPass.statement.file, i.authPass.word))?.inst;
  const mine = inst && shorten(inst);
  if (!inst || !mine) return [];
  const group = ctx.analysis.peerGroups.find((g) => g.members.some((m) => m.instance === inst));
  const changes = [mine];
  const names: string[] = [];
  const edited = new Set([`${mine.file.uri}:${mine.edits[0]!.start}`]);
  for (const peer of group?.members ?? []) {
    const edit = shorten(peer.instance);
    const key = edit && `${edit.file.uri}:${edit.edits[0]!.start}`;
    if (!edit || edited.has(key!)) continue;
    edited.add(key!);
    changes.push(edit);
    names.push(peerName(peer));
  }
  const where = names.length > 0 ? ` here and on ${names.join(', ')}` : '';
  return fixOf(`Shorten auth_pass to the 8 characters keepalived uses${where}`, changes, true);
};
