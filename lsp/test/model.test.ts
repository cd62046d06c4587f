import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { answererText, type Checklist, filtered, iconFor, openSummary, sectionsOf, statusText, toAct, tooltip } from '../src/checklist/model';

const checklist = JSON.parse(readFileSync('lsp/test/fixtures/checklist.json', 'utf8')) as Checklist;
const byId = (id: string) => checklist.requirements.find((req) => req.id === id)!;

const credit = JSON.parse(readFileSync('lsp/test/fixtures/credit-checklist.json', 'utf8')) as Checklist;

test('the tree follows the core order: what to fix in the code first, settled last', () => {
  const sections = sectionsOf(credit);
  assert.deepEqual(sections.map((s) => s.section.kind).slice(0, 2), ['code', 'file']);
  assert.deepEqual(sections.at(-1)?.section.kind, 'done');
  assert.deepEqual(sections[0].requirements.slice(0, 2).map((r) => r.id), ['F1.5', 'F2.5']);
  const listed = sections.flatMap((s) => s.requirements.map((r) => r.id));
  assert.deepEqual([...listed].sort(), credit.requirements.map((r) => r.id).sort(), 'each requirement once');
});

test('to act on counts open errors and warnings, not info', () => {
  assert.equal(toAct(credit), 7);
  assert.equal(toAct({ ...credit, to_act: undefined }), 7, 'the same count from the requirements themselves');
  assert.equal(toAct(undefined), 0);
});

test('a filter keeps the order and drops sections left empty', () => {
  const errors = filtered(sectionsOf(credit), { severities: ['error'], statuses: [] });
  assert.deepEqual(errors.flatMap((s) => s.requirements.map((r) => r.id)), ['F1.5', 'F2.5']);
  const met = filtered(sectionsOf(credit), { severities: [], statuses: ['met'] });
  assert.deepEqual(met.map((s) => s.section.kind), ['done']);
  assert.equal(filtered(sectionsOf(credit), { severities: [], statuses: [] }).length, sectionsOf(credit).length);
});

test('who the answer will be recorded as', () => {
  assert.equal(answererText({ name: 'Dee', source: 'git' }), "Recorded as Dee (from git's user.name).");
  assert.equal(answererText(undefined), '');
});

test('the summary by severity', () => {
  assert.equal(openSummary(checklist), '1 error, 1 info open');
  assert.equal(openSummary({ ...checklist, requirements: [] }), 'nothing open');
});

test('status text names what settles a requirement', () => {
  assert.equal(statusText(byId('F1.5')), 'open · error');
  assert.equal(statusText(byId('F1.2')), 'met: attested by Dana');
  assert.equal(statusText({ ...byId('F1.2'), evidence: [] }), 'met, attested: Reviewed with the board');
  assert.equal(statusText(byId('T2.2')), 'waived: card lives in registry CR-142');
  assert.equal(statusText(byId('F1.4')), 'not applicable: no groups here');
  assert.equal(statusText({ ...byId('F1.2'), not_run: true }), 'met — not run yet: attested by Dana');
});

test('icons: severity for open ones, pass for met', () => {
  assert.deepEqual(iconFor(byId('F1.5')), { id: 'error', color: 'problemsErrorIcon.foreground' });
  assert.deepEqual(iconFor(byId('A1.1')), { id: 'info', color: 'problemsInfoIcon.foreground' });
  assert.equal(iconFor(byId('F1.2')).id, 'pass');
  assert.equal(iconFor(byId('T2.2')).id, 'circle-slash');
});

test('the tooltip names the catalogue entries a requirement rests on, each once', () => {
  const sources = { fairlearn: { name: 'fairlearn', docs: 'https://fairlearn.org/', catalogue: 'fairness' } };
  const req = {
    ...byId('F1.5'),
    signals: [{ name: 'aggregate-metrics', detail: 'overall metric', because: null }],
    evidence: [
      { kind: 'disaggregated-evaluation', detail: 'MetricFrame by sex', because: 'fairlearn' },
      { kind: 'disaggregated-evaluation', detail: 'MetricFrame by race', because: 'fairlearn' },
    ],
  };
  const text = tooltip(req, sources);
  assert.ok(text.endsWith('Per the catalogue: [fairlearn](https://fairlearn.org/)'), text);
  assert.ok(!tooltip(req).includes('Per the catalogue'), 'no sources: nothing to cite');
});

test('what comes from code or data is escaped in the tooltip, and only safe links are made', () => {
  const sources = {
    evil: { name: 'Md **bold** [click](https://evil.example) <img src=x>', docs: 'javascript:alert(1)', catalogue: 'org' },
  };
  const req = { ...byId('F1.5'), message: 'found `x` <b>y</b>', evidence: [{ kind: 'e', detail: 'd', because: 'evil' }] };
  const text = tooltip(req, sources);
  assert.ok(!text.includes('](https://evil.example)') && !text.includes('javascript:'), text);
  assert.ok(text.includes('\\*\\*bold\\*\\*') && text.includes('&lt;img') && text.includes('\\`x\\`'), text);
});

test('the tooltip shows one incident in one line, linked only to a web address and escaped', () => {
  const incident = { requirement: 'F1.5', id: 'gender-shades', text: 'Face analysis failed [women] (2018)', url: 'https://example.org/gs' };
  const text = tooltip(byId('F1.5'), {}, incident);
  const lines = text.split('\n').filter((line) => line.includes('When this was missed'));
  assert.deepEqual(lines, ['When this was missed: [Face analysis failed \\[women\\] \\(2018\\)](https://example.org/gs)']);
  const unsafe = tooltip(byId('F1.5'), {}, { ...incident, url: 'javascript:alert(1)' });
  assert.ok(!unsafe.includes('javascript:') && unsafe.includes('When this was missed: Face analysis'), unsafe);
  assert.ok(!tooltip(byId('F1.5')).includes('When this was missed'), 'no incident: no line');
});
