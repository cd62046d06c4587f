/**
 * Where the interpreter comes from inside VS Code: the `raiassist.interpreter` setting, the
 * Python extension's active environment (optional: everything works without it), `python3`.
 */
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { chooseInterpreter, type Interpreter, type RunResult } from './interpreter';

interface PythonApi {
  environments?: {
    getActiveEnvironmentPath?(resource?: vscode.Uri): { path: string } | undefined;
    resolveEnvironment?(env: { path: string } | string): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
}

/** The interpreter for the current workspace, by the documented order. */
export async function findInterpreter(log: vscode.LogOutputChannel): Promise<Interpreter> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const setting = vscode.workspace.getConfiguration('raiassist', folder).get<string>('interpreter', '');
  const chosen = chooseInterpreter({
    setting: expand(setting, folder),
    pythonExtension: setting.trim() ? undefined : await activeEnvironment(folder?.uri, log),
  });
  log.info(`interpreter ${chosen.command} (from ${chosen.source})`);
  return chosen;
}

async function activeEnvironment(resource: vscode.Uri | undefined, log: vscode.LogOutputChannel): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension<PythonApi>('ms-python.python');
  if (extension === undefined) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const active = api.environments?.getActiveEnvironmentPath?.(resource);
    if (active === undefined) {
      return undefined;
    }
    const resolved = await api.environments?.resolveEnvironment?.(active);
    return resolved?.executable?.uri?.fsPath ?? active.path;
  } catch (error) {
    log.warn(`the Python extension did not give an environment: ${String(error)}`);
    return undefined;
  }
}

/** Call `listener` when the Python extension's active environment changes (never without it). */
export async function onEnvironmentChange(listener: () => void): Promise<vscode.Disposable | undefined> {
  const extension = vscode.extensions.getExtension<PythonApi>('ms-python.python');
  try {
    const api = extension === undefined ? undefined : extension.isActive ? extension.exports : await extension.activate();
    return api?.environments?.onDidChangeActiveEnvironmentPath?.(() => listener());
  } catch {
    return undefined;
  }
}

/** `${workspaceFolder}` and paths relative to the workspace folder. */
function expand(setting: string, folder: vscode.WorkspaceFolder | undefined): string {
  const root = folder?.uri.fsPath ?? '';
  const value = setting.trim().replace(/\$\{workspaceFolder\}/g, root);
  return value.includes('/') && !path.isAbsolute(value) && root ? path.join(root, value) : value;
}

/** Run a short command (the import check); never throws. */
export function run(command: string, args: string[]): Promise<RunResult> {
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error === null) {
        resolve({ code: 0, output });
      } else {
        const code = typeof error.code === 'number' ? error.code : null;
        resolve({ code, output: code === null ? `${output}${error.message}` : output }); // null: it did not run
      }
    });
  });
}
