/**
 * How the extension reads and writes a user's files, whichever host it runs in: the desktop reads
 * `file:` paths with Node streams and everything else through `vscode.workspace.fs`; the browser host
 * (vscode.dev, github.dev) reads and writes everything through `vscode.workspace.fs`. A file is named by
 * a string everywhere (see file-names.ts): a path on disk, or a URI on any other file system.
 */
import type { ByteSource, OutputSink } from '../../io/byte-source';
import type { LinePrinter } from '../../io/csv/rewrite';

export interface HostFiles {
  /** The bytes of the file named `name`, named so in every message. */
  source(name: string): ByteSource;
  /**
   * An output that lands at `target` only when committed (a temporary name, then a rename), replacing
   * what was there (the user chose it in a save dialog); refused when `target` is one of `inputs`.
   */
  output(target: string, inputs: readonly string[]): Promise<OutputSink>;
  /** Prints a CSV export's numbers (on two cores where the host has them). */
  printer(): LinePrinter;
}
