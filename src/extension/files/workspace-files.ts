/**
 * Files on any VS Code file system through `vscode.workspace.fs` (github.dev's virtual repository,
 * vscode.dev's local folders, remote hosts). `workspace.fs` reads whole files (it has no ranged reads),
 * so a source fetches the file once and hands out its chunks and prefix from memory; outputs are
 * gathered, written under a temporary name beside the target and renamed into place.
 */
import * as vscode from 'vscode';
import { bytesSource, type ByteSource, type OutputSink } from '../../io/byte-source';
import { inlinePrinter } from '../../io/csv/rewrite';
import { InputError } from '../../io/errors';
import { nameOf, uriOf } from './file-names';
import type { HostFiles } from './host-files';

/** Errors of `workspace.fs` as InputErrors naming the file (FileSystemError codes, not stack traces). */
function fileSystemError(error: unknown, name: string): unknown {
  if (!(error instanceof vscode.FileSystemError)) return error;
  const reasons: Record<string, string> = {
    FileNotFound: vscode.l10n.t('no such file'),
    FileIsADirectory: vscode.l10n.t('is a directory, not a file'),
    NoPermissions: vscode.l10n.t('permission denied'),
    Unavailable: vscode.l10n.t('the file system is unavailable'),
  };
  return new InputError(reasons[error.code] ?? error.message, name);
}

/**
 * `workspace.fs` hands over a file whole, so a file must fit in memory twice (its bytes and its table):
 * larger ones are refused by name, with where they can be opened instead.
 */
export const WHOLE_READ_LIMIT_BYTES = 512 * 2 ** 20;

async function readWhole(uri: vscode.Uri, name: string): Promise<Uint8Array> {
  try {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > WHOLE_READ_LIMIT_BYTES) {
      throw new InputError(
        vscode.l10n.t(
          'is {0} MiB; on this file system NormScope reads files whole, up to {1} MiB: open it in VS Code desktop, or run the normscope CLI on it',
          (size / 2 ** 20).toFixed(0),
          WHOLE_READ_LIMIT_BYTES / 2 ** 20,
        ),
        name,
      );
    }
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    throw fileSystemError(error, name);
  }
}

export function workspaceSource(uri: vscode.Uri): ByteSource {
  const name = nameOf(uri);
  let bytes: Promise<ByteSource> | undefined;
  const read = () => (bytes ??= readWhole(uri, name).then((data) => bytesSource(name, data)));
  return {
    name,
    prefix: async (length) => (await read()).prefix(length),
    chunks: async (onChunk) => (await read()).chunks(onChunk),
    whole: async () => (await read()).whole(),
  };
}

function temporarySibling(target: vscode.Uri): vscode.Uri {
  const random = crypto.getRandomValues(new Uint8Array(4));
  const tag = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
  const base = target.path.slice(target.path.lastIndexOf('/') + 1);
  return vscode.Uri.joinPath(target, '..', `.${base}.${tag}.tmp`);
}

/** Gathers the output's parts; commit writes them under a temporary name, then renames it into place. */
export function workspaceOutput(target: vscode.Uri, inputs: readonly string[]): OutputSink {
  const name = nameOf(target);
  if (inputs.some((input) => uriOf(input).toString() === target.toString()))
    throw new InputError(vscode.l10n.t('is an input of this command; write the output to a new file'), name);
  const encoder = new TextEncoder();
  let parts: Uint8Array[] = [];
  return {
    write: (part) => {
      parts.push(typeof part === 'string' ? encoder.encode(part) : part);
      return Promise.resolve();
    },
    async commit() {
      const bytes = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
      let at = 0;
      for (const part of parts) {
        bytes.set(part, at);
        at += part.length;
      }
      parts = [];
      const temporary = temporarySibling(target);
      try {
        await vscode.workspace.fs.writeFile(temporary, bytes);
        await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
      } catch (error) {
        await Promise.resolve(vscode.workspace.fs.delete(temporary)).catch(() => undefined);
        throw fileSystemError(error, name);
      }
    },
    abort: () => {
      parts = [];
      return Promise.resolve();
    },
  };
}

/** Every file through `workspace.fs`: the browser host's files. */
export const workspaceFiles: HostFiles = {
  source: (name) => workspaceSource(uriOf(name)),
  output: (target, inputs) => Promise.resolve(workspaceOutput(uriOf(target), inputs)),
  printer: () => inlinePrinter,
};
