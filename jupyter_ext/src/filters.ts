// Filters by severity and status, offered once the checklist is long enough to need them.
import { el } from './dom';

export const FILTER_FROM = 12; // requirements; a shorter list is read at a glance

const SEVERITIES = ['error', 'warning', 'info'];
const STATUSES = ['open', 'met', 'waived', 'not-applicable'];

export class Filters {
  readonly node = el('div', 'jp-raiassist-filters');
  private severity = choice('severity', 'Severity', SEVERITIES);
  private status = choice('status', 'Status', STATUSES);

  constructor(changed: () => void) {
    this.node.append(this.severity.label, this.status.label);
    this.severity.select.onchange = changed;
    this.status.select.onchange = changed;
    this.node.hidden = true;
  }

  /** Shown for a checklist of `count` requirements when that is long. */
  show(count: number): void {
    this.node.hidden = count < FILTER_FROM;
  }

  accepts(severity: string, status: string): boolean {
    const [wanted, state] = [this.severity.select.value, this.status.select.value];
    return (!wanted || wanted === severity) && (!state || state === status);
  }
}

function choice(name: string, title: string, values: string[]) {
  const label = el('label', 'jp-raiassist-filter', `${title} `);
  const select = document.createElement('select');
  select.name = name;
  select.append(new Option('all', ''), ...values.map(v => new Option(v, v)));
  label.append(select);
  return { label, select };
}
