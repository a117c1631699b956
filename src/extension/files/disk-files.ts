/**
 * Paths on the local disk through Node: streamed reads, a temporary file renamed into place, CSV lines
 * printed on two cores. Free of the `vscode` API (the panel's unit tests write through it).
 */
import { AtomicOutput } from '../../io/node/atomic-output';
import { fileSource } from '../../io/node/file-source';
import { LineFormatter } from '../../io/node/line-formatter';
import type { HostFiles } from './host-files';

export const diskFiles: HostFiles = {
  source: fileSource,
  output: (target, inputs) => Promise.resolve(new AtomicOutput(target, { force: true, inputs })),
  printer: () => new LineFormatter(),
};
