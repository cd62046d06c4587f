import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkImportable, chooseInterpreter, installCommand, missingMessage, type Run, serverCommand } from '../src/interpreter';

test('the setting comes first, then the Python extension, then python3', () => {
  assert.deepEqual(chooseInterpreter({ setting: '/venv/bin/python', pythonExtension: '/conda/bin/python' }), {
    command: '/venv/bin/python',
    source: 'setting',
  });
  assert.deepEqual(chooseInterpreter({ setting: '  ', pythonExtension: '/conda/bin/python' }), {
    command: '/conda/bin/python',
    source: 'python-extension',
  });
  assert.deepEqual(chooseInterpreter({}), { command: 'python3', source: 'path' });
});

test('the server runs as `python -m raiassist lsp` plus the extra arguments', () => {
  assert.deepEqual(serverCommand('/venv/bin/python', ['--log-level', 'DEBUG']), {
    command: '/venv/bin/python',
    args: ['-m', 'raiassist', 'lsp', '--log-level', 'DEBUG'],
  });
});

test('the missing-server message is one sentence with the exact install command', () => {
  const message = missingMessage('/usr/bin/python3');
  assert.ok(message.includes('/usr/bin/python3 -m pip install "raiassist[lsp]"'));
  assert.equal(message.split(/[.;]\s/).length, 1);
  assert.equal(installCommand('/my venv/bin/python'), '"/my venv/bin/python" -m pip install "raiassist[lsp]"');
});

test('the import check runs the interpreter with the import and reads its exit code', async () => {
  const calls: string[][] = [];
  const ok: Run = async (command, args) => (calls.push([command, ...args]), { code: 0, output: '' });
  assert.deepEqual(await checkImportable('py', ok), { ok: true, detail: '' });
  assert.deepEqual(calls, [['py', '-c', 'import raiassist.lsp, pygls']]);

  const missing: Run = async () => ({ code: 1, output: "ModuleNotFoundError: No module named 'pygls'" });
  const result = await checkImportable('py', missing);
  assert.equal(result.ok, false);
  assert.match(result.detail, /exited with 1\nModuleNotFoundError/);

  const absent: Run = async () => ({ code: null, output: 'spawn nope ENOENT' });
  assert.match((await checkImportable('nope', absent)).detail, /could not be started/);
});
