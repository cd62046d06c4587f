// End to end, the palette commands and live settings: explain a requirement, check the
// workspace, a project setting applied without a reload, and an interpreter without raiassist.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { changeSettings } from './files.mjs';
import { openFile, problems, runCommand, screenshot, workbenchSession } from './workbench.mjs';

describe('raiassist in VS Code: commands and settings', { concurrency: 1 }, () => {
  const session = workbenchSession('commands');
  /** @type {import('playwright-core').Page} */
  let page;
  beforeEach(() => {
    page = session.page;
  });

  test('checking the whole workspace sums up what is open', async () => {
    await openFile(page, 'support_bot.py');
    await page.locator('.statusbar-item', { hasText: /RAI \d+ to act on/ }).waitFor(); // the server is up
    await runCommand(page, 'Check the whole workspace');
    await page.locator('.notifications-toasts', { hasText: /raiassist checked 4 files: \d+ errors?, .* open\./ }).waitFor();
    await screenshot(page, '7-check-workspace');
  });

  test('a project setting applies without reloading the window', async () => {
    await openFile(page, 'support_bot.py');
    const warning = await problems(page, 'T2.2');
    await changeSettings(page, session.codeServer.tmp, { 'raiassist.show': 'error' }); // only errors are findings now
    await warning.waitFor({ state: 'detached' });
    await page.locator('.markers-panel', { hasText: 'No problems have been detected' }).waitFor();
    await screenshot(page, '8-setting-show-error');
  });

  test('explaining a requirement opens its docs as a markdown preview', async () => {
    await runCommand(page, 'Explain a requirement');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'A1.1' }).first().waitFor();
    await page.locator('.quick-input-widget input').fill('F1.5');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Evaluate quality of service' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'Preview F1.5.md' }).waitFor();
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await preview.locator('text=How to satisfy').first().waitFor();
    await screenshot(page, '9-explain');
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click(); // the focus leaves the preview
  });

  test('an interpreter without raiassist is named, with the exact install command', async () => {
    const venv = path.join(session.codeServer.tmp, 'bare-venv');
    execFileSync(String(process.env.RAIASSIST_PYTHON), ['-m', 'venv', '--without-pip', venv]);
    const python = path.join(venv, 'bin', 'python');
    await changeSettings(page, session.codeServer.tmp, { 'raiassist.interpreter': python });
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: `${python} -m pip install "raiassist[lsp]"` });
    await toast.waitFor();
    await screenshot(page, '10-missing-server-message');
    await toast.locator('.monaco-button', { hasText: 'Show Output' }).click();
    await page.locator('.part.panel', { hasText: "No module named 'raiassist'" }).waitFor(); // the detail, in the output
    await screenshot(page, '11-missing-server-output');
  });
});
