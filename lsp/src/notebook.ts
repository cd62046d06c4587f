/**
 * `raiassist.insertCell` `[{"notebook", "index", "kind", "text"}]`: the server's notebook
 * quick fixes insert a documentation template as a new cell. LSP cannot add cells, so the
 * client does it with a notebook edit.
 */
import * as vscode from 'vscode';

export interface InsertCell {
  notebook: string;
  index: number;
  kind: 'markdown' | 'code';
  text: string;
}

export async function insertCell(request: InsertCell): Promise<boolean> {
  const target = vscode.Uri.parse(request.notebook).toString();
  const notebook =
    vscode.workspace.notebookDocuments.find((nb) => nb.uri.toString() === target) ??
    (await vscode.workspace.openNotebookDocument(vscode.Uri.parse(request.notebook)));
  const index = Math.min(Math.max(request.index, 0), notebook.cellCount);
  const markdown = request.kind === 'markdown';
  const cell = new vscode.NotebookCellData(
    markdown ? vscode.NotebookCellKind.Markup : vscode.NotebookCellKind.Code,
    request.text,
    markdown ? 'markdown' : 'python',
  );
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [vscode.NotebookEdit.insertCells(index, [cell])]);
  const applied = await vscode.workspace.applyEdit(edit);
  const editor = vscode.window.visibleNotebookEditors.find((e) => e.notebook === notebook);
  if (applied && editor !== undefined) {
    const range = new vscode.NotebookRange(index, index + 1);
    editor.selections = [range];
    editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  }
  return applied;
}
