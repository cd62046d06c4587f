/**
 * raiassist for VS Code: starts the raiassist language server for Python files and
 * notebooks, and adds the Responsible AI checklist view, a status-bar count and commands.
 */
import * as vscode from 'vscode';
import { ChecklistStore } from './checklist/store';
import { ChecklistView } from './checklist/view';
import { registerCommands } from './commands';
import { onEnvironmentChange } from './python';
import { Server } from './server';
import { reaction } from './settings';
import { StatusBar } from './statusbar';

let server: Server | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('raiassist', { log: true });
  server = new Server(output, context.extension.packageJSON as object);
  const store = new ChecklistStore(server);
  const view = new ChecklistView(store);
  context.subscriptions.push(output, server, store, view, new StatusBar(store));
  context.subscriptions.push(...registerCommands(server, store, view, output));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((event) => onConfiguration(event)));
  void server.restart();
  void onEnvironmentChange(() => {
    if (!vscode.workspace.getConfiguration('raiassist').get<string>('interpreter', '').trim()) {
      void server?.restart(); // the server runs in the Python extension's environment
    }
  }).then((subscription) => subscription && context.subscriptions.push(subscription));
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}

/** A new interpreter or new arguments restart the server; project settings are sent to it. */
function onConfiguration(event: vscode.ConfigurationChangeEvent): void {
  if (server === undefined) {
    return;
  }
  const keys = server.changes(event);
  const what = reaction((section) => event.affectsConfiguration(section), keys);
  if (what === 'restart') {
    void server.restart();
  } else if (what === 'notify') {
    void server.notifySettings();
  }
}
