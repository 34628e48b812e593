/** Finding and editing vrrp_instances: look an instance up by what a finding points at, set a value in it. */
import type { KeepalivedModel, Setting, VrrpInstance } from '../../model/keepalived.js';
import type { Finding } from '../../rules/rule.js';
import type { SourceFile, Span } from '../../syntax/text.js';
import type { FeatureContext } from '../context.js';
import { indentAt, type FileEdits, type TextEdit } from '../edits.js';
import { appendToBlock, fileEdits, insertBelow, ownsLines } from './text-edits.js';

/** Whether the finding stands exactly on `span` of `file`. */
export const isAt = (finding: Finding, file: SourceFile, span: Span): boolean => file.uri === finding.file.uri && span.start === finding.span.start && span.end === finding.span.end;

/** The first instance of any keepalived file of the analysis for which `matches` holds, with its model. */
export function findInstance(ctx: FeatureContext, matches: (inst: VrrpInstance) => boolean): { model: KeepalivedModel; inst: VrrpInstance } | undefined {
  for (const models of ctx.analysis.keepalived.values()) {
    for (const model of models) {
      const inst = model.instances.find(matches);
      if (inst) return { model, inst };
    }
  }
  return undefined;
}

/**
 * `keyword value` in the instance: the setting's value replaced by `written` (text as it goes into the file), the
 * value added after a bare keyword, or a new line after `state` (else at the end of the instance's block).
 */
export function setInInstance(inst: VrrpInstance, setting: Setting | undefined, keyword: string, written: string): FileEdits | undefined {
  if (setting) {
    const file = setting.statement.file;
    const bare = setting.word === setting.statement.keyword;
    const edit: TextEdit = bare ? { start: setting.word.end, end: setting.word.end, newText: ` ${written}` } : { start: setting.word.start, end: setting.word.end, newText: written };
    return { file, edits: [edit] };
  }
  const state = inst.state?.statement;
  if (state && ownsLines(state.file.text, state)) return { file: state.file, edits: [insertBelow(state.file.text, state.end, [`${keyword} ${written}`], indentAt(state.file.text, state.start))] };
  return fileEdits(inst.statement.file, [appendToBlock(inst.statement, [`${keyword} ${written}`])]);
}
