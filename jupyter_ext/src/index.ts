// raiassist's JupyterLab extension: a "Responsible AI" checklist in the right sidebar for the
// active notebook, and a status-bar count of its open requirements. The server extension
// (Python, routes under /raiassist/) does the checking; this side only renders.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ChecklistPanel } from './panel';
import { OpenCount } from './status';

const OPEN = 'raiassist:open';

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'raiassist:plugin',
  description: 'Responsible AI checklist for the active notebook',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [IStatusBar],
  activate: (app: JupyterFrontEnd, tracker: INotebookTracker, statusBar: IStatusBar | null) => {
    const panel = new ChecklistPanel();
    app.shell.add(panel, 'right', { rank: 900 });
    app.commands.addCommand(OPEN, {
      label: 'Show the Responsible AI checklist',
      execute: () => app.shell.activateById(panel.id)
    });
    tracker.currentChanged.connect((_, notebook) => panel.setNotebook(notebook));
    panel.setNotebook(tracker.currentWidget);
    if (statusBar) {
      const count = new OpenCount(() => void app.commands.execute(OPEN));
      statusBar.registerStatusItem('raiassist:open-count', { item: count, align: 'left', rank: 50 });
      panel.changed.connect((_, data) => count.setChecklist(data));
    }
  }
};

export default plugin;
