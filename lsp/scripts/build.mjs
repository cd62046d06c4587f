// Bundle the extension into dist/extension.js with esbuild; with --tests, bundle each unit
// test (lsp/test/*.test.ts) into dist/test/ for `node --test`.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** @type {import('esbuild').BuildOptions} */
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', absWorkingDir: root };

if (process.argv.includes('--tests')) {
  const tests = readdirSync(`${root}/lsp/test`).filter((name) => name.endsWith('.test.ts'));
  await esbuild.build({ ...common, entryPoints: tests.map((name) => `lsp/test/${name}`), outdir: 'dist/test', format: 'esm', outExtension: { '.js': '.mjs' }, sourcemap: 'inline' });
} else {
  await esbuild.build({
    ...common,
    entryPoints: ['lsp/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: true,
    keepNames: true,
  });
}
