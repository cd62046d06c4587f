/**
 * Editor settings and what the language server receives. Pure: no `vscode` import, so the
 * mapping is unit-tested. Project keys are spelled exactly as in `[tool.raiassist]`
 * (`raiassist.fail-on` is `fail-on`); they are generated into the manifest's
 * `raiassist.project` section from `raiassist.config.settings_schema()`.
 */

/** The id of the manifest's generated configuration section. */
export const PROJECT_SECTION = 'raiassist.project';

/** Extension settings whose change needs a new server process. */
export const RESTART_KEYS = ['interpreter', 'serverArgs'] as const;

export type Settings = Record<string, unknown>;

interface ConfigurationSection {
  id?: string;
  properties?: Record<string, unknown>;
}

interface Manifest {
  contributes?: { configuration?: ConfigurationSection | ConfigurationSection[] };
}

/** The project keys (e.g. `fail-on`) of the manifest's generated section, in order. */
export function projectKeys(manifest: Manifest): string[] {
  const sections = manifest.contributes?.configuration ?? [];
  const list = Array.isArray(sections) ? sections : [sections];
  const section = list.find((s) => s.id === PROJECT_SECTION);
  return Object.keys(section?.properties ?? {}).map((key) => key.replace(/^raiassist\./, ''));
}

/** The project settings the user set: unset ones (null) leave the project's file in charge. */
export function projectSettings(keys: readonly string[], get: (key: string) => unknown): Settings {
  const settings: Settings = {};
  for (const key of keys) {
    const value = get(key);
    if (value !== null && value !== undefined) {
      settings[key] = value;
    }
  }
  return settings;
}

/**
 * `initializationOptions` for `raiassist lsp`: the server pulls or pushes diagnostics as the
 * client can (VS Code pulls), never both.
 */
export function initializationOptions(settings: Settings): { diagnosticMode: 'auto'; settings: Settings } {
  return { diagnosticMode: 'auto', settings };
}

/** The `workspace/didChangeConfiguration` payload for a change of project settings. */
export function didChangeSettings(settings: Settings): { settings: { raiassist: Settings } } {
  return { settings: { raiassist: settings } };
}

export type Reaction = 'restart' | 'notify' | 'none';

/**
 * What a configuration change asks for: a new server (interpreter, arguments), the new
 * project settings sent to the running server, or nothing.
 * `affects` is `ConfigurationChangeEvent.affectsConfiguration`.
 */
export function reaction(affects: (section: string) => boolean, keys: readonly string[]): Reaction {
  if (RESTART_KEYS.some((key) => affects(`raiassist.${key}`))) {
    return 'restart';
  }
  return keys.some((key) => affects(`raiassist.${key}`)) ? 'notify' : 'none';
}

/** Whether a server message of this LSP `MessageType` (1 error … 4 log) pops up. */
export function showsPopup(setting: string, type: number): boolean {
  if (setting === 'off') {
    return false;
  }
  return setting === 'always' ? type <= 3 : type === 1;
}
