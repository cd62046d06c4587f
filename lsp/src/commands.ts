/** The extension's commands: palette commands, checklist item actions and `raiassist.insertCell`. */
import * as vscode from 'vscode';
import { type AnswerKind, requestFor, withText, promptFor, ANSWER_COMMAND } from './answers';
import { answererText, type Requirement } from './checklist/model';
import type { ChecklistStore } from './checklist/store';
import { type ChecklistView, VIEW_ID } from './checklist/view';
import { insertCell } from './notebook';
import type { Server } from './server';
import { workspaceSummary, type WorkspaceReport } from './summary';

export function registerCommands(server: Server, store: ChecklistStore, view: ChecklistView, output: vscode.LogOutputChannel): vscode.Disposable[] {
  const answer = (kind: AnswerKind) => (node?: Requirement) => answerFromChecklist(store, view.current(node), kind);
  const commands: Record<string, (...args: never[]) => unknown> = {
    'raiassist.restart': () => server.restart(),
    'raiassist.showChecklist': () => vscode.commands.executeCommand(`${VIEW_ID}.focus`),
    'raiassist.refreshChecklist': () => store.fetch(),
    'raiassist.filterChecklist': () => view.chooseFilter(),
    'raiassist.checkProject': () => checkProject(server, output),
    'raiassist.explain': () => explain(server, store),
    'raiassist.item.attest': answer('attested'),
    'raiassist.item.waive': answer('waived'),
    'raiassist.item.notApplicable': answer('not-applicable'),
    'raiassist.item.withdraw': (node?: Requirement) => withdrawFromChecklist(store, view.current(node)),
    'raiassist.item.explain': (node?: Requirement) => {
      const req = view.current(node) ?? node;
      return req ? showDocs(req.id, store) : undefined;
    },
    'raiassist.item.reveal': (node?: Requirement) => view.reveal(view.current(node)),
    'raiassist.insertCell': (request: Parameters<typeof insertCell>[0]) => insertCell(request),
  };
  return Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run));
}

/** Prompt for the note or reason, write the answer through the server, refresh the checklist. */
async function answerFromChecklist(store: ChecklistStore, req: Requirement | undefined, kind: AnswerKind): Promise<void> {
  const checklist = store.checklist;
  if (req === undefined || checklist === undefined || store.uri === undefined) {
    return;
  }
  const request = requestFor(req.id, kind, req.scope, checklist.relative, store.uri.toString());
  const asked = promptFor(request);
  const who = answererText(checklist.answerer);
  const prompt = who ? `${asked.prompt} ${who}` : asked.prompt;
  const text = await vscode.window.showInputBox({ ...asked, prompt, ignoreFocusOut: true });
  if (!text?.trim()) {
    return;
  }
  const entry = await vscode.commands.executeCommand<Record<string, string> | null>(ANSWER_COMMAND, withText(request, text));
  if (entry) {
    vscode.window.setStatusBarMessage(`raiassist: ${req.id} ${kind} in the project's record`, 5000);
  }
  await store.fetch();
}

/** Take back the answer the item shows (for its file, or the project's), after asking. */
async function withdrawFromChecklist(store: ChecklistStore, req: Requirement | undefined): Promise<void> {
  const checklist = store.checklist;
  if (!req?.answer || checklist === undefined || store.uri === undefined) {
    return;
  }
  const scope = req.answer.scope ?? 'project';
  const where = scope === 'project' ? 'the whole project' : scope;
  const sure = await vscode.window.showWarningMessage(
    `Withdraw the ${req.answer.answer} answer to ${req.id} for ${where}? It is removed from the project's record.`,
    { modal: true },
    'Withdraw',
  );
  if (sure !== 'Withdraw') {
    return;
  }
  const request = { id: req.id, path: scope === 'project' ? null : scope, uri: store.uri.toString() };
  const done = await vscode.commands.executeCommand<{ removed: number } | null>('raiassist.withdraw', request);
  if (done) {
    vscode.window.setStatusBarMessage(`raiassist: ${req.id} answer withdrawn`, 5000);
  }
  await store.fetch();
}

async function showDocs(id: string, store: ChecklistStore): Promise<void> {
  const uri = await vscode.commands.executeCommand<string | null>('raiassist.showDocs', id, store.uri?.toString());
  if (!uri) {
    void vscode.window.showWarningMessage(`raiassist: no requirement ${id} in this project's Standard.`);
  }
}

/** Pick a requirement (typing its ID filters the list) and show its docs. */
async function explain(server: Server, store: ChecklistStore): Promise<void> {
  const standard = await server.client?.sendRequest<{ requirements?: { id: string; title: string }[] } | null>(
    'raiassist/standard',
    { uri: store.uri?.toString() ?? null },
  );
  const items = (standard?.requirements ?? []).map((r) => ({ label: r.id, description: r.title }));
  const picked = items.length
    ? (await vscode.window.showQuickPick(items, { placeHolder: 'Requirement ID, e.g. F1.5', matchOnDescription: true }))?.label
    : await vscode.window.showInputBox({ prompt: 'Requirement ID to explain', placeHolder: 'e.g. F1.5' });
  if (picked?.trim()) {
    await showDocs(picked.trim(), store);
  }
}

/** `raiassist.checkWorkspace` on the server (which reports progress), then a one-line summary. */
async function checkProject(server: Server, output: vscode.LogOutputChannel): Promise<void> {
  if (server.client === undefined) {
    void vscode.window.showWarningMessage("raiassist: the language server is not running; run 'raiassist: Restart the language server'.");
    return;
  }
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'raiassist: checking the workspace' },
    () => vscode.commands.executeCommand<WorkspaceReport | null>('raiassist.checkWorkspace'),
  );
  if (!report) {
    return;
  }
  const summary = workspaceSummary(report);
  summary.lines.forEach((line) => output.info(line));
  const choice = await vscode.window.showInformationMessage(summary.headline, 'Show Output');
  if (choice) {
    output.show();
  }
}
