// ESLint for the VS Code extension (lsp/): typescript-eslint on the client and its tests,
// the recommended JavaScript rules on the build scripts and the end-to-end test.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '.venv/**', 'jupyter_ext/**', 'src/**', 'tests/**', 'examples/**'] },
  {
    files: ['lsp/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
    },
  },
  {
    files: ['lsp/**/*.mjs', 'eslint.config.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
);
