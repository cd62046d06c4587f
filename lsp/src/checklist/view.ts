/**
 * The Responsible AI checklist tree: requirements of the active file or notebook in the
 * order to act on them (the core's `next_actions`: what to fix in the code, the file, the
 * process by goal, info, settled), each with its status and a severity icon; clicking one
 * reveals where it was triggered (the cell, in notebooks), else its diagnostic, else its docs.
 */
import * as vscode from 'vscode';
import { type Filter, filtered, iconFor, type Requirement, type SectionGroup, sectionsOf, statusText, tooltip } from './model';
import type { ChecklistStore } from './store';
import { revealDiagnostic, revealLocation } from './reveal';

export type Node = SectionGroup | Requirement;

export const VIEW_ID = 'raiassist.checklist';

export class ChecklistView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly subscriptions: vscode.Disposable[];
  private filter: Filter = { severities: [], statuses: [] };

  constructor(private readonly store: ChecklistStore) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [this.view, this.changed, store.onDidChange(() => this.update())];
    this.update();
  }

  getChildren(node?: Node): Node[] {
    if (node === undefined) {
      return this.store.checklist ? filtered(sectionsOf(this.store.checklist), this.filter) : [];
    }
    return isGroup(node) ? node.requirements : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return isGroup(node) ? this.goalItem(node) : this.requirementItem(node);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }

  /** A section; its id names the file, so one file's expanded or collapsed groups are not
   * carried over to the next file's (VS Code keeps a tree item's state by its id). */
  private goalItem(group: SectionGroup): vscode.TreeItem {
    const { section } = group;
    const state = section.collapsed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(section.title, state);
    const acting = group.requirements.filter((r) => r.status === 'open' && r.severity !== 'info').length;
    item.description = acting ? `${acting} to act on` : `${group.requirements.length}`;
    item.contextValue = `section.${section.kind}`;
    item.id = `section:${this.store.uri?.toString() ?? ''}:${section.kind}:${section.goal ?? ''}`;
    return item;
  }

  private requirementItem(req: Requirement): vscode.TreeItem {
    const item = new vscode.TreeItem(`${req.id} ${req.title}`, vscode.TreeItemCollapsibleState.None);
    const icon = iconFor(req);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.description = statusText(req);
    const checklist = this.store.checklist;
    item.tooltip = new vscode.MarkdownString(tooltip(req, checklist?.sources, checklist?.incidents?.find((i) => i.requirement === req.id)));
    item.contextValue = `requirement.${req.status}${req.answer ? '.answered' : ''}`;
    item.id = `requirement:${this.store.uri?.toString() ?? ''}:${req.id}`;
    item.command = { title: 'Show', command: 'raiassist.item.reveal', arguments: [req] };
    return item;
  }

  /** Reveal the requirement's first trigger location, else its diagnostic (a file-level
   * finding sits on the file's first line), else its docs. */
  async reveal(req: Requirement | undefined): Promise<void> {
    const uri = this.store.uri;
    if (req === undefined || uri === undefined) {
      return;
    }
    const location = req.locations[0];
    if (location !== undefined) {
      await revealLocation(uri, location);
    } else if (!(await revealDiagnostic(uri, req.id))) {
      await vscode.commands.executeCommand('raiassist.item.explain', req);
    }
  }

  /** Ask which severities and statuses to show (none picked: everything). */
  async chooseFilter(): Promise<void> {
    const severities: Filter['severities'] = ['error', 'warning', 'info'];
    const statuses: Filter['statuses'] = ['open', 'met', 'waived', 'not-applicable'];
    const items = [
      ...severities.map((label) => ({ label, description: 'severity', picked: this.filter.severities.includes(label) })),
      ...statuses.map((label) => ({ label, description: 'status', picked: this.filter.statuses.includes(label) })),
    ];
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: 'Show only… (pick none to show everything)' });
    if (picked === undefined) {
      return;
    }
    const labels = new Set(picked.map((item) => item.label));
    this.filter = {
      severities: severities.filter((s) => labels.has(s)),
      statuses: statuses.filter((s) => labels.has(s)),
    };
    this.update();
  }

  /** The requirement a context-menu action is for: as the tree shows it now. The node VS Code
   * passes may be from before a refresh (or missing when the tree was rebuilt meanwhile). */
  current(node: Requirement | undefined): Requirement | undefined {
    const wanted = node?.id ?? this.view.selection.find((n): n is Requirement => !isGroup(n))?.id;
    return this.store.checklist?.requirements.find((req) => req.id === wanted);
  }

  private update(): void {
    const checklist = this.store.checklist;
    const narrowed = [...this.filter.severities, ...this.filter.statuses];
    this.view.description = (checklist?.relative ?? '') + (narrowed.length ? ` · only ${narrowed.join(', ')}` : '');
    this.view.message = this.store.uri === undefined
      ? 'Open a Python file or a Jupyter notebook to see its Responsible AI checklist.'
      : checklist === undefined
        ? 'Waiting for the raiassist language server…'
        : checklist.requirements.length === 0
          ? 'No Responsible AI requirement applies to this file.'
          : undefined;
    this.changed.fire(undefined);
  }
}

function isGroup(node: Node): node is SectionGroup {
  return 'section' in node && typeof node.section === 'object';
}
