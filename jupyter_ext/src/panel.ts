// The right-sidebar panel: the active notebook's checklist in the core's order, refreshed
// (debounced) when the cells' sources change, when another notebook becomes active, and when
// the record changes on disk (an answer from the CLI or VS Code appears without reopening).
// Each refresh updates the rows in place and never moves the focus.
import { NotebookPanel } from '@jupyterlab/notebook';
import { checkIcon } from '@jupyterlab/ui-components';
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { Answer, api, IChecklist, IExplanation, IIncident, IItem, ISource, ITemplate, ITemplates } from './api';
import { contentOf, insertCell, selectCell } from './notebook';
import { IViewHost, PanelView } from './view';

export const DEBOUNCE_MS = 120;
export const RECORD_POLL_MS = 1500;

export class ChecklistPanel extends Widget implements IViewHost {
  readonly expanded = new Set<string>();
  readonly drafts = new Map<string, string>();
  answerer = ''; // the JupyterLab setting; the server puts git's identity first
  private notebook: NotebookPanel | null = null;
  private data: IChecklist | null = null;
  private sent = ''; // the content of the last check: unchanged sources are not sent again
  private timer = 0;
  private poll = 0;
  private sequence = 0;
  private view: PanelView;
  private explained = new Map<string, Promise<IExplanation>>();
  private offered = new Map<string, Promise<ITemplates>>();
  private _changed = new Signal<this, IChecklist | null>(this);

  constructor() {
    super();
    this.id = 'raiassist-panel';
    this.addClass('jp-raiassist-panel');
    this.title.icon = checkIcon;
    this.title.caption = 'Responsible AI';
    this.view = new PanelView(this.node, this);
    this.view.show(null, null, '');
    this.poll = window.setInterval(() => void this.followRecord(), RECORD_POLL_MS);
  }

  get sources(): { [id: string]: ISource } {
    return this.data?.sources ?? {};
  }

  /** The one incident line per requirement that the current checklist carries, by ID. */
  get incidents(): { [id: string]: IIncident } {
    return Object.fromEntries((this.data?.incidents ?? []).map(i => [i.requirement, i]));
  }

  /** Emitted after each refresh, with the new checklist. */
  get changed(): ISignal<this, IChecklist | null> {
    return this._changed;
  }

  dispose(): void {
    window.clearInterval(this.poll);
    super.dispose();
  }

  setNotebook(panel: NotebookPanel | null): void {
    if (panel === this.notebook) {
      return;
    }
    this.notebook?.context.model.contentChanged.disconnect(this.schedule, this);
    [this.notebook, this.data, this.sent] = [panel, null, ''];
    this.expanded.clear();
    this.explained.clear();
    this.view.show(panel?.context.localPath ?? null, null, '');
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
    this.timer = window.setTimeout(() => void this.check(false), DEBOUNCE_MS);
  }

  /** Check again now, even when the sources are unchanged (the button, the command). */
  refresh(): Promise<void> {
    return this.check(true);
  }

  private async check(always: boolean): Promise<void> {
    const panel = this.notebook;
    if (!panel) {
      return;
    }
    const content = contentOf(panel);
    const text = JSON.stringify(content);
    if (!always && text === this.sent) {
      return; // an output streamed, a cell was selected: nothing the checks read changed
    }
    this.sent = text;
    const mine = ++this.sequence;
    let error = '';
    try {
      const data = await api.checklist(panel.context.localPath, content, this.answerer);
      if (mine !== this.sequence || panel !== this.notebook) {
        return;
      }
      this.data = data;
    } catch (e: any) {
      if (mine !== this.sequence) {
        return;
      }
      [this.data, this.sent, error] = [null, '', e.message ?? String(e)];
    }
    this.offered.clear();
    this.view.show(panel.context.localPath, this.data, error);
    this._changed.emit(this.data);
  }

  private async followRecord(): Promise<void> {
    const panel = this.notebook;
    if (!panel || !this.data || !this.isVisible || document.hidden) {
      return;
    }
    const now = await api.record(panel.context.localPath).catch(() => null);
    if (now && panel === this.notebook && now.stamp !== this.data?.record.stamp) {
      await this.refresh();
    }
  }

  toggle(item: IItem): void {
    if (!this.expanded.delete(item.id)) {
      this.expanded.add(item.id);
    }
    const cell = item.locations[0]?.cell;
    if (this.notebook && cell !== null && cell !== undefined) {
      void selectCell(this.notebook, cell);
    }
    this.view.show(this.notebook?.context.localPath ?? null, this.data, '');
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
      const after = found.insert_after;
      const index = after === null || after === undefined ? found.index : after + 1;
      await insertCell(this.notebook, index, template.kind, template.text);
    }
  }

  async answer(item: IItem, answer: Answer, text: string): Promise<void> {
    const path = this.notebook?.context.localPath ?? '';
    await api.answer(path, item.id, answer, text, scopeOf(item), this.answerer);
    this.drafts.delete(item.id);
    await this.refresh();
  }

  async withdraw(item: IItem): Promise<void> {
    const scope = item.answer?.scope === 'project' ? 'project' : 'file';
    await api.withdraw(this.notebook?.context.localPath ?? '', item.id, scope);
    await this.refresh();
  }

  async move(old: string): Promise<void> {
    await api.move(this.notebook?.context.localPath ?? '', old);
    await this.refresh();
  }
}

/** Answers to per-project requirements are the project's; the others are the notebook's. */
function scopeOf(item: IItem): string {
  return item.scope === 'project' ? 'project' : 'file';
}
