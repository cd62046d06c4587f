// The panel's content, built once and then updated in place: a heading with a refresh
// button, "N to act on", who answers are recorded as, filters, the notebook's problems, and
// the core's next_actions sections (collapsible), whose rows are kept by requirement id.
import { IChecklist, IItem } from './api';
import { IItemHost } from './details';
import { el } from './dom';
import { Row } from './item';
import { Filters } from './filters';
import { Problems } from './problems';

export interface IViewHost extends IItemHost {
  refresh(): Promise<void>;
  move(old: string): Promise<void>;
}

const SOURCES = { git: 'git', setting: "the 'answerer' setting", system: 'the system user' };

export class PanelView {
  readonly refreshButton = el('button', 'jp-Button jp-mod-minimal jp-raiassist-refresh', '⟳');
  private summary = el('p', 'jp-raiassist-summary');
  private who = el('p', 'jp-raiassist-answerer');
  private problems: Problems;
  private filters: Filters;
  private sections = el('div', 'jp-raiassist-sections');
  private rows = new Map<string, Row>();
  private groups = new Map<string, HTMLElement>();
  private opened = new Map<string, boolean>(); // sections the user opened or closed

  constructor(node: HTMLElement, private host: IViewHost) {
    const top = el('div', 'jp-raiassist-top');
    this.refreshButton.title = 'Check the notebook again';
    this.refreshButton.setAttribute('aria-label', 'Refresh the Responsible AI checklist');
    this.refreshButton.onclick = () => void host.refresh();
    top.append(el('h2', '', 'Responsible AI'), this.refreshButton);
    this.summary.setAttribute('role', 'status');
    this.problems = new Problems(old => host.move(old));
    this.filters = new Filters(() => this.applyFilters());
    this.sections.setAttribute('role', 'list');
    this.sections.onkeydown = event => moveFocus(this.sections, event);
    node.append(top, this.summary, this.who, this.filters.node, this.problems.node, this.sections);
  }

  /** The state of the active notebook: `path` null when none is open. */
  show(path: string | null, data: IChecklist | null, error: string): void {
    this.summary.classList.toggle('jp-raiassist-error', !!error);
    this.summary.textContent = summaryText(path, data, error);
    this.summary.dataset.toAct = data && !error ? String(data.to_act) : '';
    this.who.textContent = data
      ? `Answers are recorded as ${data.answerer.name} (from ${SOURCES[data.answerer.source]}).`
      : '';
    this.problems.show(data);
    this.filters.show(data ? data.requirements.length : 0);
    const focused = this.sections.contains(document.activeElement) ? document.activeElement : null;
    this.showSections(data);
    this.applyFilters();
    keepFocus(focused as HTMLElement | null);
  }

  private showSections(data: IChecklist | null): void {
    const items = new Map((data?.requirements ?? []).map(r => [r.id, r] as [string, IItem]));
    const keep = new Set<string>();
    const wanted: HTMLElement[] = [];
    for (const section of data?.next_actions ?? []) {
      const key = `${section.kind}:${section.goal ?? ''}`;
      const group = this.groups.get(key) ?? this.newGroup(key);
      const open = this.opened.get(key) ?? !section.collapsed;
      const button = group.firstElementChild as HTMLElement;
      button.textContent = section.title;
      button.setAttribute('aria-expanded', String(open));
      const list = group.lastElementChild as HTMLElement;
      list.hidden = !open;
      const ids = section.ids.filter(id => items.has(id));
      ids.forEach((id, index) => {
        keep.add(id);
        const row = this.rows.get(id) ?? new Row(items.get(id)!, this.host);
        this.rows.set(id, row);
        row.update(items.get(id)!);
        placeAt(list, row.node, index);
      });
      wanted.push(group);
    }
    for (const [id, row] of this.rows) {
      if (!keep.has(id)) {
        row.node.remove();
        this.rows.delete(id);
      }
    }
    for (const [key, group] of this.groups) {
      if (!wanted.includes(group)) {
        group.remove();
        this.groups.delete(key);
      }
    }
    wanted.forEach((group, index) => placeAt(this.sections, group, index));
  }

  private newGroup(key: string): HTMLElement {
    const [kind, goal] = key.split(':');
    const group = el('section', 'jp-raiassist-group');
    group.setAttribute('role', 'listitem');
    [group.dataset.kind, group.dataset.goal] = [kind, goal];
    const button = el('button', 'jp-raiassist-section');
    const list = el('ul', 'jp-raiassist-list');
    list.setAttribute('role', 'list');
    list.id = `raiassist-section-${key.replace(/[^A-Za-z0-9]/g, '-')}`;
    button.setAttribute('aria-controls', list.id);
    button.onclick = () => {
      const open = button.getAttribute('aria-expanded') !== 'true';
      this.opened.set(key, open);
      button.setAttribute('aria-expanded', String(open));
      list.hidden = !open;
    };
    group.append(button, list);
    this.groups.set(key, group);
    return group;
  }

  private applyFilters(): void {
    for (const row of this.rows.values()) {
      const data = row.node.dataset;
      row.node.hidden = !this.filters.accepts(data.severity ?? '', data.status ?? '');
    }
  }
}

/** Put `child` at `index` of `parent`, moving it only when it is elsewhere (a move would
 * take the focus away from a button or a note inside it). */
function placeAt(parent: HTMLElement, child: HTMLElement, index: number): void {
  if (parent.children[index] !== child) {
    parent.insertBefore(child, parent.children[index] ?? null);
  }
}

/** A focused button whose row moved into a closed section (an answer settled it) hands
 * the focus to that section's button, never to the page's body. */
function keepFocus(focused: HTMLElement | null): void {
  if (focused && focused.offsetParent === null) {
    const group = focused.closest('.jp-raiassist-group');
    (group?.querySelector('.jp-raiassist-section') as HTMLElement | null)?.focus();
  }
}

/** Up and down arrows (and Home, End) move between the visible section and row buttons. */
function moveFocus(root: HTMLElement, event: KeyboardEvent): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  const target = event.target as HTMLElement;
  if (!keys.includes(event.key) || !target.matches('.jp-raiassist-section, .jp-raiassist-head')) {
    return;
  }
  const buttons = [...root.querySelectorAll<HTMLElement>('.jp-raiassist-section, .jp-raiassist-head')]
    .filter(b => b.offsetParent !== null);
  const at = buttons.indexOf(target);
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key]!;
  buttons[Math.max(0, Math.min(next, buttons.length - 1))]?.focus();
  event.preventDefault();
}

function summaryText(path: string | null, data: IChecklist | null, error: string): string {
  if (error) {
    return error;
  }
  if (path === null) {
    return 'Open a notebook to see its checklist.';
  }
  if (!data) {
    return `Checking ${path}…`;
  }
  const count = (s: string) => data.requirements.filter(r => r.status === s).length;
  const notes = [data.error, ...data.notes].filter(Boolean).join(' ');
  return (
    `${data.relative}: ${data.to_act} to act on · ${data.requirements.length} apply ` +
    `(${count('open')} open, ${count('met')} met, ${count('waived')} waived, ` +
    `${count('not-applicable')} not applicable). ${notes}`
  ).trim();
}
