// The notebook's problems as the core reports them (RA002 "this cell does not parse", RA104
// "answers for a renamed file", ...), each with its cell; RA104 with "Move the answers here".
import { IChecklist } from './api';
import { el } from './dom';

export class Problems {
  readonly node = el('ul', 'jp-raiassist-problems');

  constructor(private move: (old: string) => Promise<void>) {
    this.node.setAttribute('aria-label', 'Problems found while checking');
  }

  show(data: IChecklist | null): void {
    const problems = data?.problems ?? [];
    const key = JSON.stringify(problems.map(p => [p.id, p.message, p.locations]));
    if (this.node.dataset.key === key) {
      return; // unchanged: leave the buttons (and the focus on one) alone
    }
    this.node.dataset.key = key;
    this.node.textContent = '';
    for (const problem of problems) {
      const li = el('li', 'jp-raiassist-problem');
      li.dataset.id = problem.id;
      const cell = problem.locations[0]?.cell;
      const where = cell === null || cell === undefined ? '' : `cell ${cell + 1}: `;
      li.append(el('span', 'jp-raiassist-id', problem.id), ` ${where}${problem.message}`);
      if (problem.id === 'RA104') {
        for (const moved of data?.moved ?? []) {
          li.append(this.moveButton(moved.old, moved.ids));
        }
      }
      this.node.append(li);
    }
  }

  private moveButton(old: string, ids: string[]): HTMLElement {
    const button = el('button', 'jp-Button jp-mod-styled jp-raiassist-move', 'Move the answers here');
    button.title = `The answers to ${ids.join(', ')} recorded for ${old} count for this notebook`;
    button.dataset.old = old;
    button.onclick = () => {
      button.textContent = 'Moving…';
      this.move(old).catch(e => (button.textContent = e.message ?? String(e)));
    };
    return button;
  }
}
