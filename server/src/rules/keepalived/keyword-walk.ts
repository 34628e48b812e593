/**
 * Follows the keepalived statement tree through the keyword tree of knowledge/keepalived/keywords.ts, the way
 * keepalived's parser does, and hands each line whose keyword can be judged to a visitor together with its
 * block and what the keyword is there. Lines that cannot be judged statically are left out:
 *  - keywords holding a Jinja expression or a `$NAME` parameter (their real word is only known after rendering
 *    or substitution), and the bodies of their blocks;
 *  - include lines (the included statements follow them in the tree, in the same block);
 *  - entries of value lists (virtual_ipaddress, track_script…), which are addresses and names, not keywords;
 *  - the body of a block whose keyword is not valid there: keepalived does not enter it either, and one
 *    finding on the keyword says enough.
 * In a template with `{% %}` tags, top-level lines may be pieces of a macro or of a template that another one
 * includes inside a block, so a top-level line that is not a top-level keyword is not judged; its block is
 * still followed when the keyword opens the same block wherever it is valid.
 */
import type { KStatement } from '../../syntax/keepalived/ast.js';
import { KWORD_TEMPLATED } from '../../syntax/keepalived/lexer.js';
import { INCLUDE_KEYWORDS, type KeepalivedModel } from '../../model/keepalived.js';
import { ROOT, type BlockSpec } from '../../knowledge/keepalived/keywords.js';
import { resolveKeyword, uniqueOpenedBlock, type Resolution } from '../../knowledge/keepalived/lookup.js';
import type { KeepalivedVersion } from '../../knowledge/versions.js';

export interface KeywordVisit {
  readonly statement: KStatement;
  /** The block the line is in (ROOT at the top level). */
  readonly block: BlockSpec;
  readonly resolution: Resolution;
}

function judgeable(st: KStatement): boolean {
  const kw = st.keyword;
  return (kw.flags & KWORD_TEMPLATED) === 0 && !kw.value.includes('$') && !INCLUDE_KEYWORDS.has(kw.value);
}

export function walkKeywords(model: KeepalivedModel, version: KeepalivedVersion, visit: (v: KeywordVisit) => void): void {
  const walk = (statements: readonly KStatement[], block: BlockSpec): void => {
    if (block.content !== 'keywords') return;
    // Indexed: for…of allocates per item until the engine optimises the loop (most of a first check).
    for (let i = 0; i < statements.length; i++) {
      const st = statements[i]!;
      if (!judgeable(st)) continue;
      const resolution = resolveKeyword(block, st.keyword.value, version);
      if (model.controlFlow && block === ROOT && resolution.status !== 'known') {
        const opened = st.block ? uniqueOpenedBlock(st.keyword.value, version) : undefined;
        if (opened) walk(st.block!.statements, opened);
        continue;
      }
      visit({ statement: st, block, resolution });
      if (resolution.status === 'known' && resolution.opens && st.block) walk(st.block.statements, resolution.opens);
    }
  };
  walk(model.tree, ROOT);
}
