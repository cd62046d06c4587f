import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingText, promptFor, requestFor, withText } from '../src/answers';
import { workspaceSummary } from '../src/summary';

test('a raiassist.answer call without text needs a prompt; one with text goes through', () => {
  const request = { id: 'F1.5', answer: 'attested', path: 'train.py' };
  assert.deepEqual(missingText('raiassist.answer', [request]), request);
  assert.deepEqual(missingText('raiassist.answer', [{ ...request, text: '  ' }]), { ...request, text: '  ' });
  assert.equal(missingText('raiassist.answer', [{ ...request, text: 'reviewed' }]), undefined);
  assert.equal(missingText('raiassist.showDocs', ['F1.5']), undefined);
  assert.equal(missingText('raiassist.answer', []), undefined);
});

test('prompts ask for a note when attesting and a reason otherwise', () => {
  assert.match(promptFor({ id: 'F1.5', answer: 'attested' }).prompt, /How is F1.5 met\?/);
  assert.match(promptFor({ id: 'F1.5', answer: 'waived' }).prompt, /Why is F1.5 waived\?/);
  assert.match(promptFor({ id: 'T3.2', answer: 'not-applicable' }).prompt, /Why does T3.2 not apply/);
});

test('checklist answers are scoped to the file unless the requirement is project-wide', () => {
  const file = requestFor('F1.5', 'attested', 'code', 'credit/model.ipynb', 'file:///p/credit/model.ipynb');
  assert.deepEqual(withText(file, ' checked by Dana '), {
    id: 'F1.5',
    answer: 'attested',
    path: 'credit/model.ipynb',
    uri: 'file:///p/credit/model.ipynb',
    text: 'checked by Dana',
  });
  assert.equal(requestFor('A1.1', 'waived', 'project', 'x.py', 'file:///p/x.py').path, null);
});

test('a workspace check is summed up in one line', () => {
  const report = {
    summary: { files: 4, open: { error: 2, warning: 1, info: 80 } },
    files: [{ relative: 'a.py', requirements: [{ id: 'F1.5', status: 'open', severity: 'error', message: 'm' }] }],
  };
  const summary = workspaceSummary(report);
  assert.equal(summary.headline, 'raiassist checked 4 files: 2 errors, 1 warning, 80 info open.');
  assert.deepEqual(summary.lines, ['a.py: F1.5 error m']);
  assert.equal(workspaceSummary({ summary: { files: 1, open: {} } }).headline, 'raiassist checked 1 file: nothing open.');
});
