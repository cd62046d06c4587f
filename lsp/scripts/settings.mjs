// The editor's project settings come from one source, raiassist.config.settings_schema():
// `--write` puts them into package.json (section "raiassist.project", keys exactly as in
// [tool.raiassist], default null so an unset setting leaves the project's file in charge);
// `--check` fails when package.json has drifted from it. Python: $RAIASSIST_PYTHON or .venv.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SECTION = 'raiassist.project';
const PYTHON_SNIPPET = 'import json; from raiassist.config import settings_schema; print(json.dumps(settings_schema()))';

/**
 * One `raiassist.<key>` property from the schema of one `[tool.raiassist]` key.
 * @param {{type: string, default: unknown, description: string, enum?: unknown[]}} schema
 * @returns {Record<string, unknown>}
 */
export function property(schema) {
  const { type, default: fallback, description, enum: values, ...rest } = schema;
  /** @type {Record<string, unknown>} */
  const result = { type: [type, 'null'], ...rest };
  if (values) {
    result.enum = [...values, null];
  }
  result.default = null;
  result.scope = 'resource';
  result.markdownDescription =
    `${description} Unset (\`null\`): the project's \`[tool.raiassist]\` in \`pyproject.toml\` ` +
    `(or \`raiassist.toml\`) decides; built-in default \`${JSON.stringify(fallback)}\`.`;
  return result;
}

/**
 * The manifest's configuration section for every key of settings_schema(), in its order.
 * @param {Record<string, {type: string, default: unknown, description: string, enum?: unknown[]}>} schema
 */
export function projectSection(schema) {
  const properties = Object.fromEntries(Object.entries(schema).map(([key, value]) => [`raiassist.${key}`, property(value)]));
  return { id: SECTION, title: 'raiassist: project settings (over pyproject.toml)', properties };
}

function settingsSchema() {
  const python = process.env.RAIASSIST_PYTHON || `${root}/.venv/bin/python`;
  return JSON.parse(execFileSync(python, ['-c', PYTHON_SNIPPET], { encoding: 'utf8' }));
}

/** @param {string} mode */
function main(mode) {
  const file = `${root}/package.json`;
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const sections = manifest.contributes.configuration;
  const index = sections.findIndex((/** @type {{id?: string}} */ section) => section.id === SECTION);
  const wanted = projectSection(settingsSchema());
  if (mode === '--check') {
    if (index < 0 || JSON.stringify(sections[index]) !== JSON.stringify(wanted)) {
      console.error('package.json: the raiassist.project settings differ from raiassist.config.settings_schema(); run `npm run settings`');
      return 1;
    }
    console.log('package.json settings match settings_schema()');
    return 0;
  }
  sections.splice(index < 0 ? sections.length : index, index < 0 ? 0 : 1, wanted);
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`package.json: wrote ${Object.keys(wanted.properties).length} project settings`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv[2] ?? '--check');
}
