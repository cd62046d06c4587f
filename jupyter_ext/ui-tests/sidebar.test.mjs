// The "Responsible AI" sidebar in a real JupyterLab: what a user sees and does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openNotebook, shoot, startLab } from './lab.mjs';

const NOTEBOOK = 'examples/credit/credit_model.ipynb';
const item = id => `#raiassist-panel .jp-raiassist-item[data-id="${id}"]`;
let lab;
let page;

before(async () => {
  lab = await startLab();
  page = await lab.browser.newPage();
});
after(async () => lab?.stop());

async function showPanel() {
  await page.click('.jp-SideBar.jp-mod-right li[data-id="raiassist-panel"]');
  await page.waitForSelector('#raiassist-panel .jp-raiassist-summary[data-open]');
}

test('the panel lists the open requirements of the notebook', async () => {
  await openNotebook(lab, page, NOTEBOOK);
  await showPanel();
  await page.waitForSelector(`${item('F1.5')}[data-status="open"][data-severity="error"]`);
  await page.waitForSelector(`${item('F2.5')}[data-status="open"][data-severity="error"]`);
  const summary = await page.textContent('#raiassist-panel .jp-raiassist-summary');
  assert.match(summary, /credit\/credit_model\.ipynb: \d+ open/);
  const count = await page.textContent('#raiassist-open-count');
  assert.match(count, /RAI: \d+ open \(2 error\)/);
  await shoot(page, '01-panel');
});
