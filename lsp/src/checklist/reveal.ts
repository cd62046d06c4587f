/** Show a requirement's location: a line of a script, or a line inside a notebook's cell. */
import * as vscode from 'vscode';
import type { Location } from './model';

export async function revealLocation(document: vscode.Uri, location: Location): Promise<void> {
  const position = new vscode.Position(Math.max(location.line - 1, 0), Math.max(location.column - 1, 0));
  const selection = new vscode.Range(position, position);
  if (location.cell === null) {
    await vscode.window.showTextDocument(document, { selection, preview: false });
    return;
  }
  const notebook = await vscode.workspace.openNotebookDocument(document);
  const index = Math.min(location.cell, Math.max(notebook.cellCount - 1, 0));
  const cells = new vscode.NotebookRange(index, index + 1);
  const editor = await vscode.window.showNotebookDocument(notebook, { selections: [cells], preview: false });
  editor.revealRange(cells, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  const cell = notebook.cellAt(index);
  await vscode.window.showTextDocument(cell.document, { selection, viewColumn: editor.viewColumn });
}
