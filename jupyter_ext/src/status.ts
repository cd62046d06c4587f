// The status-bar indicator: how many requirements of the active notebook to act on (open
// errors and warnings, the core's `to_act`), not every open info item.
import { Widget } from '@lumino/widgets';
import { IChecklist } from './api';

export class OpenCount extends Widget {
  constructor(onClick: () => void) {
    super();
    this.id = 'raiassist-open-count';
    this.addClass('jp-raiassist-count');
    this.node.title = 'Open errors and warnings of this notebook (raiassist): show the checklist';
    this.node.onclick = onClick;
    this.setChecklist(null);
  }

  setChecklist(data: IChecklist | null): void {
    const errors = data
      ? data.requirements.filter(r => r.status === 'open' && r.severity === 'error').length
      : 0;
    this.node.dataset.toAct = data ? String(data.to_act) : '';
    this.node.textContent = data
      ? `RAI: ${data.to_act} to act on` + (errors ? ` (${errors} error)` : '')
      : 'RAI: –';
  }
}
