/**
 * One string names a file for the readers, the writers and the messages: its path when it is on the
 * local disk (what the user sees in the explorer and a terminal), its URI on every other file system.
 */
import * as vscode from 'vscode';

const URI_WITH_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\//i;

export function nameOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

export function uriOf(name: string): vscode.Uri {
  return URI_WITH_AUTHORITY.test(name) ? vscode.Uri.parse(name) : vscode.Uri.file(name);
}
