// The status-bar indicator: how many requirements of the active notebook are open.
import { Widget } from '@lumino/widgets';
import { IChecklist } from './api';
import { openCount } from './panel';

export class OpenCount extends Widget {
  constructor(onClick: () => void) {
    super();
    this.id = 'raiassist-open-count';
    this.addClass('jp-raiassist-count');
    this.node.title = 'Open requirements of this notebook (raiassist): show the checklist';
    this.node.onclick = onClick;
    this.setChecklist(null);
  }

  setChecklist(data: IChecklist | null): void {
    const open = openCount(data);
    const errors = data ? data.requirements.filter(
      r => r.status === 'open' && r.severity === 'error'
    ).length : 0;
    this.node.dataset.open = data ? String(open) : '';
    this.node.textContent = data ? `RAI: ${open} open` + (errors ? ` (${errors} error)` : '') : 'RAI: –';
  }
}
