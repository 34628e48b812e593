/**
 * The keepalived half of unknown-keyword. keepalived 2.2.7 prints "Unknown keyword '…'" (exit code 5) and
 * skips the line. When the line opens a block, it also skips the '{' and reads the block's lines as lines of
 * the enclosing block, so the block's '}' closes the enclosing block early (at the top level the lines are
 * read as top-level lines and each is reported). We report the keyword once, say what happens to its block,
 * and leave the block's lines alone.
 */
import type { KeepalivedModel } from '../../model/keepalived.js';
import type { Report, RuleContext } from '../rule.js';
import { blockLabel, type Resolution } from '../../knowledge/keepalived/lookup.js';
import type { BlockSpec } from '../../knowledge/keepalived/keywords.js';
import type { KeepalivedVersion } from '../../knowledge/versions.js';
import { walkKeywords } from './keyword-walk.js';

/** "a, b or c"; long lists are cut after three names. */
function listOf(names: readonly string[]): string {
  const unique = [...new Set(names)];
  if (unique.length === 1) return unique[0]!;
  if (unique.length <= 3) return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
  return `${unique.slice(0, 3).join(', ')} or ${unique.length - 3} other block${unique.length - 3 === 1 ? '' : 's'}`;
}

function where(block: BlockSpec): string {
  return block.id === 'root' ? 'at the top level' : `inside ${blockLabel(block.id)}`;
}

/** What keepalived does with the block of a keyword it does not know. */
function blockFate(block: BlockSpec): string {
  if (block.id === 'root') return "; keepalived skips its '{' and reads the lines inside as top-level lines";
  const label = blockLabel(block.id);
  return `; keepalived skips its '{' and reads the lines inside as ${label} lines, so its '}' closes ${label}`;
}

/** The finding for a keyword that is not valid where it stands, or undefined when it is. */
export function keywordProblem(name: string, block: BlockSpec, resolution: Resolution, target: KeepalivedVersion, opensBlock: boolean): string | undefined {
  const problem = describe(name, block, resolution, target);
  return problem && opensBlock ? problem + blockFate(block) : problem;
}

function describe(name: string, block: BlockSpec, resolution: Resolution, target: KeepalivedVersion): string | undefined {
  switch (resolution.status) {
    case 'known':
      return undefined;
    case 'too-new': {
      const first = resolution.spec.sinceRelease ? `; it first appeared in ${resolution.spec.sinceRelease}` : '';
      return `'${name}' needs keepalived ${resolution.since} (target is ${target}${first})`;
    }
    case 'removed': {
      const note = resolution.spec.deprecated ? `: ${resolution.spec.deprecated}` : '';
      return `'${name}' is not accepted from keepalived ${resolution.removedIn} on (target is ${target})${note}`;
    }
    case 'obsolete':
      return `'${name}' no longer exists in keepalived 2.x (${resolution.note.replace(/^removed;\s*/, '')})`;
    case 'misplaced': {
      const mean = resolution.suggestion ? ` (did you mean '${resolution.suggestion}'?)` : '';
      return `'${name}' is not valid ${where(block)}${mean}; it belongs in ${listOf(resolution.homes.map(blockLabel))}`;
    }
    case 'unknown': {
      const mean = resolution.suggestion ? ` (did you mean '${resolution.suggestion}'?)` : '';
      return `unknown keyword '${name}' ${where(block)}${mean}`;
    }
  }
}

export function checkKeepalivedKeywords(model: KeepalivedModel, report: Report, context: RuleContext): void {
  const target = context.versions.keepalived;
  walkKeywords(model, target, ({ statement, block, resolution }) => {
    const message = keywordProblem(statement.keyword.value, block, resolution, target, statement.block !== undefined);
    const suggestion = resolution.status === 'unknown' || resolution.status === 'misplaced' ? resolution.suggestion : undefined;
    if (message) report(statement.file, statement.keyword, message, undefined, suggestion);
  });
}
