// A real JupyterLab for the end-to-end tests: 127.0.0.1, a random token, a temporary root
// holding a copy of examples/, Jupyter's state in that temporary folder, the server in its
// own process group (killed whole at the end), and Debian's headless Chromium.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];
export const OUTPUT = process.env.RAIASSIST_E2E_OUTPUT ?? path.resolve('../test-output/jupyter');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

function writeJson(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(data));
}

/** Start JupyterLab; resolves once the server says it is running. */
export async function startLab() {
  const venv = process.env.RAIASSIST_E2E_VENV;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raiassist-lab-'));
  const root = path.join(dir, 'root');
  fs.cpSync(process.env.RAIASSIST_E2E_EXAMPLES, path.join(root, 'examples'), { recursive: true });
  if (process.env.RAIASSIST_E2E_FIXTURES) {  // the 120-cell notebook, a project of its own
    fs.cpSync(process.env.RAIASSIST_E2E_FIXTURES, path.join(root, 'big'), { recursive: true });
  }
  const state = path.join(dir, 'state');
  writeJson(path.join(state, 'settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings'),
    { fetchNews: 'false', checkForUpdates: false });
  const env = { ...process.env, HOME: path.join(dir, 'home'), JUPYTER_CONFIG_DIR: `${state}/config`,
    JUPYTER_DATA_DIR: `${state}/data`, JUPYTER_RUNTIME_DIR: `${state}/runtime`,
    JUPYTERLAB_SETTINGS_DIR: `${state}/settings`, JUPYTERLAB_WORKSPACES_DIR: `${state}/ws`,
    IPYTHONDIR: `${state}/ipython`, XDG_CACHE_HOME: `${state}/cache`,
    GIT_AUTHOR_NAME: 'E2E', PATH: `${venv}/bin:${process.env.PATH}` };
  fs.mkdirSync(env.HOME, { recursive: true });
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const server = spawn(`${venv}/bin/jupyter`, ['lab', '--no-browser', '--allow-root',
    '--ip=127.0.0.1', `--port=${port}`, `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${root}`, '--FileContentsManager.delete_to_trash=False'],
  { env, cwd: root, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const log = fs.createWriteStream(path.join(OUTPUT, 'jupyterlab.log'));
  await new Promise((resolve, reject) => {
    let seen = '';
    server.stderr.on('data', chunk => {
      log.write(chunk);
      seen += chunk;
      if (seen.includes('is running at')) resolve();
    });
    server.on('exit', code => reject(new Error(`jupyter lab exited with ${code}:\n${seen}`)));
  });
  const browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1500, height: 950 },
    env: { ...process.env, XDG_CONFIG_HOME: `${dir}/xdg-config`, XDG_CACHE_HOME: `${dir}/xdg-cache` },
    args: FLAGS });
  const url = p => `http://127.0.0.1:${port}/${p}?token=${token}`;
  const stop = async () => {
    await browser.close().catch(() => {});
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}
    await new Promise(resolve => server.exitCode !== null ? resolve() : server.on('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { root, url, browser, stop, venv };
}

/** Open a notebook in JupyterLab and wait until its cells are there. */
export async function openNotebook(lab, page, notebook) {
  await page.goto(lab.url(`lab/tree/${notebook}`));
  await page.waitForSelector('.jp-NotebookPanel .jp-Cell');
}

export async function shoot(page, name) {
  await page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });
}
