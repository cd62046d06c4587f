import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  didChangeSettings,
  initializationOptions,
  projectKeys,
  projectSettings,
  reaction,
  showsPopup,
} from '../src/settings';
// @ts-expect-error: a plain ES module without type declarations
import { projectSection } from '../scripts/settings.mjs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

test('project keys come from the generated section, spelled as in [tool.raiassist]', () => {
  const keys = projectKeys(manifest);
  assert.ok(keys.includes('fail-on') && keys.includes('per-path-ignores') && keys.includes('packs'));
  assert.ok(!keys.includes('interpreter') && !keys.includes('trace.server'));
});

test('unset (null) settings are left out so the project file decides', () => {
  const values: Record<string, unknown> = { 'fail-on': 'warning', show: null, select: [], packs: undefined };
  const settings = projectSettings(['fail-on', 'show', 'select', 'packs'], (key) => values[key]);
  assert.deepEqual(settings, { 'fail-on': 'warning', select: [] });
  assert.deepEqual(initializationOptions(settings), { diagnosticMode: 'auto', settings: { 'fail-on': 'warning', select: [] } });
  assert.deepEqual(didChangeSettings(settings), { settings: { raiassist: { 'fail-on': 'warning', select: [] } } });
});

test('interpreter and arguments restart the server; project settings are sent to it', () => {
  const keys = ['fail-on', 'show'];
  const affects = (changed: string[]) => (section: string) => changed.includes(section);
  assert.equal(reaction(affects(['raiassist.interpreter']), keys), 'restart');
  assert.equal(reaction(affects(['raiassist.serverArgs', 'raiassist.show']), keys), 'restart');
  assert.equal(reaction(affects(['raiassist.fail-on']), keys), 'notify');
  assert.equal(reaction(affects(['raiassist.showNotifications']), keys), 'none');
});

test('showNotifications: off, errors only, or every message but logs', () => {
  assert.deepEqual([1, 2, 3, 4].map((type) => showsPopup('off', type)), [false, false, false, false]);
  assert.deepEqual([1, 2, 3, 4].map((type) => showsPopup('onError', type)), [true, false, false, false]);
  assert.deepEqual([1, 2, 3, 4].map((type) => showsPopup('always', type)), [true, true, true, false]);
});

test('the generator makes nullable settings that default to null', () => {
  const schema = {
    'fail-on': { type: 'string', enum: ['info', 'error'], default: 'error', description: 'Exit with 1.' },
    select: { type: 'array', items: { type: 'string' }, default: [], description: 'Only these.' },
  };
  const section = projectSection(schema);
  assert.equal(section.id, 'raiassist.project');
  assert.deepEqual(Object.keys(section.properties), ['raiassist.fail-on', 'raiassist.select']);
  const failOn = section.properties['raiassist.fail-on'];
  assert.deepEqual(failOn.type, ['string', 'null']);
  assert.deepEqual(failOn.enum, ['info', 'error', null]);
  assert.equal(failOn.default, null);
  assert.match(String(failOn.markdownDescription), /^Exit with 1\. Unset .*default `"error"`\.$/);
  assert.deepEqual(section.properties['raiassist.select'].items, { type: 'string' });
});
