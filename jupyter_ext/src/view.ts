// The panel's content: a summary line, then every applicable requirement grouped by goal.
import { IChecklist } from './api';
import { IItemHost, renderItem } from './item';

export function renderPanel(
  node: HTMLElement,
  path: string | null,
  data: IChecklist | null,
  error: string,
  host: IItemHost
): void {
  node.textContent = '';
  const head = document.createElement('h2');
  head.textContent = 'Responsible AI';
  node.append(head, summary(path, data, error));
  if (!data) {
    return;
  }
  for (const goal of data.goals) {
    const items = data.requirements.filter(r => r.goal === goal.id);
    if (items.length) {
      const section = document.createElement('section');
      section.className = 'jp-raiassist-goal';
      section.dataset.goal = goal.id;
      const title = document.createElement('h3');
      title.textContent = `${goal.id} ${goal.title}`;
      const list = document.createElement('ul');
      list.append(...items.map(item => renderItem(item, host)));
      section.append(title, list);
      node.append(section);
    }
  }
}

function summary(path: string | null, data: IChecklist | null, error: string): HTMLElement {
  const line = document.createElement('p');
  line.className = 'jp-raiassist-summary';
  if (error) {
    line.classList.add('jp-raiassist-error');
    line.textContent = error;
  } else if (path === null) {
    line.textContent = 'Open a notebook to see its checklist.';
  } else if (!data) {
    line.textContent = `Checking ${path}…`;
  } else {
    const count = (s: string) => data.requirements.filter(r => r.status === s).length;
    const notes = [data.error, ...data.notes].filter(Boolean).join(' ');
    line.dataset.open = String(count('open'));
    line.textContent =
      `${data.relative}: ${count('open')} open, ${count('met')} met, ` +
      `${count('waived')} waived, ${count('not-applicable')} not applicable. ${notes}`;
  }
  return line;
}
