// The right-sidebar panel: the active notebook's checklist, grouped by goal, refreshed
// (debounced) as the notebook changes and whenever another notebook becomes active.
import { NotebookPanel } from '@jupyterlab/notebook';
import { checkIcon } from '@jupyterlab/ui-components';
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { Answer, api, IChecklist, IExplanation, IIncident, IItem, ISource, ITemplate, ITemplates } from './api';
import { IItemHost } from './item';
import { contentOf, insertCell, selectCell } from './notebook';
import { renderPanel } from './view';

export const DEBOUNCE_MS = 120;

export function openCount(data: IChecklist | null): number {
  return data ? data.requirements.filter(r => r.status === 'open').length : 0;
}

export class ChecklistPanel extends Widget implements IItemHost {
  readonly expanded = new Set<string>();
  readonly drafts = new Map<string, string>();
  private notebook: NotebookPanel | null = null;
  private data: IChecklist | null = null;
  private error = '';
  private timer = 0;
  private sequence = 0;
  private explained = new Map<string, Promise<IExplanation>>();
  private offered = new Map<string, Promise<ITemplates>>();
  private _changed = new Signal<this, IChecklist | null>(this);

  /** The catalogue entries the current checklist cites, by id. */
  get sources(): { [id: string]: ISource } {
    return this.data?.sources ?? {};
  }

  /** The one incident line per requirement that the current checklist carries, by ID. */
  get incidents(): { [id: string]: IIncident } {
    return Object.fromEntries((this.data?.incidents ?? []).map(i => [i.requirement, i]));
  }

  constructor() {
    super();
    this.id = 'raiassist-panel';
    this.addClass('jp-raiassist-panel');
    this.title.icon = checkIcon;
    this.title.caption = 'Responsible AI';
    this.render();
  }

  /** Emitted after each refresh, with the new checklist. */
  get changed(): ISignal<this, IChecklist | null> {
    return this._changed;
  }

  setNotebook(panel: NotebookPanel | null): void {
    if (panel === this.notebook) {
      return;
    }
    this.notebook?.context.model.contentChanged.disconnect(this.schedule, this);
    this.notebook = panel;
    this.data = null;
    this.error = '';
    this.expanded.clear();
    this.explained.clear();
    this.render();
    this._changed.emit(null);
    panel?.context.ready.then(() => {
      if (this.notebook === panel) {
        panel.context.model.contentChanged.connect(this.schedule, this);
        void this.refresh();
      }
    });
  }

  schedule(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  async refresh(): Promise<void> {
    const panel = this.notebook;
    if (!panel) {
      return;
    }
    const mine = ++this.sequence;
    try {
      const data = await api.checklist(panel.context.localPath, contentOf(panel));
      if (mine !== this.sequence || panel !== this.notebook) {
        return;
      }
      [this.data, this.error] = [data, ''];
    } catch (e: any) {
      if (mine !== this.sequence) {
        return;
      }
      this.error = e.message ?? String(e);
    }
    this.offered.clear();
    this.render();
    this._changed.emit(this.data);
  }

  toggle(item: IItem): void {
    if (!this.expanded.delete(item.id)) {
      this.expanded.add(item.id);
    }
    const cell = item.locations[0]?.cell;
    if (this.notebook && cell !== null && cell !== undefined) {
      void selectCell(this.notebook, cell);
    }
    this.render();
  }

  explain(id: string): Promise<IExplanation> {
    const path = this.notebook?.context.localPath ?? '';
    if (!this.explained.has(id)) {
      this.explained.set(id, api.explain(path, id));
    }
    return this.explained.get(id)!;
  }

  templates(id: string): Promise<ITemplates> {
    const panel = this.notebook;
    if (!panel) {
      return Promise.reject(new Error('no notebook'));
    }
    if (!this.offered.has(id)) {
      this.offered.set(id, api.templates(panel.context.localPath, contentOf(panel), id));
    }
    return this.offered.get(id)!;
  }

  async insert(found: ITemplates, template: ITemplate): Promise<void> {
    if (this.notebook) {
      await insertCell(this.notebook, found.index, template.kind, template.text);
    }
  }

  async answer(item: IItem, answer: Answer, text: string): Promise<void> {
    const path = this.notebook?.context.localPath ?? '';
    const scope = item.scope === 'project' ? 'project' : 'file';
    await api.answer(path, item.id, answer, text, scope);
    this.drafts.delete(item.id);
    await this.refresh();
  }

  private render(): void {
    renderPanel(this.node, this.notebook?.context.localPath ?? null, this.data, this.error, this);
  }
}
