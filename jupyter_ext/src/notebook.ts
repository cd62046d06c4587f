// What the panel does to a notebook: read its cells' sources, select a cell, insert one.
import { NotebookPanel } from '@jupyterlab/notebook';

/** What the checks read of the notebook as the browser holds it (unsaved edits included):
 * each cell's kind, source and execution count, and the metadata that names the language.
 * Outputs and attachments are left out, so a refresh costs about the size of the sources. */
export function contentOf(panel: NotebookPanel): unknown {
  const model = panel.context.model;
  const meta = model.sharedModel.getMetadata() as { [key: string]: any };
  const info = meta.language_info ?? {};
  const spec = meta.kernelspec ?? {};
  const cells = [];
  for (const cell of model.sharedModel.cells) {
    const count = cell.cell_type === 'code' ? (cell as any).execution_count ?? null : null;
    cells.push({ cell_type: cell.cell_type, source: cell.getSource(), execution_count: count });
  }
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      language_info: { name: info.name, codemirror_mode: info.codemirror_mode },
      kernelspec: { name: spec.name, language: spec.language }
    },
    cells
  };
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
