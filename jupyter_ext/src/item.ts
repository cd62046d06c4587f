// One checklist item: a clickable row (status, ID, title, severity) that expands to what was
// found, the requirement in plain words, templates to insert and the answer form.
import { Answer, IExplanation, IIncident, IItem, ISource, ITemplate, ITemplates } from './api';

export interface IItemHost {
  expanded: Set<string>;
  sources: { [id: string]: ISource };
  incidents: { [id: string]: IIncident };
  drafts: Map<string, string>;
  toggle(item: IItem): void;
  explain(id: string): Promise<IExplanation>;
  templates(id: string): Promise<ITemplates>;
  insert(found: ITemplates, template: ITemplate): Promise<void>;
  answer(item: IItem, answer: Answer, text: string): Promise<void>;
}

const MARKS: { [status: string]: string } = {
  open: '○',
  met: '✓',
  waived: '⊘',
  'not-applicable': '–'
};
const MAX_EVIDENCE = 3; // evidence named in a met item's line; the rest are counted
const ANSWERS: [Answer, string][] = [
  ['attested', 'Attest'],
  ['not-applicable', 'Not applicable'],
  ['waived', 'Waive']
];

function el(tag: string, className: string, text = ''): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

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
    return `Met by ${found.join('; ') || 'evidence in the project'}${rest}`;
  }
  if (item.status === 'waived') {
    const reason = item.waiver?.reason ?? item.answer?.reason;
    return `Waived: ${reason}`;
  }
  if (item.status === 'not-applicable') {
    return `Not applicable: ${item.answer?.reason}`;
  }
  return item.message;
}

export function renderItem(item: IItem, host: IItemHost): HTMLElement {
  const li = el('li', 'jp-raiassist-item');
  li.dataset.id = item.id;
  li.dataset.status = item.status;
  li.dataset.severity = item.severity;
  const head = el('div', 'jp-raiassist-head');
  head.setAttribute('role', 'button');
  head.title = item.locations.length ? 'Go to the cell and expand' : 'Expand';
  head.append(
    el('span', 'jp-raiassist-mark', MARKS[item.status] ?? '?'),
    el('span', 'jp-raiassist-id', item.id),
    el('span', 'jp-raiassist-title', item.title ?? ''),
    el('span', 'jp-raiassist-severity', item.severity)
  );
  head.onclick = () => host.toggle(item);
  li.append(head);
  if (host.expanded.has(item.id)) {
    li.append(details(item, host));
  }
  return li;
}

function details(item: IItem, host: IItemHost): HTMLElement {
  const box = el('div', 'jp-raiassist-details');
  box.append(el('p', 'jp-raiassist-why', statusText(item)));
  const sources = sourcesOf(item, host.sources);
  if (sources) {
    box.append(sources);
  }
  const incident = host.incidents[item.id];
  if (incident) {
    box.append(incidentOf(incident));
  }
  for (const gap of item.incomplete) {
    box.append(el('p', 'jp-raiassist-incomplete', gap));
  }
  const feedback = el('p', 'jp-raiassist-feedback');
  box.append(templatesOf(item, host, feedback), answerForm(item, host, feedback), feedback);
  box.append(explanation(item, host));
  return box;
}

/** "When this was missed: <title (year)>", a link to the incident's first source. */
function incidentOf(incident: IIncident): HTMLElement {
  const line = el('p', 'jp-raiassist-incident', 'When this was missed: ');
  line.append(linkTo(incident.text, incident.url));
  return line;
}

function linkTo(text: string, url: string): HTMLAnchorElement {
  const link = el('a', '', text) as HTMLAnchorElement;
  if (/^https?:\/\//.test(url)) {
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  }
  return link;
}

/** "Per the catalogue: fairlearn, …", each a link to the documentation it was written from. */
function sourcesOf(item: IItem, sources: { [id: string]: ISource }): HTMLElement | null {
  const found = new Map<string, ISource>();
  for (const hit of [...(item.signals ?? []), ...item.evidence]) {
    const source = hit.because ? sources[hit.because] : undefined;
    if (source && !found.has(source.name)) {
      found.set(source.name, source);
    }
  }
  if (!found.size) {
    return null;
  }
  const line = el('p', 'jp-raiassist-sources', 'Per the catalogue: ');
  [...found.values()].slice(0, 3).forEach((source, index) => {
    const link = linkTo(source.name, source.docs);
    line.append(...(index ? ['; ', link] : [link]));
  });
  return line;
}

function explanation(item: IItem, host: IItemHost): HTMLElement {
  const box = el('div', 'jp-raiassist-explain', 'Loading the requirement…');
  host.explain(item.id).then(
    found => {
      box.textContent = '';
      box.append(el('p', 'jp-raiassist-facts', found.facts));
      for (const section of found.sections) {
        box.append(el('h4', '', section.title), el('p', 'jp-raiassist-body', section.body));
      }
    },
    error => (box.textContent = String(error.message ?? error))
  );
  return box;
}

function templatesOf(item: IItem, host: IItemHost, feedback: HTMLElement): HTMLElement {
  const box = el('div', 'jp-raiassist-templates');
  host.templates(item.id).then(found => {
    for (const template of found.templates) {
      const button = el('button', 'jp-Button jp-mod-styled jp-raiassist-insert', template.title);
      button.dataset.template = template.name;
      button.dataset.kind = template.kind;
      button.onclick = () =>
        host.insert(found, template).catch(e => (feedback.textContent = e.message));
      box.append(button);
    }
  }, error => (feedback.textContent = String(error.message ?? error)));
  return box;
}

function answerForm(item: IItem, host: IItemHost, feedback: HTMLElement): HTMLElement {
  const form = el('div', 'jp-raiassist-answer');
  const text = document.createElement('textarea');
  text.className = 'jp-raiassist-text';
  text.placeholder = 'A note (to attest) or a reason (not applicable, waive)';
  text.value = host.drafts.get(item.id) ?? '';
  text.oninput = () => host.drafts.set(item.id, text.value);
  form.append(text);
  for (const [answer, label] of ANSWERS) {
    const button = el('button', 'jp-Button jp-mod-styled jp-raiassist-do', label);
    button.dataset.answer = answer;
    button.onclick = () => {
      feedback.textContent = 'Writing to the record…';
      host.answer(item, answer, text.value).catch(e => (feedback.textContent = e.message));
    };
    form.append(button);
  }
  return form;
}
