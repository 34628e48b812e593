import type { KStatement } from '../../syntax/keepalived/ast.js';
import type { Related } from '../rule.js';

/** Points a strict-mode finding at the line that turned strict mode on (often far away, in global_defs). */
export const strictRelated = (line: KStatement): Related[] => [{ file: line.file, span: line.keyword, message: `strict mode is turned on here ('${line.keyword.value}')` }];
