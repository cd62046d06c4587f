// The editor and the commit hook give one answer, on a long notebook (126 cells, outputs,
// execution counts, a cell that does not parse): diagnostics stay in Problems while cells
// scroll out of view, and a waiver accepted in the editor is a waiver for `raiassist check`
// on the file the editor saved.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { fileMatches } from './files.mjs';
import { openFile, problems, quickFix, screenshot, workbenchSession } from './workbench.mjs';

const NOTEBOOK = 'credit/long_credit.ipynb';

describe('raiassist in VS Code on a long notebook: the editor agrees with the commit', { concurrency: 1 }, () => {
  const session = workbenchSession('gate', { [NOTEBOOK]: 'lsp/e2e/fixtures/long_credit.ipynb' });
  /** @type {import('playwright-core').Page} */
  let page;
  beforeEach(() => {
    page = session.page;
  });

  test('diagnostics of cells scrolled out of view stay in Problems', async () => {
    await openFile(page, 'long_credit.ipynb');
    await page.locator('.notebookOverlay .cell-list-container').waitFor();
    for (const id of ['A4.2', 'F1.5', 'T2.2', 'RA002']) {
      await problems(page, id);
    }
    // Go to the last cell, then back to the third: VS Code renders only the cells in view,
    // so the cells in between leave it both ways.
    await (await problems(page, 'T2.2')).dblclick();
    await page.locator('.statusbar-item', { hasText: /Cell 126 of 126/ }).waitFor();
    await page.locator('.notebookOverlay .monaco-editor', { hasText: 'joblib.dump' }).first().waitFor();
    await (await problems(page, 'A4.2')).dblclick();
    await page.locator('.statusbar-item', { hasText: /Cell 3 of 126/ }).waitFor();
    await page.locator('.notebookOverlay .monaco-editor', { hasText: 'joblib.dump' }).waitFor({ state: 'detached' });
    for (const id of ['A4.2', 'F1.5', 'F2.5', 'T2.2', 'RA002']) {
      await problems(page, id); // still listed: pushed, not pulled per visible cell
    }
    assert.equal(await page.locator('.markers-panel .monaco-list-row').count(), 8, 'the file row and its 7 problems');
    await page.locator('.statusbar-item', { hasText: /RAI 7 to act on/ }).waitFor(); // 2 errors, 5 warnings
    await screenshot(page, 'gate-1-problems-after-scrolling');
  });

  test('a waiver typed in the editor holds for raiassist check on the saved notebook', async () => {
    await (await problems(page, 'F1.5')).dblclick(); // the metric cell, cursor on the metric
    await page.locator('.notebookOverlay .monaco-editor.focused', { hasText: 'accuracy_score' }).waitFor();
    await quickFix(page, 'Waive F1.5 here, with a reason');
    await page.locator('.notebookOverlay .monaco-editor.focused', { hasText: '<reason>' }).waitFor();
    await page.keyboard.press('End');
    for (let i = 0; i < '<reason>'.length; i += 1) {
      await page.keyboard.press('Backspace');
    }
    await page.keyboard.type('evaluated per group in the nightly fairness job');
    await page.keyboard.press('Control+S');
    const file = path.join(session.codeServer.workspace, NOTEBOOK);
    await fileMatches(file, /rai: waive F1\.5 -- evaluated per group in the nightly fairness job/);
    const problemsRow = page.locator('.markers-panel .monaco-list-row', { hasText: 'F1.5' });
    await problemsRow.first().waitFor({ state: 'detached' }); // the editor says waived
    for (const id of ['A4.2', 'F2.5', 'T2.2', 'RA002']) {
      await problems(page, id); // the other cells keep theirs through the edit and the save
    }
    await screenshot(page, 'gate-2-waived-and-saved');
    let output;
    try {
      output = execFileSync(
        String(process.env.RAIASSIST_PYTHON),
        ['-m', 'raiassist', 'check', '--format', 'json', NOTEBOOK],
        { cwd: session.codeServer.workspace, encoding: 'utf8' },
      );
    } catch (failed) {
      output = /** @type {{stdout: string}} */ (failed).stdout; // exit 1: F2.5 is still open
    }
    const report = JSON.parse(output);
    const saved = report.files[0];
    const f15 = saved.requirements.find((/** @type {{id: string}} */ r) => r.id === 'F1.5');
    assert.equal(f15.status, 'waived', 'the commit hook agrees with the editor');
    assert.equal(f15.waiver.reason, 'evaluated per group in the nightly fairness job');
    assert.deepEqual(saved.problems.filter((/** @type {{id: string}} */ p) => p.id === 'RA101'), []);
  });
});
