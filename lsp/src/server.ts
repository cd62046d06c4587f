/**
 * The language client's lifecycle: find the interpreter, check that raiassist's server is
 * importable there (saying so once, in one sentence, when it is not), start `raiassist lsp`,
 * restart it, and pass project settings on without a restart.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  ShowMessageNotification,
} from 'vscode-languageclient/node';
import { checkImportable, missingMessage, serverCommand } from './interpreter';
import { executeCommand, showDocument } from './middleware';
import { findInterpreter, run } from './python';
import { didChangeSettings, initializationOptions, projectKeys, projectSettings, showsPopup } from './settings';

/** Python scripts and the python and markdown cells of notebooks and the interactive window. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'python' },
  { scheme: 'untitled', language: 'python' },
  { notebook: { notebookType: 'jupyter-notebook' }, language: 'python' },
  { notebook: { notebookType: 'jupyter-notebook' }, language: 'markdown' },
  { notebook: { notebookType: 'interactive' }, language: 'python' },
];

export class Server implements vscode.Disposable {
  client: LanguageClient | undefined;
  private readonly changed = new vscode.EventEmitter<LanguageClient | undefined>();
  /** Fires with the running client after each start, and with undefined after a stop. */
  readonly onDidChangeClient = this.changed.event;
  private readonly told = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly keys: string[];

  constructor(private readonly output: vscode.LogOutputChannel, manifest: object) {
    this.keys = projectKeys(manifest);
  }

  /** Start the server (or restart it); calls are serialised. */
  restart(): Promise<void> {
    this.queue = this.queue.then(() => this.stopNow()).then(() => this.startNow());
    return this.queue;
  }

  stop(): Promise<void> {
    this.queue = this.queue.then(() => this.stopNow());
    return this.queue;
  }

  /** The user's project settings (unset ones left out), keys as in `[tool.raiassist]`. */
  settings(): Record<string, unknown> {
    const config = vscode.workspace.getConfiguration('raiassist', vscode.workspace.workspaceFolders?.[0]);
    return projectSettings(this.keys, (key) => config.get(key));
  }

  /** Send changed project settings to the running server. */
  async notifySettings(): Promise<void> {
    await this.client?.sendNotification('workspace/didChangeConfiguration', didChangeSettings(this.settings()));
  }

  changes(event: vscode.ConfigurationChangeEvent): string[] {
    return this.keys.filter((key) => event.affectsConfiguration(`raiassist.${key}`));
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
  }

  private async startNow(): Promise<void> {
    const python = (await findInterpreter(this.output)).command;
    const importable = await checkImportable(python, run);
    if (!importable.ok) {
      this.output.error(importable.detail);
      this.tellOnce(missingMessage(python));
      return;
    }
    const extra = vscode.workspace.getConfiguration('raiassist').get<string[]>('serverArgs', []);
    // No `transport`: stdio without the `--stdio` argument that TransportKind.stdio would add.
    const options = { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath };
    const client = new LanguageClient('raiassist', 'raiassist', { ...serverCommand(python, extra), options }, this.clientOptions());
    client.onNotification(ShowMessageNotification.type, (message) => this.serverMessage(message.type, message.message));
    try {
      await client.start();
    } catch (error) {
      this.output.error(`the language server did not start: ${String(error)}`);
      client.dispose(1000).catch(() => undefined);
      this.tellOnce(`raiassist's language server did not start with ${python}; the output has the details.`);
      return;
    }
    this.client = client;
    this.changed.fire(client);
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) {
      return;
    }
    this.changed.fire(undefined);
    try {
      await client.stop(5000);
    } catch (error) {
      this.output.warn(`stopping the language server: ${String(error)}`);
    }
  }

  private clientOptions(): LanguageClientOptions {
    return {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: initializationOptions(this.settings()),
      middleware: { executeCommand, window: { showDocument } },
    };
  }

  private serverMessage(type: number, message: string): void {
    this.output.appendLine(message);
    const setting = vscode.workspace.getConfiguration('raiassist').get<string>('showNotifications', 'onError');
    if (showsPopup(setting, type)) {
      const show = type === 1 ? vscode.window.showErrorMessage : type === 2 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(message);
    }
  }

  /** One sentence, once per session; the details are in the output channel. */
  private tellOnce(message: string): void {
    if (this.told.has(message)) {
      return;
    }
    this.told.add(message);
    void vscode.window.showErrorMessage(message, 'Show Output', 'Restart').then((choice) => {
      if (choice === 'Show Output') {
        this.output.show();
      } else if (choice === 'Restart') {
        void this.restart();
      }
    });
  }
}
