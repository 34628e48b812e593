/**
 * Every question the extension asks the user goes through a Prompter, so the end-to-end tests can answer
 * them (the extension's API lets a test install its own) while users see VS Code's own pickers and dialogs.
 */
import * as vscode from 'vscode';

export interface Prompter {
  /** One item of a list, or undefined when dismissed. */
  pick(title: string, items: readonly string[]): Promise<string | undefined>;
  /** Free text, checked by `validate` (which returns an error message or undefined). */
  input(title: string, validate: (value: string) => string | undefined): Promise<string | undefined>;
  /** A yes/no question about something destructive; true only on an explicit yes. */
  confirm(message: string, action: string): Promise<boolean>;
  saveAs(suggested: vscode.Uri): Promise<vscode.Uri | undefined>;
}

export const windowPrompter: Prompter = {
  async pick(title, items) {
    return vscode.window.showQuickPick([...items], { title, placeHolder: title, ignoreFocusOut: true });
  },
  async input(title, validate) {
    return vscode.window.showInputBox({ title, prompt: title, ignoreFocusOut: true, validateInput: validate });
  },
  async confirm(message, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;
  },
  async saveAs(suggested) {
    return vscode.window.showSaveDialog({ defaultUri: suggested, saveLabel: 'Save peer config' });
  },
};
