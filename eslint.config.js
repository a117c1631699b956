// Lint: type-aware TypeScript rules plus the import zones of ../shared/STYLE.md, enforced mechanically.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const layer = (folders) => folders.map((folder) => `**/${folder}/**`);

/** Each zone lists what its files must not import. */
const zones = [
  {
    files: ['src/engine/**/*.ts'],
    message:
      'src/engine is pure: it imports nothing outside src/engine (no vscode, Node built-ins or DOM libraries).',
    paths: ['vscode', 'chart.js', '@duckdb/node-api', ...nodeBuiltins],
    patterns: layer(['io', 'cli', 'shared', 'extension', 'webview', 'renderer', 'duckdb']),
  },
  {
    files: ['src/io/**/*.ts'],
    message: 'src/io builds on the engine only; it never imports vscode or the front ends.',
    paths: ['vscode', 'chart.js', '@duckdb/node-api'],
    patterns: layer(['cli', 'shared', 'extension', 'webview', 'renderer', 'duckdb']),
  },
  {
    files: ['src/io/formats/**/*.ts', 'src/io/images/**/*.ts'],
    message:
      'Format readers work on bytes and async byte sources so they also run in a browser: Node file access lives in src/io/node.',
    paths: ['vscode', 'chart.js', ...nodeBuiltins],
    patterns: layer(['cli', 'shared', 'extension', 'webview', 'renderer', 'node']),
  },
  {
    files: ['src/shared/**/*.ts'],
    message: 'src/shared holds protocol types used by every host; it imports only the engine.',
    paths: ['vscode', '@duckdb/node-api', ...nodeBuiltins],
    patterns: layer(['io', 'cli', 'extension', 'webview', 'renderer', 'duckdb']),
  },
  {
    files: ['src/webview/**/*.ts', 'src/renderer/**/*.ts'],
    message: 'Browser bundles import only the engine and shared.',
    paths: ['vscode', '@duckdb/node-api', ...nodeBuiltins],
    patterns: layer(['io', 'cli', 'extension', 'duckdb']),
  },
  {
    files: ['src/analysis/**/*.ts'],
    message:
      'src/analysis reads Python source for the CLI and the extension: it builds on the engine, never on vscode or the front ends.',
    paths: ['vscode', 'chart.js'],
    patterns: layer(['io', 'cli', 'shared', 'extension', 'webview', 'renderer']),
  },
  {
    files: ['src/cli/**/*.ts'],
    message: 'The CLI runs outside VS Code.',
    paths: ['vscode'],
    patterns: layer(['extension', 'webview', 'renderer']),
  },
  {
    files: ['src/duckdb/**/*.ts'],
    message: 'src/duckdb is the Node-only DuckDB engine over engine and io; the front ends call it, not it them.',
    paths: ['vscode'],
    patterns: layer(['cli', 'extension', 'webview', 'renderer', 'shared']),
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'bench/data/**', 'kernels/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's test()/describe() promises are awaited by the runner itself.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='eval']",
          message: 'No eval: webviews run under a CSP without unsafe-eval.',
        },
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'No new Function: no code generation.',
        },
      ],
    },
  },
  ...zones.map(({ files, message, paths, patterns }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: paths.map((name) => ({ name, message })), patterns: [{ group: patterns, message }] },
      ],
    },
  })),
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { projectService: false, project: null } },
  },
  {
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { sourceType: 'commonjs', globals: globals.node, parserOptions: { projectService: false, project: null } },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
