/** Show a requirement's location: a line of a script, or a line inside a notebook's cell;
 * or where raiassist's diagnostic for it sits. */
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

/** Go to raiassist's diagnostic for `id` in the document (a notebook's cells included);
 * false when there is none. */
export async function revealDiagnostic(document: vscode.Uri, id: string): Promise<boolean> {
  const path = document.fsPath;
  for (const [uri, items] of vscode.languages.getDiagnostics()) {
    if (uri.fsPath !== path) {
      continue;
    }
    const found = items.find((d) => d.source === 'raiassist' && codeOf(d) === id);
    if (found === undefined) {
      continue;
    }
    const start = found.range.start;
    if (uri.scheme !== 'vscode-notebook-cell') {
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(start, start), preview: false });
      return true;
    }
    const notebook = await vscode.workspace.openNotebookDocument(document);
    const cell = notebook.getCells().findIndex((c) => c.document.uri.toString() === uri.toString());
    await revealLocation(document, { path, cell: Math.max(cell, 0), line: start.line + 1, column: start.character + 1 });
    return true;
  }
  return false;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}
