// Starts what the end-to-end test drives: a code-server (Node 24, bound to 127.0.0.1, in its
// own process group) with the freshly built .vsix installed and a copy of examples/ as the
// workspace, and headless Chromium. Everything lives in one temp folder, removed at the end.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const repo = path.resolve(import.meta.dirname, '../..');
export const outputDir = path.join(repo, 'test-output', 'vscode');

/** @param {string} name */
function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run scripts/test-vscode, which installs code-server and sets it`);
  }
  return value;
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/** @param {string} url @param {number} timeoutMs */
async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // poll interval, not a wait for the UI
  }
}

/**
 * The user settings with `changes` applied, as JSON text (the file is the one code-server uses).
 * @param {string} tmp @param {Record<string, unknown>} changes
 */
export function settingsWith(tmp, changes) {
  const file = path.join(tmp, 'user', 'User', 'settings.json');
  return JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...changes }, null, 2);
}

/**
 * Start code-server with the extension; returns { url, workspace, tmp, stop }.
 * @param {string} name names its log in test-output/vscode/
 * @param {Record<string, string>} extra more files for the workspace: its relative path to the file to copy
 */
export async function startCodeServer(name, extra = {}) {
  const codeServer = required('RAIASSIST_CODE_SERVER');
  const node24 = required('RAIASSIST_NODE24_BIN');
  const python = required('RAIASSIST_PYTHON');
  const vsix = process.env.RAIASSIST_VSIX ?? path.join(repo, 'dist', 'raiassist.vsix');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'raiassist-vscode-'));
  const workspace = path.join(tmp, 'work', 'examples');
  cpSync(path.join(repo, 'examples'), workspace, { recursive: true });
  for (const [target, source] of Object.entries(extra)) {
    cpSync(path.join(repo, source), path.join(workspace, target));
  }
  const settings = {
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false, 'update.mode': 'none', 'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.tips.enabled': false,
    'notebook.output.textLineLimit': 5, 'raiassist.interpreter': python,
    // changeSettings() types settings.json: no brackets or indentation added on the way
    '[jsonc]': { 'editor.autoClosingBrackets': 'never', 'editor.autoClosingQuotes': 'never', 'editor.autoIndent': 'none' },
    'raiassist.trace.server': process.env.RAIASSIST_E2E_TRACE ? 'verbose' : 'off',
  };
  mkdirSync(path.join(tmp, 'user', 'User'), { recursive: true });
  writeFileSync(path.join(tmp, 'user', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const env = {
    ...process.env, PATH: `${node24}:${process.env.PATH}`, XDG_CONFIG_HOME: path.join(tmp, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg', 'data'), XDG_CACHE_HOME: path.join(tmp, 'xdg', 'cache'),
    NODE_COMPILE_CACHE: path.join(tmp, 'node-compile-cache'), TMPDIR: path.join(tmp, 't'),
  };
  mkdirSync(env.TMPDIR, { recursive: true }); // code-server's sockets go there, not to /tmp
  const base = ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', path.join(tmp, 'user'), '--extensions-dir', path.join(tmp, 'ext')];
  execFileSync(codeServer, [...base, '--install-extension', vsix], { env, stdio: 'pipe' });
  const port = await freePort();
  const log = path.join(tmp, 'code-server.log');
  const flags = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--reconnection-grace-time', '5', ...(process.env.RAIASSIST_E2E_TRACE ? ['--log', 'trace'] : [])];
  const fd = openSync(log, 'a');
  // detached: the server leads its own process group (setsid), so stop() ends every child
  const child = spawn(codeServer, [...base, ...flags, workspace], { env, detached: true, stdio: ['ignore', fd, fd] });
  const exited = once(child, 'exit');
  const stop = async () => {
    mkdirSync(outputDir, { recursive: true });
    await killGroup(child.pid, exited);
    copyFileSync(log, path.join(outputDir, `code-server-${name}.log`));
    if (!process.env.RAIASSIST_E2E_KEEP) {
      rmSync(tmp, { recursive: true, force: true });
    }
  };
  try {
    await waitForHealth(`http://127.0.0.1:${port}/healthz`, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, workspace, tmp, stop };
}

/**
 * SIGTERM the whole process group, SIGKILL whatever is left after 5 s.
 * @param {number | undefined} pid @param {Promise<unknown>} exited
 */
async function killGroup(pid, exited) {
  if (!pid) return;
  const signal = (/** @type {NodeJS.Signals} */ name) => {
    try {
      process.kill(-pid, name);
    } catch {
      // the group is gone already
    }
  };
  signal('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  signal('SIGKILL');
}

/** Headless Chromium (Debian's) with its profile and caches inside `tmp`. @param {string} tmp */
export async function launchBrowser(tmp) {
  return chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: process.env.RAIASSIST_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
