// raiassist's JupyterLab extension: a "Responsible AI" checklist in the right sidebar for the
// active notebook, a status-bar count of what to act on, and palette commands to show and
// refresh it. The server extension (Python, routes under /raiassist/) does the checking;
// this side only renders. The `answerer` setting says who answers are recorded as when git
// has no identity for the project.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ChecklistPanel } from './panel';
import { OpenCount } from './status';

const PLUGIN = 'raiassist:plugin';
const SHOW = 'raiassist:open';
const REFRESH = 'raiassist:refresh';
const CATEGORY = 'Responsible AI';

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN,
  description: 'Responsible AI checklist for the active notebook',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [IStatusBar, ICommandPalette, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    statusBar: IStatusBar | null,
    palette: ICommandPalette | null,
    settings: ISettingRegistry | null
  ) => {
    const panel = new ChecklistPanel();
    app.shell.add(panel, 'right', { rank: 900 });
    app.commands.addCommand(SHOW, {
      label: 'Show the Responsible AI checklist',
      execute: () => app.shell.activateById(panel.id)
    });
    app.commands.addCommand(REFRESH, {
      label: 'Refresh the Responsible AI checklist',
      execute: () => panel.refresh()
    });
    palette?.addItem({ command: SHOW, category: CATEGORY });
    palette?.addItem({ command: REFRESH, category: CATEGORY });
    tracker.currentChanged.connect((_, notebook) => panel.setNotebook(notebook));
    panel.setNotebook(tracker.currentWidget);
    if (statusBar) {
      const count = new OpenCount(() => void app.commands.execute(SHOW));
      statusBar.registerStatusItem('raiassist:open-count', { item: count, align: 'left', rank: 50 });
      panel.changed.connect((_, data) => count.setChecklist(data));
    }
    settings?.load(PLUGIN).then(loaded => {
      const apply = () => {
        panel.answerer = String(loaded.get('answerer').composite ?? '');
        void panel.refresh();
      };
      loaded.changed.connect(apply);
      apply();
    }, error => console.warn('raiassist: settings not loaded', error));
  }
};

export default plugin;
