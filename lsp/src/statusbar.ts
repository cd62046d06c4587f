/** The status-bar item: what there is to act on in the active document (open errors and
 * warnings); a click opens the checklist. */
import * as vscode from 'vscode';
import { openSummary, toAct } from './checklist/model';
import type { ChecklistStore } from './checklist/store';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('raiassist.open', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ChecklistStore) {
    this.item.name = 'raiassist: open requirements';
    this.item.command = 'raiassist.showChecklist';
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private update(): void {
    const checklist = this.store.checklist;
    if (!this.store.active || checklist === undefined) {
      this.item.hide();
      return;
    }
    this.item.text = `$(law) RAI ${toAct(checklist)} to act on`;
    this.item.tooltip = `Responsible AI: ${openSummary(checklist)} in ${checklist.relative}. Click for the checklist.`;
    this.item.show();
  }
}
