// End to end in a real VS Code (code-server) in headless Chromium: what a user of the
// extension sees. Screenshots go to test-output/vscode/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startCodeServer } from './harness.mjs';
import { goToLine, openFile, openWorkbench, problems, screenshot } from './workbench.mjs';

/** @type {Awaited<ReturnType<typeof startCodeServer>>} */
let codeServer;
/** @type {import('playwright-core').BrowserContext} */
let browser;
/** @type {import('playwright-core').Page} */
let page;

describe('raiassist in VS Code', { concurrency: 1 }, () => {
  before(async () => {
    codeServer = await startCodeServer();
    browser = await launchBrowser(codeServer.tmp);
    page = browser.pages()[0] ?? (await browser.newPage());
    await openWorkbench(page, codeServer.url);
  });

  after(async () => {
    if (page) await screenshot(page, 'last').catch(() => undefined);
    await browser?.close();
    await codeServer?.stop();
  });

  test('a Python script gets squiggles and Problems entries from the server', async () => {
    await openFile(page, 'support_bot.py');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    const row = await problems(page, 'T2.2');
    assert.match(await row.innerText(), /model card/i);
    await page.locator('.statusbar-item', { hasText: /RAI \d+ open/ }).waitFor();
    await screenshot(page, '1-script-diagnostics');
  });

  test('hovering a flagged line explains the requirement', async () => {
    await goToLine(page, 'support_bot.py', '15:30'); // inside client.chat.completions.create(
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I'); // "Show or Focus Hover" at the cursor
    const hover = page.locator('.monaco-hover', { hasText: 'How to satisfy' }).first();
    await hover.waitFor();
    assert.match(await hover.innerText(), /T2\.2|T3\.2/);
    await screenshot(page, '2-hover');
    await page.keyboard.press('Escape');
  });
});
