/** Where each rule is documented: docs/rules.md has one section per rule id, anchored by the id. */
export const RULES_DOCS_URL = 'https://github.com/hapair/hapair/blob/main/docs/rules.md';

export function ruleDocsUrl(id: string): string {
  return `${RULES_DOCS_URL}#${id}`;
}
