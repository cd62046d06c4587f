/**
 * The Responsible AI checklist tree: requirements of the active file or notebook grouped by
 * goal, each with its status and a severity icon; clicking one reveals where it was
 * triggered (the cell, in notebooks) or, when nothing in the file triggers it, its docs.
 */
import * as vscode from 'vscode';
import { type GoalGroup, groupByGoal, iconFor, type Requirement, statusText, tooltip } from './model';
import type { ChecklistStore } from './store';
import { revealLocation } from './reveal';

export type Node = GoalGroup | Requirement;

export const VIEW_ID = 'raiassist.checklist';

export class ChecklistView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: ChecklistStore) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [this.view, this.changed, store.onDidChange(() => this.update())];
    this.update();
  }

  getChildren(node?: Node): Node[] {
    if (node === undefined) {
      return this.store.checklist ? groupByGoal(this.store.checklist) : [];
    }
    return isGroup(node) ? node.requirements : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return isGroup(node) ? this.goalItem(node) : this.requirementItem(node);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }

  private goalItem(group: GoalGroup): vscode.TreeItem {
    const state = group.urgent ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(`${group.goal.id} ${group.goal.title}`, state);
    const settled = group.requirements.length - group.open;
    item.description = group.open ? `${group.open} open, ${settled} settled` : `all ${settled} settled`;
    item.tooltip = group.goal.principle ? `${group.goal.principle}: ${group.goal.title}` : group.goal.title;
    item.contextValue = 'goal';
    item.id = `goal:${group.goal.id}`;
    return item;
  }

  private requirementItem(req: Requirement): vscode.TreeItem {
    const item = new vscode.TreeItem(`${req.id} ${req.title}`, vscode.TreeItemCollapsibleState.None);
    const icon = iconFor(req);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.description = statusText(req);
    const checklist = this.store.checklist;
    item.tooltip = new vscode.MarkdownString(tooltip(req, checklist?.sources, checklist?.incidents?.find((i) => i.requirement === req.id)));
    item.contextValue = `requirement.${req.status}`;
    item.id = `requirement:${req.id}`;
    item.command = { title: 'Show', command: 'raiassist.item.reveal', arguments: [req] };
    return item;
  }

  /** Reveal the requirement's first trigger location, or its docs when it has none. */
  async reveal(req: Requirement): Promise<void> {
    const location = req.locations[0];
    if (location === undefined || this.store.uri === undefined) {
      await vscode.commands.executeCommand('raiassist.item.explain', req);
      return;
    }
    await revealLocation(this.store.uri, location);
  }

  private update(): void {
    const checklist = this.store.checklist;
    this.view.description = checklist?.relative ?? '';
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

function isGroup(node: Node): node is GoalGroup {
  return 'goal' in node && typeof node.goal === 'object';
}
