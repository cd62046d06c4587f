// What a user does in VS Code, as Playwright steps against code-server's workbench
// (selectors checked against Code 1.139). Every step waits on a selector, never on time.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before } from 'node:test';
import { launchBrowser, outputDir, startCodeServer } from './harness.mjs';

/** @typedef {import('playwright-core').Page} Page */

export const TIMEOUT = 60_000;

/**
 * One code-server and one browser page for a test file: started before its first test,
 * stopped (with a last screenshot) after its last.
 * @param {string} name
 * @param {Record<string, string>} extra more workspace files (see startCodeServer)
 */
export function workbenchSession(name, extra = {}) {
  /** @type {{codeServer: Awaited<ReturnType<typeof startCodeServer>>, browser: import('playwright-core').BrowserContext, page: Page}} */
  const session = /** @type {any} */ ({});
  before(async () => {
    session.codeServer = await startCodeServer(name, extra);
    session.browser = await launchBrowser(session.codeServer.tmp);
    session.page = session.browser.pages()[0] ?? (await session.browser.newPage());
    await openWorkbench(session.page, session.codeServer.url);
  });
  afterEach(async (context) => {
    const title = /** @type {{name?: string}} */ (context).name ?? 'test';
    await screenshot(session.page, `${name}-after-${title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });
  after(async () => {
    await session.browser?.close();
    await session.codeServer?.stop();
  });
  return session;
}

/** @param {Page} page @param {string} url */
export async function openWorkbench(page, url) {
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
}

/** Run a command from the palette by its title. @param {Page} page @param {string} title */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Open a workspace file with Quick Open. @param {Page} page @param {string} name */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor();
}

/**
 * Put the cursor at `line:column` of the file in the active editor (Go to Line).
 * @param {Page} page @param {string} name @param {string} where
 */
export async function goToLine(page, name, where) {
  await page.locator('.tab.active', { hasText: name }).click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${where}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Type into the open input box and accept. @param {Page} page @param {string} text */
export async function answerInputBox(page, text) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(text);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The Problems panel, once it lists `text`. @param {Page} page @param {string} text */
export async function problems(page, text) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
  }
  const row = panel.locator('.monaco-list-row', { hasText: text }).first();
  await row.waitFor();
  return row;
}

/** @param {Page} page @param {string} name */
export async function screenshot(page, name) {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: path.join(outputDir, `${name}.png`) });
}

/** Choose a quick fix at the cursor by its title. @param {Page} page @param {string | RegExp} title */
export async function quickFix(page, title) {
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row');
  await rows.first().waitFor();
  const row = rows.filter({ hasText: title }).first();
  // The list is virtual: rows below its fold exist only once the selection moves down to them.
  for (let step = 0; step < 40 && !(await row.isVisible()); step += 1) {
    await page.keyboard.press('ArrowDown');
  }
  await row.click();
}

/** Right-click a row of a tree and choose a context-menu entry. @param {Page} page */
export async function contextMenu(page, /** @type {import('playwright-core').Locator} */ row, /** @type {string} */ entry) {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-item', { hasText: entry }).first();
  await item.waitFor();
  // The menu ignores the mouse-up that follows its opening; hovering focuses an entry, Enter runs it.
  await item.hover();
  await page.locator('.context-view .monaco-menu .action-item.focused', { hasText: entry }).waitFor();
  await page.keyboard.press('Enter');
}
