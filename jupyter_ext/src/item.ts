// One checklist item, kept by requirement id across refreshes: a row whose head is a button
// (status, ID, title, severity; aria-expanded) and whose details (why, sources, templates,
// the answer form) are made once when first expanded and then updated in place, so a note
// being typed survives every refresh.
import { IItem } from './api';
import { answerForm, explanation, IItemHost, incidentOf, sourcesOf, templatesOf } from './details';
import { el } from './dom';

const MARKS: { [status: string]: string } = {
  open: '○',
  met: '✓',
  waived: '⊘',
  'not-applicable': '–'
};
const MAX_EVIDENCE = 3; // evidence named in a met item's line; the rest are counted

function cellText(cell: number | null | undefined): string {
  return cell === null || cell === undefined ? '' : ` (cell ${cell + 1})`;
}

/** Why the item has its status, in one line. */
export function statusText(item: IItem): string {
  if (item.status === 'met' && item.answer) {
    return `Attested: ${item.answer.note} — ${item.answer.by}, ${item.answer.date}`;
  }
  if (item.status === 'met') {
    const found = item.evidence.slice(0, MAX_EVIDENCE).map(e => e.detail + cellText(e.cell));
    const more = item.evidence.length - found.length;
    const rest = more > 0 ? `; and ${more} more` : '';
    const lead = item.not_run ? 'Met — not run yet: ' : 'Met by ';
    return `${lead}${found.join('; ') || 'evidence in the project'}${rest}`;
  }
  if (item.status === 'waived') {
    const reason = item.waiver?.reason ?? item.answer?.reason;
    return `Waived: ${reason}` + (item.answer ? ` — ${item.answer.by}, ${item.answer.date}` : '');
  }
  if (item.status === 'not-applicable') {
    return `Not applicable: ${item.answer?.reason} — ${item.answer?.by}, ${item.answer?.date}`;
  }
  return item.message;
}

export class Row {
  readonly node = el('li', 'jp-raiassist-item');
  readonly head = el('button', 'jp-raiassist-head') as HTMLButtonElement;
  private mark = el('span', 'jp-raiassist-mark');
  private title = el('span', 'jp-raiassist-title');
  private severity = el('span', 'jp-raiassist-severity');
  private details: HTMLElement | null = null;
  private why: HTMLElement | null = null;
  private item: IItem;

  constructor(item: IItem, private host: IItemHost) {
    this.item = item;
    this.node.setAttribute('role', 'listitem');
    this.node.dataset.id = item.id;
    this.head.type = 'button';
    this.head.setAttribute('aria-expanded', 'false');
    this.head.append(this.mark, el('span', 'jp-raiassist-id', item.id), this.title, this.severity);
    this.head.onclick = () => host.toggle(this.item);
    this.node.append(this.head);
    this.update(item);
  }

  /** Show the item's new state without replacing any element. */
  update(item: IItem): void {
    this.item = item;
    const data = this.node.dataset;
    [data.status, data.severity] = [item.status, item.severity];
    data.notRun = item.not_run ? 'true' : 'false';
    this.mark.textContent = MARKS[item.status] ?? '?';
    this.title.textContent = item.title ?? '';
    this.severity.textContent = item.not_run ? `${item.severity} · not run yet` : item.severity;
    this.head.title = item.locations.length ? 'Go to the cell and expand' : 'Expand';
    const open = this.host.expanded.has(item.id);
    this.head.setAttribute('aria-expanded', String(open));
    if (open && !this.details) {
      this.details = this.makeDetails();
      this.node.append(this.details);
    }
    if (this.details) {
      this.details.hidden = !open;
      this.why!.textContent = statusText(item);
      this.node.querySelector('.jp-raiassist-withdraw')?.toggleAttribute('hidden', !item.answer);
    }
  }

  private makeDetails(): HTMLElement {
    const box = el('div', 'jp-raiassist-details');
    this.why = el('p', 'jp-raiassist-why');
    box.append(this.why);
    const sources = sourcesOf(this.item, this.host.sources);
    if (sources) {
      box.append(sources);
    }
    const incident = incidentOf(this.host.incidents[this.item.id]);
    if (incident) {
      box.append(incident);
    }
    for (const gap of this.item.incomplete) {
      box.append(el('p', 'jp-raiassist-incomplete', gap));
    }
    const feedback = el('p', 'jp-raiassist-feedback');
    feedback.setAttribute('role', 'status');
    box.append(
      templatesOf(this.item, this.host, feedback),
      answerForm(() => this.item, this.host, feedback),
      feedback,
      explanation(this.item, this.host)
    );
    return box;
  }
}
