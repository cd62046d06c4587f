// End to end in a real VS Code (code-server) in headless Chromium: what a user of the
// extension sees, on a copy of examples/. Screenshots go to test-output/vscode/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { fileMatches } from './files.mjs';
import {
  answerInputBox, contextMenu, goToLine, openFile, problems, quickFix, runCommand, screenshot, workbenchSession,
} from './workbench.mjs';

describe('raiassist in VS Code: scripts, notebooks, the checklist', { concurrency: 1 }, () => {
  const session = workbenchSession('editing');
  /** @type {import('playwright-core').Page} */
  let page;
  beforeEach(() => {
    page = session.page;
  });
  const record = () => path.join(session.codeServer.workspace, 'responsible-ai.yaml');

  test('a Python script gets squiggles and Problems entries from the server', async () => {
    await openFile(page, 'support_bot.py');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    const row = await problems(page, 'T2.2');
    assert.match(await row.innerText(), /model card/i);
    await page.locator('.statusbar-item', { hasText: /RAI \d+ to act on/ }).waitFor();
    await screenshot(page, '1-script-diagnostics');
  });

  test('hovering a flagged line explains the requirement', async () => {
    await goToLine(page, 'support_bot.py', '15:30'); // inside client.chat.completions.create(
    await page.mouse.move(700, 500);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I'); // "Show or Focus Hover" at the cursor
    const hover = page.locator('.monaco-hover', { hasText: 'To do:' }).first();
    await hover.waitFor();
    const text = await hover.innerText();
    assert.match(text, /T2\.2 Publish what the system can and cannot do|T3\.2 /);
    assert.match(text, /Full requirement/);
    assert.doesNotMatch(text, /How to satisfy|Crosswalk/, 'the full page is behind the link');
    await screenshot(page, '2-hover');
    await page.keyboard.press('Escape');
  });

  test("a code action's attestation asks for the note and lands in the record", async () => {
    await goToLine(page, 'support_bot.py', '15:30');
    await quickFix(page, 'Attest T3.2 as met');
    await answerInputBox(page, 'The widget header says "AI assistant" (UX review 42)');
    const text = await fileMatches(record(), /id: T3\.2\n\s+answer: attested\n\s+scope: chatbot\/support_bot\.py/);
    assert.match(text, /note: The widget header says "AI assistant" \(UX review 42\)/);
  });

  test('a notebook gets diagnostics on its cells', async () => {
    await openFile(page, 'credit_model.ipynb');
    await page.locator('.notebookOverlay .cell-list-container').waitFor();
    const row = await problems(page, 'F1.5');
    await row.click(); // reveals cell 7, where accuracy_score is computed
    await page.locator('.notebookOverlay .monaco-editor .squiggly-error').first().waitFor();
    await page.locator('.statusbar-item', { hasText: /Cell 7 of 8/ }).waitFor();
    await screenshot(page, '3-notebook-diagnostics');
  });

  test('a quick fix inserts the documentation template as a markdown cell', async () => {
    await (await problems(page, 'A4.2')).dblclick(); // opens cell 3 (pd.read_csv) with the focus in it
    await page.locator('.statusbar-item', { hasText: /Cell 3 of 8/ }).waitFor();
    await page.locator('.notebookOverlay .monaco-editor.focused').waitFor();
    await quickFix(page, "Insert the 'data-provenance' template as a markdown cell");
    await page.locator('.statusbar-item', { hasText: /Cell 4 of 9/ }).waitFor();
    const preview = page.frameLocator('.notebookOverlay iframe.webview').frameLocator('#active-frame');
    await preview.locator('h2', { hasText: 'Data provenance' }).waitFor();
    await screenshot(page, '4-quick-fix-template-cell');
  });

  test("the checklist lists the notebook's requirements with their statuses", async () => {
    await runCommand(page, 'Show the Responsible AI checklist');
    const view = page.locator('.part.sidebar');
    const item = (/** @type {string} */ id) => view.locator('.monaco-list-row', { hasText: `${id} ` }).first();
    await item('F1.5').waitFor();
    assert.match(await item('F1.5').innerText(), /open · error/);
    const first = view.locator('.monaco-list-row', { hasText: 'Fix in the code' }).first();
    assert.match(await first.innerText(), /\d+ to act on/);
    await view.locator('.monaco-list-row', { hasText: /settled/ }).first().click(); // collapsed: what is done
    await view.locator('.monaco-list-row', { hasText: /A3\.\d .*met: / }).first().waitFor();
    await item('F1.5').click(); // goes to its trigger: cell 8 now that the template cell is in
    await page.locator('.statusbar-item', { hasText: /Cell 8 of 9/ }).waitFor();
    await page.locator('.notebookOverlay .monaco-editor.focused', { hasText: 'accuracy_score' }).waitFor();
    await page.locator('.statusbar-item', { hasText: /RAI \d+ to act on/ }).click(); // back to the checklist
    await screenshot(page, '5-checklist');
  });

  test('attesting from the checklist writes the record and the item turns met', async () => {
    const view = page.locator('.part.sidebar');
    const item = view.locator('.monaco-list-row', { hasText: 'F1.5 ' }).first();
    await contextMenu(page, item, 'Attest…');
    await answerInputBox(page, 'Per-group recall and selection rate run in the nightly fairness job');
    const text = await fileMatches(record(), /id: F1\.5\n\s+answer: attested\n\s+scope: credit\/credit_model\.ipynb/);
    assert.match(text, /note: Per-group recall and selection rate run in the nightly fairness job/);
    await view.locator('.monaco-list-row', { hasText: /F1\.5 .*met, attested: Per-group recall/ }).waitFor();
    await screenshot(page, '6-checklist-attested');
  });
});
