// An expanded item's parts: the catalogue entries it rests on, templates to insert, the
// answer form (attest, not applicable, waive; withdraw an answer) and the requirement in
// plain words.
import { Answer, IExplanation, IIncident, IItem, ISource, ITemplate, ITemplates } from './api';
import { el } from './dom';

export interface IItemHost {
  expanded: Set<string>;
  sources: { [id: string]: ISource };
  incidents: { [id: string]: IIncident };
  drafts: Map<string, string>;
  answerer: string;
  toggle(item: IItem): void;
  explain(id: string): Promise<IExplanation>;
  templates(id: string): Promise<ITemplates>;
  insert(found: ITemplates, template: ITemplate): Promise<void>;
  answer(item: IItem, answer: Answer, text: string): Promise<void>;
  withdraw(item: IItem): Promise<void>;
}

const ANSWERS: [Answer, string][] = [
  ['attested', 'Attest'],
  ['not-applicable', 'Not applicable'],
  ['waived', 'Waive']
];

/** "Per the catalogue: fairlearn, …", each a link to the documentation it was written from. */
export function sourcesOf(item: IItem, sources: { [id: string]: ISource }): HTMLElement | null {
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

/** "When this was missed: <title (year)>", a link to the incident's first source. */
export function incidentOf(incident: IIncident | undefined): HTMLElement | null {
  if (incident === undefined) {
    return null;
  }
  const line = el('p', 'jp-raiassist-incident', 'When this was missed: ');
  line.append(linkTo(incident.text, incident.url));
  return line;
}

/** A link only to a web address (anything else stays text), opened apart from JupyterLab. */
function linkTo(text: string, url: string): HTMLAnchorElement {
  const link = el('a', '', text) as HTMLAnchorElement;
  if (/^https?:\/\//.test(url)) {
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  }
  return link;
}

export function explanation(item: IItem, host: IItemHost): HTMLElement {
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

export function templatesOf(item: IItem, host: IItemHost, feedback: HTMLElement): HTMLElement {
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

/** The note or reason, the three answers and "Withdraw"; `current` is the item as the last
 * refresh gave it (the form outlives refreshes). */
export function answerForm(
  current: () => IItem,
  host: IItemHost,
  feedback: HTMLElement
): HTMLElement {
  const form = el('div', 'jp-raiassist-answer');
  const id = current().id;
  const text = document.createElement('textarea');
  text.className = 'jp-raiassist-text';
  text.placeholder = 'A note (to attest) or a reason (not applicable, waive)';
  text.setAttribute('aria-label', `Note or reason for ${id}`);
  text.value = host.drafts.get(id) ?? '';
  text.oninput = () => host.drafts.set(id, text.value);
  form.append(text);
  const done = (message: string) => () => (feedback.textContent = message);
  const failed = (e: any) => (feedback.textContent = e.message ?? String(e));
  for (const [answer, label] of ANSWERS) {
    const button = el('button', 'jp-Button jp-mod-styled jp-raiassist-do', label);
    button.dataset.answer = answer;
    button.onclick = () => {
      feedback.textContent = `Writing to the record as ${host.answerer}…`;
      host.answer(current(), answer, text.value).then(() => {
        text.value = '';
        done(`Recorded as ${host.answerer}.`)();
      }, failed);
    };
    form.append(button);
  }
  const withdraw = el('button', 'jp-Button jp-mod-styled jp-raiassist-withdraw', 'Withdraw');
  withdraw.title = 'Take the recorded answer back';
  withdraw.hidden = !current().answer;
  withdraw.onclick = () => {
    feedback.textContent = 'Withdrawing the answer…';
    host.withdraw(current()).then(done('Withdrawn.'), failed);
  };
  form.append(withdraw);
  return form;
}
