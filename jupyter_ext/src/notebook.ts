// What the panel does to a notebook: read its current content, select a cell, insert one.
import { NotebookPanel } from '@jupyterlab/notebook';

/** The notebook's JSON as the browser holds it, unsaved edits included. */
export function contentOf(panel: NotebookPanel): unknown {
  return panel.context.model.toJSON();
}

/** Scroll to the cell at `index` and make it the active, selected cell. */
export async function selectCell(panel: NotebookPanel, index: number): Promise<void> {
  const notebook = panel.content;
  if (index < 0 || index >= notebook.widgets.length) {
    return;
  }
  notebook.deselectAll();
  notebook.activeCellIndex = index;
  await notebook.scrollToItem(index, 'center');
  notebook.activeCell?.node.scrollIntoView({ block: 'center' });
}

/** Insert a markdown or code cell at `index` and select it. */
export async function insertCell(
  panel: NotebookPanel,
  index: number,
  kind: 'markdown' | 'code',
  text: string
): Promise<void> {
  const model = panel.content.model;
  if (!model) {
    return;
  }
  const at = Math.max(0, Math.min(index, model.cells.length));
  model.sharedModel.insertCell(at, { cell_type: kind, source: text });
  await selectCell(panel, at);
}
