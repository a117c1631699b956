// Runs inside desktop VS Code's extension host (@vscode/test-electron): the commands that need no
// dialog, called with their arguments as the explorer and editor menus call them.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

async function waitForPanel(title) {
  for (let i = 0; i < 100; i++) {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    if (tabs.some((tab) => tab.label === title)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no panel titled ${title}`);
}

exports.run = async function run() {
  const samples = vscode.workspace.workspaceFolders[0].uri.fsPath;
  await vscode.commands.executeCommand(
    'normscope.normalizeFile',
    vscode.Uri.file(path.join(samples, 'housing.csv')),
  );
  await waitForPanel('NormScope: housing.csv');
  await vscode.commands.executeCommand(
    'normscope.showStatistics',
    vscode.Uri.file(path.join(samples, 'activations.npy')),
  );
  await waitForPanel('NormScope: activations.npy');
  const document = await vscode.workspace.openTextDocument(path.join(samples, 'arrays.py'));
  const editor = await vscode.window.showTextDocument(document);
  const line = document.lineAt(6);
  editor.selection = new vscode.Selection(
    line.firstNonWhitespaceCharacterIndex === undefined
      ? line.range.start
      : new vscode.Position(6, line.firstNonWhitespaceCharacterIndex),
    line.range.end,
  );
  await vscode.commands.executeCommand('normscope.normalizeSelection');
  await waitForPanel('NormScope: selection in arrays.py');
  assert.ok(true);
};
