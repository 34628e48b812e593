/**
 * VS Code picks languages by file name; hapair also recognises configs by content (a `lb.conf` holding
 * vrrp_instance blocks). Plain-text documents whose content says HAProxy or keepalived get that language.
 */
import * as vscode from 'vscode';
import { detectLanguage } from '../../server/src/workspace/detect.js';

export async function detectByContent(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'plaintext' || doc.uri.scheme !== 'file') return;
  const language = detectLanguage(doc.uri.path, () => doc.getText());
  if (language) await vscode.languages.setTextDocumentLanguage(doc, language);
}
