// Builds every bundle NormScope ships. `node esbuild.mjs` builds once; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { noNodeBuiltins } from './scripts/no-node-builtins.mjs';

const watch = process.argv.includes('--watch');

/**
 * The format readers on large libraries (src/io/formats/libraries.ts) live in dist/formats.cjs; the CLI
 * and extension bundles import them dynamically, and this makes those imports a require of that file,
 * so loading the CLI or activating the extension parses none of it.
 */
const formatLibrariesApart = {
  name: 'format-libraries-apart',
  setup(build) {
    build.onResolve({ filter: /\/formats\/(parquet|arrow|xlsx|table-writers|libraries)$/ }, () => ({
      path: './formats.cjs',
      external: true,
    }));
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    // A native module loads from node_modules, never bundled: DuckDB only when --engine duckdb runs
    // (src/duckdb/connection.ts).
    external: ['@duckdb/node-api'],
    plugins: [formatLibrariesApart],
    // web-tree-sitter's ES build reads import.meta.url; a CommonJS bundle needs its CommonJS build.
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
  },
  {
    // Prints half of each batch of a normalized CSV on a second core (src/io/node/line-formatter.ts).
    entryPoints: ['src/io/node/worker.ts'],
    outfile: 'dist/worker.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/io/formats/libraries.ts'],
    outfile: 'dist/formats.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', '@duckdb/node-api'],
    plugins: [formatLibrariesApart],
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
  },
  {
    // The web extension (vscode.dev, github.dev): a CommonJS module for the web worker extension host.
    // Any Node built-in on its path fails the build (web-tree-sitter's Node-only branch is stubbed).
    entryPoints: ['src/extension/extension-web.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    minify: true,
    plugins: [noNodeBuiltins({ stubbedIn: ['web-tree-sitter'] })],
  },
  {
    // The panel runs in a webview under a CSP without 'unsafe-eval': nothing bundled may generate code.
    entryPoints: ['src/webview/index.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
  },
  {
    entryPoints: ['src/webview/explainer.ts'],
    outfile: 'dist/explainer.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
  },
  {
    // The image panel (Show Statistics on images): its own page under the same CSP.
    entryPoints: ['src/webview/images/index.ts'],
    outfile: 'dist/images.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
  },
  {
    // Notebook renderers are ES modules; the panel's stylesheet is bundled as text (scoped at runtime).
    entryPoints: ['src/renderer/index.ts'],
    outfile: 'dist/renderer.js',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    loader: { '.css': 'text' },
  },
];

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

// The Python grammar runs as WebAssembly: ship its two .wasm files next to the bundles that parse Python.
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm');
copyFileSync('node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm');
// The JPEG and WebP decoders too (src/io/images/codec-wasm.ts names them), read on the first such image.
copyFileSync('node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm', 'dist/mozjpeg_dec.wasm');
copyFileSync('node_modules/@jsquash/webp/codec/dec/webp_dec.wasm', 'dist/webp_dec.wasm');
const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  define: { VERSION: JSON.stringify(version) },
};

if (watch) {
  for (const options of bundles) await (await esbuild.context({ ...common, ...options })).watch();
} else {
  await Promise.all(bundles.map((options) => esbuild.build({ ...common, ...options })));
}
