/** The desktop host's files: paths on the local disk through Node, every other file system through workspace.fs. */
import { diskFiles } from './disk-files';
import { uriOf } from './file-names';
import type { HostFiles } from './host-files';
import { workspaceFiles } from './workspace-files';

const onDisk = (name: string) => uriOf(name).scheme === 'file';

export const desktopFiles: HostFiles = {
  source: (name) => (onDisk(name) ? diskFiles : workspaceFiles).source(name),
  output: (target, inputs) => (onDisk(target) ? diskFiles : workspaceFiles).output(target, inputs),
  printer: () => diskFiles.printer(),
};
