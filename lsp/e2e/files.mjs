// Files the end-to-end tests wait on or change through the UI: the project's record, which
// the language server writes, and the user settings, which the test edits as a user does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { settingsWith } from './harness.mjs';
import { runCommand, TIMEOUT } from './workbench.mjs';

/** @typedef {import('playwright-core').Page} Page */

/**
 * Wait until a file's text passes `check` (a pattern, or a predicate): the record and the
 * settings are written by processes the page cannot observe, so this polls until the deadline.
 * @param {string} file @param {RegExp | ((text: string) => boolean)} check
 */
export async function fileMatches(file, check, timeoutMs = TIMEOUT) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = readFileSync(file, 'utf8');
    if (typeof check === 'function' ? check(text) : check.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`${file} never matched ${check}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Change user settings as a user does: edit settings.json in the editor and save it.
 * @param {Page} page @param {string} tmp @param {Record<string, unknown>} changes
 */
export async function changeSettings(page, tmp, changes) {
  const text = settingsWith(tmp, changes);
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  const editor = page.locator('.monaco-editor', { hasText: '"workbench.startupEditor"' }).first(); // Code 1.139: a modal
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Control+Shift+End'); // whatever the editor added after the cursor
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+S');
  const saved = (/** @type {string} */ now) => JSON.stringify(JSON.parse(now)) === JSON.stringify(JSON.parse(text));
  await fileMatches(path.join(tmp, 'user', 'User', 'settings.json'), (now) => {
    try {
      return saved(now);
    } catch {
      return false; // half-written
    }
  });
  await page.keyboard.press('Control+W');
  await editor.waitFor({ state: 'detached' });
}
