/**
 * Which Python runs the language server, and whether raiassist is importable there. Pure
 * apart from the injected `run`, so discovery is unit-tested without VS Code.
 */

export type Source = 'setting' | 'python-extension' | 'path';

export interface Interpreter {
  command: string;
  source: Source;
}

export interface Candidates {
  /** The `raiassist.interpreter` setting ("" when unset). */
  setting?: string;
  /** The Python extension's active environment, when that extension is installed. */
  pythonExtension?: string;
}

/** The first of: the setting, the Python extension's environment, `python3` on the PATH. */
export function chooseInterpreter(candidates: Candidates): Interpreter {
  const setting = candidates.setting?.trim();
  if (setting) {
    return { command: setting, source: 'setting' };
  }
  const active = candidates.pythonExtension?.trim();
  if (active) {
    return { command: active, source: 'python-extension' };
  }
  return { command: 'python3', source: 'path' };
}

/** The modules the server needs; importing them is the check. */
export const IMPORT_CHECK = ['-c', 'import raiassist.lsp, pygls'];

/** The command and arguments that start the server. */
export function serverCommand(python: string, extraArgs: readonly string[] = []): { command: string; args: string[] } {
  return { command: python, args: ['-m', 'raiassist', 'lsp', ...extraArgs] };
}

/** The exact command that installs the server into this interpreter. */
export function installCommand(python: string): string {
  const quoted = /\s/.test(python) ? `"${python}"` : python;
  return `${quoted} -m pip install "raiassist[lsp]"`;
}

/** The one sentence a user sees when the server cannot start there. */
export function missingMessage(python: string): string {
  return `raiassist's language server is not installed for ${python}: install it with ${installCommand(python)}`;
}

export interface RunResult {
  /** Exit code, or null when the process could not be started at all. */
  code: number | null;
  output: string;
}

export type Run = (command: string, args: string[]) => Promise<RunResult>;

export interface Importable {
  ok: boolean;
  /** Everything the check printed, for the output channel (never for a pop-up). */
  detail: string;
}

/** Whether `python -c "import raiassist.lsp, pygls"` succeeds. */
export async function checkImportable(python: string, run: Run): Promise<Importable> {
  const result = await run(python, IMPORT_CHECK);
  if (result.code === 0) {
    return { ok: true, detail: '' };
  }
  const how = result.code === null ? 'could not be started' : `exited with ${result.code}`;
  return { ok: false, detail: `${python} ${IMPORT_CHECK.join(' ')} ${how}\n${result.output}`.trim() };
}
