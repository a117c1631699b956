// The same scenarios in desktop VS Code through @vscode/test-electron, for machines that have one
// (VSCODE_EXECUTABLE=/path/to/code). test-electron cannot download VS Code here, so it is skipped
// with this message elsewhere; code-server (extension.test.ts) is the real workbench in CI.
import { test } from 'node:test';
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const executable = process.env.VSCODE_EXECUTABLE;
const root = resolve(import.meta.dirname, '..', '..');

test(
  'NormScope commands in desktop VS Code (@vscode/test-electron)',
  {
    skip: executable
      ? false
      : 'set VSCODE_EXECUTABLE to a VS Code binary to run the desktop suite (no download here)',
  },
  async () => {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: resolve(import.meta.dirname, 'electron-suite', 'index.cjs'),
      launchArgs: [resolve(root, 'samples'), '--disable-extensions', '--disable-workspace-trust'],
    });
  },
);
