/**
 * The checklist of the active script or notebook, fetched with the server's
 * `raiassist/checklist` request and refreshed (debounced) when the active editor, the
 * document's diagnostics or the server change. The tree view and the status bar read it.
 */
import * as vscode from 'vscode';
import type { Server } from '../server';
import type { Checklist } from './model';

const DEBOUNCE_MS = 250;
const NOTEBOOK_TYPES = ['jupyter-notebook', 'interactive'];

export class ChecklistStore implements vscode.Disposable {
  /** The document the checklist is for: a Python file or a notebook. */
  uri: vscode.Uri | undefined;
  checklist: Checklist | undefined;
  /** Whether that document is in the active editor now. */
  active = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly server: Server) {
    this.subscriptions.push(
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.track()),
      vscode.window.onDidChangeActiveNotebookEditor(() => this.track()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => this.concerns(uri))) {
          this.refresh();
        }
      }),
      server.onDidChangeClient(() => this.refresh()),
    );
    this.track();
  }

  /** Follow the active editor when it shows a Python file or a notebook. */
  track(): void {
    const uri = activeDocument();
    if (this.active !== (uri !== undefined)) {
      this.active = uri !== undefined;
      this.changed.fire();
    }
    if (uri !== undefined && uri.toString() !== this.uri?.toString()) {
      this.uri = uri;
      this.checklist = undefined;
      this.changed.fire();
      this.refresh();
    }
  }

  /** Fetch again soon; bursts of changes are folded into one request. */
  refresh(delay = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetch(), delay);
  }

  /** Fetch now and wait for the answer. */
  async fetch(): Promise<void> {
    const client = this.server.client;
    const uri = this.uri;
    const generation = ++this.generation;
    if (client === undefined || uri === undefined) {
      return;
    }
    try {
      const result = await client.sendRequest<Checklist | null>('raiassist/checklist', {
        uri: client.code2ProtocolConverter.asUri(uri),
      });
      if (generation === this.generation) {
        this.checklist = result ?? undefined;
        this.changed.fire();
      }
    } catch {
      // The server answers every request; an error here means it stopped: the next start refreshes.
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
  }

  private concerns(uri: vscode.Uri): boolean {
    const current = this.uri?.toString();
    if (uri.toString() === current) {
      return true;
    }
    const notebook = vscode.workspace.notebookDocuments.find((nb) => nb.uri.toString() === current);
    return notebook?.getCells().some((cell) => cell.document.uri.toString() === uri.toString()) ?? false;
  }
}

/** The active notebook, or the active Python text editor's document. */
function activeDocument(): vscode.Uri | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (notebook !== undefined && NOTEBOOK_TYPES.includes(notebook.notebookType)) {
    return notebook.uri;
  }
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === 'python' && ['file', 'untitled'].includes(document.uri.scheme)) {
    return document.uri;
  }
  return undefined;
}
