/**
 * Client-side middleware: ask for the note or reason that `raiassist.answer` needs when a
 * code action sends none, and open requirement docs as a markdown preview (or in the
 * browser) rather than as raw text.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { missingText, promptFor, withText } from './answers';

/** Prompt for the missing text of `raiassist.answer`; cancelling records nothing. */
export const executeCommand: Middleware['executeCommand'] = async (command, args, next) => {
  const request = missingText(command, args);
  if (request === undefined) {
    return next(command, args);
  }
  const text = await vscode.window.showInputBox({ ...promptFor(request), ignoreFocusOut: true });
  if (!text?.trim()) {
    return undefined;
  }
  const uri = request.uri ?? activeDocumentUri();
  return next(command, [withText({ ...request, uri }, text), ...args.slice(1)]);
};

/** Markdown docs open in the preview, web pages in the browser. */
export const showDocument: NonNullable<Middleware['window']>['showDocument'] = async (params, token, next) => {
  const uri = vscode.Uri.parse(params.uri);
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    return { success: await vscode.env.openExternal(uri) };
  }
  if (uri.path.endsWith('.md')) {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return { success: true };
  }
  return next(params, token);
};

/** The document a code action was invoked on: the active notebook, else the text editor's. */
export function activeDocumentUri(): string | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook.uri;
  return (notebook ?? vscode.window.activeTextEditor?.document.uri)?.toString();
}
