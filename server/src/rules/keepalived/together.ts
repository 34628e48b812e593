import type { KeepalivedModel } from '../../model/keepalived.js';

/**
 * Whether settings written on different lines can be judged together. In a raw Jinja template with `{% %}` tags any
 * line may be rendered without the others, so rules that combine lines say nothing there; templates rendered per
 * Ansible host have no tags left and are checked like plain files.
 */
export const linesGoTogether = (model: KeepalivedModel): boolean => !model.controlFlow;
